"""Fake www.zhihu.com: search and answer pages, x-zse-96 signed API."""

from __future__ import annotations

from typing import Any

from tests.collectors.browser_site import FakeComment, FakePost, Reply, Request, json_reply, page
from tests.collectors.fake_platforms import CAPTCHA_PAGE, PlatformSite, seconds


class ZhihuSite(PlatformSite):
    """www.zhihu.com: /search?type=content&q, /question/{q}/answer/{a}; x-zse-96 header."""

    cookie_name = "z_c0"

    def expected_signature(self, request: Request) -> str | None:
        """The x-zse-96 header without its version prefix."""
        return (request.headers.get("x-zse-96") or "").removeprefix("2.0_") or None

    def answer(self, request: Request) -> Reply:
        """Pages and API."""
        if request.path == "/search":
            if self.variant == "captcha":
                return Reply(
                    status=302,
                    headers={"Location": "/account/unhuman?type=unhuman&need_login=false"},
                )
            return page(
                "知乎搜索",
                ZH_SEARCH_JS,
                "state.offset += 2; return !data.paging.is_end;",
                self.salt,
            )
        if request.path == "/account/unhuman":
            return Reply(
                CAPTCHA_PAGE.replace("安全验证", "安全验证 - 知乎", 1),
                content_type="text/html; charset=utf-8",
            )
        if request.path.startswith("/question/"):
            # Like the real page, comments load only after a click on "N 条评论".
            post = self.post(request.path.rsplit("/", 1)[-1])
            button = f"<button id='comments'>{post.comment_count()} 条评论</button>"
            start = 'document.getElementById("comments").onclick = () => load();'
            return page("知乎回答", ZH_COMMENT_JS, ZH_NEXT, self.salt, start, button)
        if not request.path.startswith("/api/"):
            return Reply("not found", 404, "text/plain")
        refused = json_reply(
            {"error": {"code": 10003, "message": "请求参数异常，请升级客户端后重试"}}, 403
        )
        expired = json_reply(
            {"error": {"code": 100, "message": "请先登录", "name": "AuthenticationInvalidRequest"}},
            401,
        )
        return self.api(request, request.raw_path, refused, expired) or self.data(request)

    def qid(self, post: FakePost) -> str:
        """The question an answer belongs to."""
        return f"60000{self.posts.index(post)}"

    def data(self, request: Request) -> Reply:
        """search_v3 and root_comment."""
        query = request.query
        if request.path == "/api/v4/search_v3":
            offset = int(query["offset"])
            found = self.posts[offset : offset + self.page_size]
            items = [{"type": "relevant_query", "query_list": [{"query": "鲜味坊 外卖"}]}]
            items += [
                {
                    "type": "search_result",
                    "highlight": {"title": p.title},
                    "object": self.answer_object(p),
                }
                for p in found
            ]
            return json_reply(
                {
                    "paging": {"is_end": offset + self.page_size >= len(self.posts), "next": ""},
                    "data": items,
                }
            )
        post = self.post(request.path.split("/")[5])
        offset = int(query.get("offset") or 0)
        page_no = offset // self.page_size + 1
        if self.failing(post, page_no):
            return Reply("", 500)
        shown, more = self.comment_slice(post, page_no)
        next_url = (
            f"https://www.zhihu.com/api/v4/comment_v5/answers/{post.id}/root_comment"
            f"?order_by=score&limit=2&offset={offset + len(shown)}"
        )
        paging = {
            "is_end": not more,
            "is_start": page_no == 1,
            "next": next_url,
            "previous": "",
            "totals": post.comment_count(),
        }
        return json_reply(
            {
                "data": [self.comment(c) for c in shown],
                "paging": paging,
                "counts": {"total_counts": post.comment_count()},
            }
        )

    def answer_object(self, post: FakePost) -> dict[str, Any]:
        """object of a search_result."""
        badge = (
            [{"type": "identity", "description": "认证餐饮从业者"}]
            if post.followers > 10000
            else []
        )
        return {
            "id": post.id,
            "type": "answer",
            "url": f"https://api.zhihu.com/answers/{post.id}",
            "excerpt": post.text[:10],
            "content": f"<p>{post.text}</p><p>第二段</p>",
            "created_time": seconds(post.at),
            "updated_time": seconds(post.at),
            "voteup_count": 42,
            "comment_count": post.comment_count(),
            "question": {
                "id": self.qid(post),
                "type": "question",
                "name": f"<em>{post.title}</em>？",
            },
            "author": {
                "id": "a1b2",
                "url_token": f"user-{post.followers}",
                "name": post.user,
                "headline": "",
                "follower_count": post.followers,
                "badge": badge,
            },
        }

    def comment(self, c: FakeComment, parent: str = "0") -> dict[str, Any]:
        """A root comment with its child comments."""
        return {
            "id": c.id,
            "type": "comment",
            "resource_type": "answer",
            "content": f"<p>{c.text}</p>",
            "created_time": seconds(c.at),
            "like_count": 3,
            "child_comment_count": len(c.replies),
            "author": {"id": f"m{len(c.user)}", "url_token": f"m-{c.user}", "name": c.user},
            "comment_tag": [{"type": "ip_info", "text": f"IP 属地{c.region}", "color": "#8491A5"}],
            "reply_comment_id": parent,
            "reply_root_comment_id": parent,
            "child_comments": [self.comment(r, c.id) for r in c.replies],
        }


ZSE = '{headers: {"x-zse-93": "101_3_3.0", "x-zse-96": "2.0_" + sign(path)}}'
ZH_SEARCH_JS = f"""
const path = "/api/v4/search_v3?gk_version=gz-gaokao&t=general"
  + `&q=${{encodeURIComponent(PARAMS.get("q"))}}&correction=1&offset=${{state.offset}}`
  + "&limit=2&search_source=Normal";
return fetch(path, {ZSE});
"""
ZH_COMMENT_JS = f"""
const path = `/api/v4/comment_v5/answers/${{LAST}}/root_comment?order_by=score&limit=2`
  + `&offset=${{state.cursor}}`;
return fetch(path, {ZSE});
"""
ZH_NEXT = (
    'state.cursor = new URL(data.paging.next).searchParams.get("offset");'
    " return !data.paging.is_end;"
)
