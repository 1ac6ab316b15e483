"""weibo_user: timelines of configured accounts (incl. the brand's own) and their comments."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from scrapy import Request
from scrapy.http import Response

from collectors.fields import parse_count
from collectors.spiders.base import YuqingSpider
from collectors.spiders.weibo_common import api_data, comment_post, mblog_page

TIMELINE_PATH = "/api/container/getIndex?containerid=107603{uid}"
COMMENTS_PATH = "/comments/hotflow?id={mid}&mid={mid}&max_id_type={max_id_type}"


class WeiboUserSpider(YuqingSpider):
    """WEIBO_UIDS timelines; comments (WEIBO_COMMENTS, WEIBO_COMMENT_PAGES) under each post."""

    name = "weibo_user"
    settings_prefix = "WEIBO"

    async def start(self) -> AsyncIterator[Any]:
        """The first timeline page of every account."""
        for uid in self.setting_list("UIDS"):
            yield self.timeline_request(uid, 1, None)

    def timeline_request(self, uid: str, page: int, since_id: str | None) -> Request:
        """One timeline page (since_id paging when the API offers it, else page numbers)."""
        url = self.base_url + TIMELINE_PATH.format(uid=uid)
        url += f"&since_id={since_id}" if since_id else (f"&page={page}" if page > 1 else "")
        return Request(url, callback=self.parse, cb_kwargs={"uid": uid, "page": page})

    def parse(self, response: Response, uid: str = "", page: int = 1) -> Iterator[Any]:
        """Posts of one timeline page, their comment pages, then the next timeline page."""
        found = mblog_page(response, self.when, self.now)
        if found is None:
            return
        yield from found.items(self.base_url)
        if self.settings.getbool("WEIBO_COMMENTS", True):
            for post, mblog in zip(found.posts, found.mblogs, strict=True):
                if (parse_count(mblog.get("comments_count")) or 0) > 0:
                    yield self.comments_request(post.native_id, None, 0, 1)
        if self.wants_more(page, (p.published_at for p in found.posts)):
            since_id = (found.data.get("cardlistInfo") or {}).get("since_id")
            yield self.timeline_request(uid, page + 1, str(since_id) if since_id else None)

    def comments_request(self, mid: str, max_id: object, max_id_type: object, page: int) -> Request:
        """One page of the hot-flow comments under a post."""
        url = self.base_url + COMMENTS_PATH.format(mid=mid, max_id_type=max_id_type or 0)
        url += f"&max_id={max_id}" if max_id else ""
        return Request(url, callback=self.parse_comments, cb_kwargs={"mid": mid, "page": page})

    def parse_comments(self, response: Response, mid: str = "", page: int = 1) -> Iterator[Any]:
        """Comments of one page, then the next page while max_id says there is one."""
        data = api_data(response)
        if data is None:
            return
        comments = [
            comment_post(c, mid, self.when, self.now)
            for c in data.get("data") or []
            if isinstance(c, dict)
        ]
        yield from comments
        limit = int(self.setting("COMMENT_PAGES", 2))
        if (
            data.get("max_id")
            and page < limit
            and any(c.published_at and c.published_at >= self.since for c in comments)
        ):
            yield self.comments_request(mid, data["max_id"], data.get("max_id_type"), page + 1)
