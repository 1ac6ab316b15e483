"""weibo_search: keyword search through the JSON API behind m.weibo.cn's search page."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import quote

from scrapy import Request
from scrapy.http import Response

from collectors.spiders.base import YuqingSpider
from collectors.spiders.weibo_common import mblog_page

SEARCH_PATH = "/api/container/getIndex?containerid={container}&page_type=searchall&page={page}"


class WeiboSearchSpider(YuqingSpider):
    """Pages through search results per keyword until they leave the window (WEIBO_KEYWORDS)."""

    name = "weibo_search"
    settings_prefix = "WEIBO"

    async def start(self) -> AsyncIterator[Any]:
        """Page 1 of every keyword."""
        for keyword in self.setting_list("KEYWORDS"):
            yield self.page_request(keyword, 1)

    def page_request(self, keyword: str, page: int) -> Request:
        """The request for one result page."""
        container = quote(f"100103type=1&q={keyword}", safe="")
        url = self.base_url + SEARCH_PATH.format(container=container, page=page)
        return Request(url, callback=self.parse, cb_kwargs={"keyword": keyword, "page": page})

    def parse(self, response: Response, keyword: str = "", page: int = 1) -> Iterator[Any]:
        """Posts of one result page, then the next page while results are recent."""
        found = mblog_page(response, self.when, self.now)
        if found is None:
            return
        yield from found.items(self.base_url)
        if self.wants_more(page, (p.published_at for p in found.posts)):
            yield self.page_request(keyword, page + 1)
