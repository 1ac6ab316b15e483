"""Fake www.xiaohongshu.com: search_result and explore pages, X-s signed API."""

from __future__ import annotations

import json
from typing import Any

from tests.collectors.browser_site import FakeComment, FakePost, Reply, Request, json_reply, page
from tests.collectors.fake_platforms import CAPTCHA_PAGE, PlatformSite, seconds


class XiaohongshuSite(PlatformSite):
    """www.xiaohongshu.com: /search_result, /explore/{id}; signed with the X-s header."""

    cookie_name = "web_session"
    deleted: frozenset[str] = frozenset()  # notes whose page says 笔记不存在

    def expected_signature(self, request: Request) -> str | None:
        """The X-s header."""
        return request.headers.get("x-s")

    def answer(self, request: Request) -> Reply:
        """Pages and API."""
        if request.path == "/search_result":
            if self.variant == "captcha":
                return Reply(
                    status=302, headers={"Location": "/website-login/captcha?redirectPath=/"}
                )
            return page(
                "小红书 - 搜索", SEARCH_JS, "state.page += 1; return data.data.has_more;", self.salt
            )
        if request.path == "/website-login/captcha":
            return Reply(CAPTCHA_PAGE, content_type="text/html; charset=utf-8")
        if request.path.startswith("/explore/"):
            return page("小红书 - 笔记", NOTE_JS, NOTE_NEXT, self.salt, start=FEED_JS)
        if not request.path.startswith("/api/"):
            return Reply("not found", 404, "text/plain")
        refused = json_reply({"code": 406, "success": False, "msg": "签名校验失败"}, 406)
        expired = json_reply({"code": -100, "errCode": -100, "success": False, "msg": "登录已过期"})
        return self.api(request, request.raw_path + request.body, refused, expired) or self.data(
            request
        )

    def data(self, request: Request) -> Reply:
        """search/notes, feed, comment/page."""
        if request.path == "/api/sns/web/v1/search/notes":
            ask = json.loads(request.body)
            start = (ask["page"] - 1) * self.page_size
            found = self.posts[start : start + self.page_size]
            items = [self.card(p) for p in found]
            items.append(
                {"id": "rq1", "model_type": "rec_query", "rec_query": {"title": "相关搜索"}}
            )
            more = start + self.page_size < len(self.posts)
            return json_reply(
                {
                    "code": 0,
                    "success": True,
                    "msg": "成功",
                    "data": {"has_more": more, "items": items},
                }
            )
        if request.path == "/api/sns/web/v1/feed":
            ask = json.loads(request.body)
            post = self.post(ask["source_note_id"])
            if ask.get("xsec_token") != f"tok-{post.id}" or post.id in self.deleted:
                return json_reply({"code": -510001, "success": False, "msg": "笔记不存在"})
            return json_reply(
                {
                    "code": 0,
                    "success": True,
                    "data": {
                        "items": [
                            {"id": post.id, "model_type": "note", "note_card": self.note(post)}
                        ]
                    },
                }
            )
        post = self.post(request.query["note_id"])
        cursor = request.query.get("cursor", "")
        index = next((i for i, c in enumerate(post.comments) if c.id == cursor), 0)
        page_no = index // self.page_size + 2 if cursor else 1
        if self.failing(post, page_no):
            return Reply("", 500)
        shown, more = self.comment_slice(post, page_no)
        data = {
            "comments": [self.comment(c, post) for c in shown],
            "cursor": shown[-1].id if shown else "",
            "has_more": more,
            "user_id": "me",
        }
        return json_reply({"code": 0, "success": True, "msg": "成功", "data": data})

    def card(self, post: FakePost) -> dict[str, Any]:
        """A search result item."""
        return {
            "id": post.id,
            "model_type": "note",
            "xsec_token": f"tok-{post.id}",
            "note_card": {
                "type": "normal",
                "display_title": post.title,
                "user": {
                    "user_id": f"u{post.followers}",
                    "nickname": post.user,
                    "avatar": "https://sns-avatar-qc.xhscdn.com/a.jpg",
                },
                "interact_info": {
                    "liked": False,
                    "liked_count": "1.2万",
                    "comment_count": str(post.comment_count()),
                },
            },
        }

    def note(self, post: FakePost) -> dict[str, Any]:
        """note_card of the feed answer."""
        return {
            "note_id": post.id,
            "type": "normal",
            "title": post.title,
            "desc": post.text,
            "time": seconds(post.at) * 1000,
            "last_update_time": seconds(post.at) * 1000,
            "ip_location": "广东",
            "user": {"user_id": f"u{post.followers}", "nickname": post.user},
            "interact_info": {
                "liked_count": "1.2万",
                "collected_count": "300",
                "comment_count": str(post.comment_count()),
                "share_count": "15",
            },
            "image_list": [{"url_default": "http://sns-webpic-qc.xhscdn.com/1.jpg"}],
            "tag_list": [],
        }

    def comment(
        self, c: FakeComment, post: FakePost, target: FakeComment | None = None
    ) -> dict[str, Any]:
        """A comment with its sub_comments."""
        data: dict[str, Any] = {
            "id": c.id,
            "note_id": post.id,
            "content": c.text,
            "create_time": seconds(c.at) * 1000,
            "ip_location": c.region,
            "like_count": "3",
            "status": 0,
            "at_users": [],
            "show_tags": [],
            "user_info": {
                "user_id": f"u-{c.user}",
                "nickname": c.user,
                "image": "https://sns-avatar-qc.xhscdn.com/b.jpg",
            },
            "sub_comment_count": str(len(c.replies)),
            "sub_comment_has_more": False,
            "sub_comments": [self.comment(r, post, c) for r in c.replies],
        }
        if target is not None:
            data["target_comment"] = {
                "id": target.id,
                "user_info": {"user_id": f"u-{target.user}", "nickname": target.user},
            }
        return data


JSON_POST = (
    '{method: "POST", body, headers: {"Content-Type": "application/json", '
    '"X-s": sign(path + body)}}'
)
SEARCH_JS = f"""
const body = JSON.stringify({{keyword: PARAMS.get("keyword"), page: state.page, page_size: 2,
  search_id: "2dk1", sort: "general", note_type: 0}});
const path = "/api/sns/web/v1/search/notes";
return fetch(path, {JSON_POST});
"""
NOTE_JS = """
const path = `/api/sns/web/v2/comment/page?note_id=${LAST}&cursor=${state.cursor}`
  + "&top_comment_id=&image_formats=jpg,webp,avif";
return fetch(path, {headers: {"X-s": sign(path)}});
"""
NOTE_NEXT = "state.cursor = data.data.cursor; return data.data.has_more;"
FEED_JS = f"""
(async () => {{
  const body = JSON.stringify({{source_note_id: LAST, image_formats: ["jpg", "webp", "avif"],
    extra: {{need_body_topic: "1"}}, xsec_source: "pc_search",
    xsec_token: PARAMS.get("xsec_token")}});
  const path = "/api/sns/web/v1/feed";
  await fetch(path, {JSON_POST});
  load();
}})();
"""
