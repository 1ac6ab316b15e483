"""Item pipelines: RawPost → cleaned Mention (window filter, in-crawl dedup) → the collector."""

from __future__ import annotations

import re
from datetime import datetime

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from collectors.crawl_feed import CrawlFeed, feed_of
from collectors.fields import parse_count
from collectors.items import RawPost
from core.models import Author, Mention, Metrics
from core.pipeline.normalize import clean_text

_SOURCE_NEWLINES = re.compile(r"\s*[\r\n]+\s*")
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*["']\s*(\[[^\]"'<>]{1,12}\])\s*["']""", re.IGNORECASE)
_SMILEY = re.compile(r"""\bclass\s*=\s*["'][^"']*\bBDE_Smiley\b""", re.IGNORECASE)
IMAGE_PLACEHOLDER = "[图片]"
EMOTICON_PLACEHOLDER = "[表情]"


def page_text(raw: str) -> str:
    """Plain text of a post; in HTML, source line breaks are spaces and <br>/<p> are breaks.

    Emoticons stay as words: Weibo's `<img alt="[怒]">` becomes "[怒]", a Tieba
    `<img class="BDE_Smiley">` "[表情]", so an emoticon-only comment keeps a text.
    """
    if "<" not in raw:
        return clean_text(raw)
    return clean_text(_IMG.sub(_emoticon_word, _SOURCE_NEWLINES.sub(" ", raw)))


def _emoticon_word(tag: re.Match[str]) -> str:
    alt = _ALT.search(tag.group(0))
    if alt:
        return alt.group(1)
    return EMOTICON_PLACEHOLDER if _SMILEY.search(tag.group(0)) else ""


def media_placeholder(item: RawPost) -> str:
    """The text of a post that is only pictures: "[图片]" when it has any, else empty."""
    return IMAGE_PLACEHOLDER if item.media else ""


# The repair note of a post the site gave no publication time: it is kept at its collection time.
UNDATED = "来源未给出发布时间，已按采集时间记录"


class MentionPipeline:
    """Converts RawPost items into Mentions; drops those older than the crawl window."""

    def __init__(self, feed: CrawlFeed) -> None:
        self.feed = feed
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MentionPipeline:
        """Attach to the crawl's feed."""
        return cls(feed_of(crawler))

    def process_item(self, item: RawPost) -> Mention:
        """The Mention for a post, or DropItem for an old, repeated or empty one."""
        if item.native_id in self.seen:
            raise DropItem(f"本次采集中重复：{item.native_id}")
        self.seen.add(item.native_id)
        published = item.published_at or self.feed.now
        if published < self.feed.since:
            raise DropItem(f"早于采集时间窗口：{item.native_id}")
        text = page_text(item.text) or media_placeholder(item)
        if not text and not item.title:
            self.feed.lose(f"内容为空（无文字、图片或表情），已跳过：{item.url or item.native_id}")
            raise DropItem(f"没有正文：{item.native_id}")
        return self.mention(item, published, text)

    def mention(self, item: RawPost, published: datetime, text: str) -> Mention:
        """Build the Mention (counts like "12.3万" become integers).

        A title that only repeats the text (RSSHub's Weibo routes, a post without a body) is
        left out, so title and text together hold the words once.
        """
        title = page_text(item.title) if item.title else None
        text = text or title or ""
        return Mention(
            source=self.feed.source,
            channel=item.channel,
            url=item.url,
            native_id=item.native_id,
            author=Author(
                id=item.author_id,
                name=item.author_name,
                followers=parse_count(item.followers),
                verified=item.verified,
            ),
            region=item.region,
            title=None if title == text else title,
            text=text,
            media=list(dict.fromkeys(item.media)),
            published_at=published,
            collected_at=self.feed.now,
            metrics=Metrics(**{k: parse_count(v) or 0 for k, v in self._metrics(item).items()}),
            reply_to=item.reply_to,
            repost_of=item.repost_of,
            plans=list(self.feed.plans),
            repairs=[] if item.published_at else [UNDATED],
        )

    @staticmethod
    def _metrics(item: RawPost) -> dict[str, int | str | None]:
        return {
            "reposts": item.reposts,
            "comments": item.comments,
            "likes": item.likes,
            "views": item.views,
        }


class FeedPipeline:
    """Hands finished mentions to the collector thread."""

    def __init__(self, feed: CrawlFeed) -> None:
        self.feed = feed

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FeedPipeline:
        """Attach to the crawl's feed."""
        return cls(feed_of(crawler))

    def process_item(self, item: Mention) -> Mention:
        """Queue the mention for the current batch."""
        self.feed.put(item)
        return item
