"""tieba: Baidu Tieba threads by forum name (list → thread pages) and posts by keyword search.

List pages hide the thread list inside an HTML comment in `<code id="pagelet_html_...">`;
threads are `li.j_thread_list` (data-field JSON), thread posts `div.l_post` (data-field
JSON with author and post ids, `div.d_post_content`). Thread pages run oldest first, so the
newest TIEBA_THREAD_PAGES pages are read, counting back from the last one.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import quote, urljoin

from parsel import Selector, SelectorList
from scrapy import Request
from scrapy.http import Response

from collectors.items import RawPost
from collectors.page_problems import PageBlocked
from collectors.spiders.base import YuqingSpider, field_json
from core.enums import Channel

LIST_PATH = "/f?kw={forum}&ie=utf-8&pn={offset}"
SEARCH_PATH = "/f/search/res?ie=utf-8&sm=1&rn=20&qw={keyword}&pn={page}"
THREADS_PER_PAGE = 50
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}")
_PN = re.compile(r"[?&]pn=(\d+)")
_PID = re.compile(r"pid=(\d+)")


class TiebaSpider(YuqingSpider):
    """TIEBA_FORUMS list pages and TIEBA_KEYWORDS search pages, TIEBA_PAGES deep."""

    name = "tieba"
    settings_prefix = "TIEBA"

    async def start(self) -> AsyncIterator[Any]:
        """Page 1 of every forum and of every keyword search."""
        for forum in self.setting_list("FORUMS"):
            yield self.list_request(forum, 1)
        for keyword in self.setting_list("KEYWORDS"):
            yield self.search_request(keyword, 1)

    def list_request(self, forum: str, page: int) -> Request:
        """One forum list page (50 threads)."""
        url = self.base_url + LIST_PATH.format(
            forum=quote(forum), offset=(page - 1) * THREADS_PER_PAGE
        )
        return Request(url, callback=self.parse, cb_kwargs={"forum": forum, "page": page})

    def search_request(self, keyword: str, page: int) -> Request:
        """One keyword search page (newest first)."""
        url = self.base_url + SEARCH_PATH.format(keyword=quote(keyword), page=page)
        return Request(
            url, callback=self.parse_search, cb_kwargs={"keyword": keyword, "page": page}
        )

    def parse(self, response: Response, forum: str = "", page: int = 1) -> Iterator[Any]:
        """Thread requests for recently active threads, then the next list page."""
        threads = thread_items(response)
        times = []
        for thread in threads:
            info = field_json(thread.attrib.get("data-field"))
            last = self.when(thread.css(".threadlist_reply_date::text").get(default="").strip())
            times.append(last)
            if info.get("id") and (last is None or last >= self.since):
                yield self.thread_request(str(info["id"]), 1)
        if self.wants_more(page, times):
            yield self.list_request(forum, page + 1)

    def thread_request(self, tid: str, page: int, opener: str | None = None) -> Request:
        """One page of a thread; `opener` is the first floor's post id once known."""
        url = f"{self.base_url}/p/{tid}" + (f"?pn={page}" if page > 1 else "")
        return Request(
            url, callback=self.parse_thread, cb_kwargs={"tid": tid, "page": page, "opener": opener}
        )

    def parse_thread(
        self, response: Response, tid: str = "", page: int = 1, opener: str | None = None
    ) -> Iterator[Any]:
        """Posts of a thread page; from page 1 also the newest pages of a long thread."""
        title = (
            response.css(".core_title_txt::attr(title), .core_title_txt::text")
            .get(default="")
            .strip()
        )
        posts = [
            p
            for p in (
                self.post(post, tid, title, response.url) for post in response.css("div.l_post")
            )
            if p
        ]
        opener = opener or next((p.native_id for p in posts if p.title), None)
        for post in posts:
            post.reply_to = None if post.title else opener
        yield from posts
        if page == 1:
            hrefs = " ".join(response.css(".l_pager a::attr(href)").getall())
            last = max((int(n) for n in _PN.findall(hrefs)), default=1)
            oldest = max(2, last - int(self.setting("THREAD_PAGES", 3)) + 1)
            yield from (self.thread_request(tid, n, opener) for n in range(last, oldest - 1, -1))

    def post(self, post: Selector, tid: str, title: str, url: str) -> RawPost | None:
        """A RawPost for one `div.l_post`; the first floor carries the thread title."""
        info = field_json(post.attrib.get("data-field"))
        content, author = info.get("content") or {}, info.get("author") or {}
        post_id = content.get("post_id")
        if not post_id:
            return None
        tails = " ".join(post.css(".tail-info::text, .post-tail-wrap span::text").getall())
        raw_time = content.get("date") or next(iter(_DATE.findall(tails)[-1:]), None)
        is_first = content.get("post_no") == 1
        return RawPost(
            native_id=str(post_id),
            channel=Channel.FORUM,
            url=f"{url.split('?')[0]}?pid={post_id}#{post_id}",
            title=title if is_first else None,
            text=post.css("div.d_post_content").get(default=""),
            published_at=self.when(raw_time),
            author_id=str(author.get("user_id") or "") or None,
            author_name=author.get("user_name") or author.get("un"),
            extra={"thread_id": tid},
        )

    def parse_search(self, response: Response, keyword: str = "", page: int = 1) -> Iterator[Any]:
        """Posts of a search page (often GBK), then the next page while recent."""
        posts = [self.search_post(result, response) for result in response.css("div.s_post")]
        found = [p for p in posts if p is not None]
        yield from found
        if response.css("a.next") and self.wants_more(page, (p.published_at for p in found)):
            yield self.search_request(keyword, page + 1)

    def search_post(self, result: Selector, response: Response) -> RawPost | None:
        """A RawPost for one search hit (the hit links to /p/<tid>?pid=<pid>)."""
        href = result.css(".p_title a::attr(href)").get(default="")
        pid = _PID.search(href)
        if not pid:
            return None
        names = result.css("font.p_violet::text").getall()
        return RawPost(
            native_id=pid.group(1),
            channel=Channel.FORUM,
            url=urljoin(response.url, href),
            title="".join(result.css(".p_title a ::text").getall()).strip() or None,
            text=result.css(".p_content").get(default=""),
            published_at=self.when(result.css(".p_date::text").get(default="").strip()),
            author_name=names[1] if len(names) > 1 else None,
            extra={"forum": names[0] if names else ""},
        )


def thread_items(response: Response) -> SelectorList[Selector]:
    """`li.j_thread_list` entries, unwrapping the commented-out pagelet when needed."""
    threads = response.css("li.j_thread_list")
    if threads:
        return threads
    hidden = response.xpath("//code[contains(@id, 'thread_list')]/comment()").getall()
    if hidden:
        return Selector(text="".join(h[4:-3] for h in hidden)).css("li.j_thread_list")
    if response.css("#thread_list"):
        return threads
    raise PageBlocked("贴吧列表页没有帖子列表 (200 但内容为空或被拦截)")
