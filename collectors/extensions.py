"""Crawl statistics extension: counts pages and records how the crawl ended."""

from __future__ import annotations

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from collectors.crawl_feed import CrawlFeed, feed_of


class CrawlStatsExtension:
    """Listens to Scrapy signals and writes pages and the finish reason into the feed."""

    def __init__(self, feed: CrawlFeed) -> None:
        self.feed = feed

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlStatsExtension:
        """Connect to response_received and spider_closed."""
        extension = cls(feed_of(crawler))
        crawler.signals.connect(extension.response_received, signal=signals.response_received)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def response_received(self, response: Response, request: Request, spider: Spider) -> None:
        """Count one downloaded page."""
        self.feed.outcome.pages += 1

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Remember why the crawl ended (finished, blocked, closespider_timeout, ...)."""
        self.feed.outcome.finish_reason = reason
        if reason == "closespider_timeout":
            self.feed.fail("抓取超时 (options.timeout), 本次未完成")
