"""Fake www.douyin.com: search and video pages, a_bogus signed API."""

from __future__ import annotations

from typing import Any

from tests.collectors.browser_site import FakeComment, FakePost, Reply, Request, json_reply, page
from tests.collectors.fake_platforms import QuerySignedSite, seconds


class DouyinSite(QuerySignedSite):
    """www.douyin.com: /search/{kw}?type=video, /video/{id}; a_bogus in the query."""

    cookie_name = "sessionid"
    comments_on_scroll = False
    broken_comment = False  # add a comment without create_time on each post (a counted loss)

    def answer(self, request: Request) -> Reply:
        """Pages and API."""
        if request.path.startswith("/search/"):
            title = "验证码中间页" if self.variant == "captcha" else "抖音搜索"
            return page(
                title,
                DY_SEARCH_JS,
                "state.offset = data.cursor; return data.has_more === 1;",
                self.salt,
            )
        if request.path.startswith("/video/"):
            next_js = "state.offset = data.cursor; return data.has_more === 1;"
            if self.comments_on_scroll:  # a page layout that fetches comments only when shown
                player = "<div style='height:2000px'>播放器</div>"
                return page("抖音视频", DY_COMMENT_JS, next_js, self.salt, "", player)
            return page("抖音视频", DY_COMMENT_JS, next_js, self.salt)
        if not request.path.startswith("/aweme/"):
            return Reply("not found", 404, "text/plain")
        refused = Reply("", 200)  # douyin answers a bad a_bogus with an empty 200
        expired = json_reply({"status_code": 8, "status_msg": "用户未登录"})
        return self.api(request, self.unsigned(request), refused, expired) or self.data(request)

    def data(self, request: Request) -> Reply:
        """search/item and comment/list."""
        query = request.query
        offset = int(query.get("offset") or query.get("cursor") or 0)
        if request.path == "/aweme/v1/web/search/item/":
            found = self.posts[offset : offset + self.page_size]
            more = offset + self.page_size < len(self.posts)
            items = [{"type": 1, "aweme_info": self.video(p)} for p in found]
            return json_reply(
                {
                    "status_code": 0,
                    "data": items,
                    "has_more": int(more),
                    "cursor": offset + len(found),
                    "extra": {"now": 1},
                }
            )
        post = self.post(query["aweme_id"])
        page_no = offset // self.page_size + 1
        if self.failing(post, page_no):
            return Reply("", 500)
        shown, more = self.comment_slice(post, page_no)
        comments = [self.comment(c, post) for c in shown]
        if self.broken_comment and page_no == 1:
            comments.append({"cid": "7410000000000000bad", "text": "没有时间的评论", "status": 1})
        return json_reply(
            {
                "status_code": 0,
                "comments": comments,
                "cursor": offset + len(shown),
                "has_more": int(more),
                "total": post.comment_count(),
            }
        )

    def video(self, post: FakePost) -> dict[str, Any]:
        """aweme_info."""
        return {
            "aweme_id": post.id,
            "desc": f"{post.title} {post.text}",
            "create_time": seconds(post.at),
            "author": {
                "uid": f"{post.followers}",
                "sec_uid": "MS4wLjABAAAA",
                "nickname": post.user,
                "follower_count": post.followers,
                "custom_verify": "美食博主" if post.followers > 10000 else "",
                "enterprise_verify_reason": "",
            },
            "statistics": {
                "comment_count": post.comment_count(),
                "digg_count": 345,
                "share_count": 6,
                "play_count": 0,
                "collect_count": 7,
            },
        }

    def comment(self, c: FakeComment, post: FakePost, parent: str = "0") -> dict[str, Any]:
        """A comment; replies the page shows inline come in reply_comment."""
        return {
            "cid": c.id,
            "text": c.text,
            "aweme_id": post.id,
            "create_time": seconds(c.at),
            "digg_count": 2,
            "status": 1,
            "user": {"uid": f"u{len(c.user)}", "nickname": c.user},
            "reply_id": parent,
            "reply_to_reply_id": "0",
            "reply_comment_total": len(c.replies),
            "ip_label": c.region,
            "reply_comment": [self.comment(r, post, c.id) for r in c.replies] or None,
        }


DY_SEARCH_JS = """
const path = "/aweme/v1/web/search/item/?device_platform=webapp&aid=6383"
  + `&keyword=${encodeURIComponent(decodeURIComponent(LAST))}&offset=${state.offset}&count=2`;
return fetch(path + "&a_bogus=" + sign(path));
"""
DY_COMMENT_JS = """
const path = "/aweme/v1/web/comment/list/?device_platform=webapp&aid=6383"
  + `&aweme_id=${LAST}&cursor=${state.offset}&count=2`;
return fetch(path + "&a_bogus=" + sign(path));
"""
