"""forum: any board driven by CSS/XPath selectors from config, with a Discuz! preset.

FORUM_SELECTORS keys (a value starting with "/", "./" or "(" is XPath, anything else CSS):
list_item, thread_link, thread_time, list_next, post, post_id, post_text, post_author,
post_time, thread_title, thread_next. Pages are decoded by their declared charset (most
Discuz! boards are GBK); FORUM_ENCODING forces one.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from parsel import Selector, SelectorList
from scrapy import Request
from scrapy.http import Response, TextResponse

from collectors.items import RawPost
from collectors.page_problems import PageBlocked
from collectors.spiders.base import YuqingSpider
from core.enums import Channel

DISCUZ_SELECTORS: dict[str, str] = {
    "list_item": "tbody[id^=normalthread_]",
    "thread_link": "a.xst::attr(href)",
    "thread_time": "(.//td[contains(@class, 'by')])[last()]//em//span/@title"
    " | (.//td[contains(@class, 'by')])[last()]//em//a/text()",
    "list_next": "div.pg a.nxt::attr(href)",
    "post": "#postlist > div[id^=post_]",
    "post_id": "::attr(id)",
    "post_text": "td.t_f[id^=postmessage_]",
    "post_author": ".authi a.xw1::text",
    "post_time": "em[id^=authorposttime_] span::attr(title), em[id^=authorposttime_]::text",
    "thread_title": "#thread_subject::text",
    "thread_next": "div.pg a.nxt::attr(href)",
}
PRESETS: dict[str, dict[str, str]] = {"discuz": DISCUZ_SELECTORS}
REQUIRED_SELECTORS = ("list_item", "thread_link", "post", "post_text")
_DIGITS = re.compile(r"(\d+)")


def select(node: Selector | Response, expression: str) -> SelectorList[Selector]:
    """Apply a CSS or XPath selector."""
    if expression.startswith(("/", "./", "(")):
        return node.xpath(expression)
    if expression.startswith("::") and isinstance(node, Selector):
        return node.xpath(_self_pseudo(expression))
    return node.css(expression)


def _self_pseudo(expression: str) -> str:
    """`::attr(id)` / `::text` applied to the node itself."""
    if expression.startswith("::attr("):
        return f"@{expression[7:-1]}"
    return "text()"


class ForumSpider(YuqingSpider):
    """FORUM_START_URLS list pages → thread pages → posts (FORUM_PAGES, FORUM_THREAD_PAGES)."""

    name = "forum"
    settings_prefix = "FORUM"

    async def start(self) -> AsyncIterator[Any]:
        """Every configured list page."""
        for url in self.setting_list("START_URLS"):
            yield Request(url, callback=self.parse, cb_kwargs={"page": 1})

    @property
    def selectors(self) -> dict[str, str]:
        """The preset's selectors overridden by FORUM_SELECTORS."""
        preset = PRESETS.get(str(self.setting("PRESET") or ""), {})
        return {**preset, **(self.setting("SELECTORS") or {})}

    def decoded(self, response: Response) -> Response:
        """The response decoded with FORUM_ENCODING when one is forced."""
        encoding = self.setting("ENCODING")
        if encoding and isinstance(response, TextResponse):
            return response.replace(encoding=str(encoding))
        return response

    def parse(self, response: Response, page: int = 1) -> Iterator[Any]:
        """Thread requests for recently active threads, then the next list page."""
        response, rules = self.decoded(response), self.selectors
        rows = select(response, rules["list_item"])
        if not rows and page == 1:
            raise PageBlocked("论坛列表页没有帖子 (被拦截、需要登录或 list_item 选择器失效)")
        times = []
        for row in rows:
            link = select(row, rules["thread_link"]).get()
            last = (
                self.first_time(select(row, rules["thread_time"]).getall())
                if rules.get("thread_time")
                else None
            )
            times.append(last)
            if link and (last is None or last >= self.since):
                yield Request(
                    urljoin(response.url, link), callback=self.parse_thread, cb_kwargs={"page": 1}
                )
        following = select(response, rules["list_next"]).get() if rules.get("list_next") else None
        if (
            following
            and (not rules.get("thread_time") or self.wants_more(page, times))
            and page < self.max_pages
        ):
            yield Request(
                urljoin(response.url, following), callback=self.parse, cb_kwargs={"page": page + 1}
            )

    def parse_thread(
        self, response: Response, page: int = 1, opener: str | None = None
    ) -> Iterator[Any]:
        """Posts of one thread page, then the thread's next page."""
        response, rules = self.decoded(response), self.selectors
        title = (
            select(response, rules["thread_title"]).get(default="").strip()
            if rules.get("thread_title")
            else ""
        )
        posts = [
            p
            for p in (
                self.post(node, response.url, rules) for node in select(response, rules["post"])
            )
            if p
        ]
        if page == 1 and posts:
            opener, posts[0].title = posts[0].native_id, title or None
        for post in posts:
            post.reply_to = None if post.native_id == opener else opener
        yield from posts
        following = (
            select(response, rules["thread_next"]).get() if rules.get("thread_next") else None
        )
        if following and page < int(self.setting("THREAD_PAGES", 3)):
            kwargs = {"page": page + 1, "opener": opener}
            yield Request(
                urljoin(response.url, following), callback=self.parse_thread, cb_kwargs=kwargs
            )

    def post(self, node: Selector, url: str, rules: dict[str, str]) -> RawPost | None:
        """A RawPost for one post node; its id comes from `post_id` (digits kept)."""
        raw_id = select(node, rules["post_id"]).get() if rules.get("post_id") else None
        digits = _DIGITS.search(raw_id or "")
        text = select(node, rules["post_text"]).get()
        if not digits or text is None:
            return None
        author = select(node, rules["post_author"]).get() if rules.get("post_author") else None
        times = select(node, rules["post_time"]).getall() if rules.get("post_time") else []
        return RawPost(
            native_id=digits.group(1),
            channel=Channel.FORUM,
            url=f"{url}#pid{digits.group(1)}",
            text=text,
            published_at=self.first_time(times),
            author_name=author.strip() if author else None,
        )

    def first_time(self, values: list[str]) -> datetime | None:
        """The first value that reads as a time ("发表于 2026-11-23 10:00", "3 天前", ...)."""
        return next((t for t in (self.when(v.strip()) for v in values) if t is not None), None)
