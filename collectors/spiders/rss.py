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
        """Every entry of the feed; a feed that is not well-formed XML is a loss of the run."""
        feed, problem = feed_selector(response, self.setting("ENCODING"))
        if problem:
            self.lose(problem)
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


def feed_selector(response: Response, encoding: str | None = None) -> tuple[Selector, str | None]:
    """The feed as namespace-free XML, and what is wrong with its XML (None when well-formed).

    Bytes are parsed as they are, so a GB2312 declaration is honoured; RSS_ENCODING (option
    `encoding`) overrides whatever the feed declares.
    """
    body = response.body
    if not body.strip():
        raise PageBlocked("订阅源返回 200 但内容为空")
    if encoding:
        body = body.decode(encoding, errors="replace").encode("utf-8")
    parser = etree.XMLParser(
        recover=True,
        resolve_entities=False,
        no_network=True,
        encoding="utf-8" if encoding else None,
    )
    try:
        root = etree.fromstring(body, parser=parser)  # honours encoding="GB18030"
    except etree.XMLSyntaxError as exc:
        raise MalformedPage(f"XML 解析失败：{exc}") from None
    if root is None:
        raise MalformedPage("XML 解析失败：没有根元素")
    selector = Selector(root=root, type="xml")
    selector.remove_namespaces()
    root = selector.xpath("name(/*)").get(default="")
    if root.lower() == "html":
        raise PageBlocked("订阅源返回了网页而不是 RSS（登录墙或验证页？）")
    if root not in FEED_ROOTS:
        raise MalformedPage(f"不是 RSS/Atom（根元素 {root or '无'}）")
    return selector, xml_problem(parser, response.url)


def xml_problem(parser: etree.XMLParser, url: str) -> str | None:
    """The first error the recovering parser skipped over, said in Chinese, or None."""
    errors = [e for e in parser.error_log if e.level >= etree.ErrorLevels.ERROR]
    if not errors:
        return None
    first_error = errors[0]
    if "encoding" in first_error.message.lower():
        return (
            f"订阅源编码与声明不符（第 {first_error.line} 行），条目可能成为乱码：{url}；"
            "可在 options.encoding 指定编码，如 gbk"
        )
    return (
        f"订阅源 XML 格式有误（第 {first_error.line} 行第 {first_error.column} 列），"
        f"条目可能缺失或被截断：{url}；请联系订阅源维护方修正"
    )
