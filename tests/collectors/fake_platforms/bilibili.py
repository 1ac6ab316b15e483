"""Fake search.bilibili.com / www.bilibili.com: WBI (w_rid) signed API."""

from __future__ import annotations

import json
from typing import Any

from tests.collectors.browser_site import FakeComment, FakePost, Reply, Request, json_reply, page
from tests.collectors.fake_platforms import QuerySignedSite, seconds


class BilibiliSite(QuerySignedSite):
    """search.bilibili.com/video?keyword&page and www.bilibili.com/video/{bvid}; WBI w_rid."""

    cookie_name = "SESSDATA"
    sign_param = "w_rid"

    def aid(self, post: FakePost) -> int:
        """The numeric av id of a video."""
        return 1000 + self.posts.index(post)

    def answer(self, request: Request) -> Reply:
        """Pages and API."""
        if request.path == "/video":
            return page("B站搜索", BILI_SEARCH_JS, "return false;", self.salt)
        if request.path.startswith("/video/"):
            post = self.post(request.path.rsplit("/", 1)[-1])
            # Like the real page, the comments load only once the reader scrolls down to them.
            player = "<div style='height:2000px'>播放器</div>"
            start = f"const AID = {self.aid(post)};"
            return page("B站视频", BILI_REPLY_JS, BILI_NEXT, self.salt, start, player)
        if not request.path.startswith("/x/"):
            return Reply("not found", 404, "text/plain")
        refused = json_reply({"code": -403, "message": "访问权限不足", "ttl": 1})
        expired = json_reply({"code": -101, "message": "账号未登录", "ttl": 1})
        if self.variant == "captcha":
            return json_reply(
                {
                    "code": -352,
                    "message": "风控校验失败",
                    "ttl": 1,
                    "data": {"v_voucher": "voucher_1"},
                }
            )
        return self.api(request, self.unsigned(request), refused, expired) or self.data(request)

    def data(self, request: Request) -> Reply:
        """search/type and reply/wbi/main."""
        query = request.query
        if request.path == "/x/web-interface/wbi/search/type":
            page_no = int(query["page"])
            found = self.posts[(page_no - 1) * self.page_size : page_no * self.page_size]
            pages = -(-len(self.posts) // self.page_size)
            data = {
                "page": page_no,
                "pagesize": self.page_size,
                "numResults": len(self.posts),
                "numPages": pages,
                "result": [self.video(p) for p in found],
            }
            return json_reply({"code": 0, "message": "0", "ttl": 1, "data": data})
        post = next(p for p in self.posts if self.aid(p) == int(query["oid"]))
        offset = json.loads(query["pagination_str"]).get("offset") or "0"
        page_no = int(offset) + 1
        if self.failing(post, page_no):
            return Reply("", 500)
        shown, more = self.comment_slice(post, page_no)
        cursor = {
            "is_begin": page_no == 1,
            "is_end": not more,
            "mode": 3,
            "pagination_reply": {"next_offset": str(page_no)},
        }
        data = {
            "cursor": cursor,
            "replies": [self.reply(c, post) for c in shown],
            "top_replies": [],
        }
        return json_reply({"code": 0, "message": "0", "ttl": 1, "data": data})

    def video(self, post: FakePost) -> dict[str, Any]:
        """A search result."""
        return {
            "type": "video",
            "id": self.aid(post),
            "aid": self.aid(post),
            "bvid": post.id,
            "author": post.user,
            "mid": post.followers,
            "title": f'<em class="keyword">鲜味坊</em>{post.title.removeprefix("鲜味坊")}',
            "description": post.text,
            "arcurl": f"http://www.bilibili.com/video/{post.id}",
            "play": 5000,
            "video_review": 10,
            "favorites": 3,
            "review": post.comment_count(),
            "pubdate": seconds(post.at),
            "senddate": seconds(post.at),
            "duration": "3:21",
            "like": 99,
            "tag": "美食",
        }

    def reply(self, c: FakeComment, post: FakePost, root: int = 0) -> dict[str, Any]:
        """A reply with the sub-replies shown under it."""
        rpid = int(c.id)
        return {
            "rpid": rpid,
            "oid": self.aid(post),
            "type": 1,
            "mid": 7,
            "root": root,
            "parent": root,
            "ctime": seconds(c.at),
            "like": 2,
            "rcount": len(c.replies),
            "count": len(c.replies),
            "member": {
                "mid": "7",
                "uname": c.user,
                "sex": "保密",
                "official_verify": {"type": 0 if c.user == "小王" else -1, "desc": ""},
            },
            "content": {"message": c.text},
            "reply_control": {"location": f"IP属地：{c.region}", "time_desc": "1小时前发布"},
            "replies": [self.reply(r, post, rpid) for r in c.replies],
        }


BILI_SEARCH_JS = """
const q = `search_type=video&keyword=${encodeURIComponent(PARAMS.get("keyword"))}`
  + `&page=${PARAMS.get("page") || 1}&page_size=2&wts=${Math.floor(Date.now() / 1000)}`;
const path = "/x/web-interface/wbi/search/type?" + q;
return fetch(path + "&w_rid=" + sign(path));
"""
BILI_REPLY_JS = """
const pagination = encodeURIComponent(JSON.stringify({offset: state.cursor}));
const path = `/x/v2/reply/wbi/main?oid=${AID}&type=1&mode=3&pagination_str=${pagination}`
  + `&plat=1&wts=${Math.floor(Date.now() / 1000)}`;
return fetch(path + "&w_rid=" + sign(path));
"""
BILI_NEXT = (
    "state.cursor = data.data.cursor.pagination_reply.next_offset; return !data.data.cursor.is_end;"
)
