"""rss: RSS 2.0 / RDF / Atom feeds, including RSSHub routes (HTML in <description>)."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

from lxml import etree
from parsel import Selector
from scrapy import Request
from scrapy.http import Response

from collectors.items import RawPost
from collectors.page_problems import MalformedPage, PageBlocked
from collectors.spiders.base import YuqingSpider
from core.enums import Channel

FEED_ROOTS = {"rss", "feed", "RDF"}


class RssSpider(YuqingSpider):
    """Reads every RSS_URLS feed once per run; RSS_CHANNEL names the channel (default news)."""

    name = "rss"
    settings_prefix = "RSS"

    async def start(self) -> AsyncIterator[Any]:
        """One request per feed."""
        for url in self.setting_list("URLS"):
            yield Request(url, callback=self.parse)

    def parse(self, response: Response, **_: Any) -> Iterator[Any]:
        """Every entry of the feed."""
        feed = feed_selector(response)
        channel = Channel(str(self.setting("CHANNEL") or Channel.NEWS))
        for entry in feed.xpath("//item | //entry"):
            yield self.entry(entry, channel)

    def entry(self, entry: Selector, channel: Channel) -> RawPost:
        """A RawPost for one <item> or <entry>."""
        link = entry.xpath("link/@href").get() or entry.xpath("link/text()").get(default="").strip()
        title = entry.xpath("title/text()").get(default="").strip()
        raw_time = first(entry, "pubDate", "published", "updated", "date")
        ident = (
            first(entry, "guid", "id")
            or link
            or hashlib.sha1(f"{title}{raw_time}".encode()).hexdigest()
        )
        return RawPost(
            native_id=ident,
            channel=channel,
            url=link or None,
            title=title or None,
            text=first(entry, "encoded", "description", "content", "summary"),
            published_at=self.when(raw_time) if raw_time else None,
            author_name=first(entry, "author/name", "creator", "author") or None,
        )


def first(entry: Selector, *paths: str) -> str:
    """Text of the first of the child paths that has any."""
    for path in paths:
        text = "".join(entry.xpath(f"{path}/text()").getall()).strip()
        if text:
            return text
    return ""


def feed_selector(response: Response) -> Selector:
    """The feed as namespace-free XML (bytes, so a GB2312 declaration is honoured)."""
    if not response.body.strip():
        raise PageBlocked("订阅源返回 200 但内容为空")
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(response.body, parser=parser)  # honours encoding="GB18030"
    except etree.XMLSyntaxError as exc:
        raise MalformedPage(f"XML 解析失败: {exc}") from None
    if root is None:
        raise MalformedPage("XML 解析失败: 没有根元素")
    selector = Selector(root=root, type="xml")
    selector.remove_namespaces()
    root = selector.xpath("name(/*)").get(default="")
    if root.lower() == "html":
        raise PageBlocked("订阅源返回了网页而不是 RSS (登录墙或验证页?)")
    if root not in FEED_ROOTS:
        raise MalformedPage(f"不是 RSS/Atom (根元素 {root or '无'})")
    return selector
