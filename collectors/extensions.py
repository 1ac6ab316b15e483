"""Crawl statistics extension: counts pages and records how the crawl ended."""

from __future__ import annotations

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from collectors.crawl_feed import CrawlFeed, feed_of
from collectors.middlewares import is_robots_txt


class CrawlStatsExtension:
    """Listens to Scrapy signals and writes pages and the finish reason into the feed."""

    def __init__(self, feed: CrawlFeed, run_timeout: float) -> None:
        self.feed = feed
        self.run_timeout = run_timeout

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlStatsExtension:
        """Connect to response_received and spider_closed."""
        run_timeout = crawler.settings.getfloat("CLOSESPIDER_TIMEOUT", 0)
        extension = cls(feed_of(crawler), run_timeout)
        crawler.signals.connect(extension.response_received, signal=signals.response_received)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def response_received(self, response: Response, request: Request, spider: Spider) -> None:
        """Count one downloaded page (Scrapy's own robots.txt request is none of ours)."""
        if not is_robots_txt(request):
            self.feed.outcome.pages += 1

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Remember why the crawl ended (finished, blocked, closespider_timeout, ...)."""
        self.feed.outcome.finish_reason = reason
        if reason == "closespider_timeout":
            self.run_timed_out()

    def run_timed_out(self) -> None:
        """One failure per download the run's options.timeout cut short (or one for the run)."""
        seconds = f"超时（{self.run_timeout:g} 秒）"
        failures = self.feed.outcome.failures
        if not self.feed.outcome.in_flight and failures and failures[-1].startswith("超时"):
            return  # the page that used up the time has said so itself
        hint = "已到本轮时限 options.timeout，站点慢可调大 timeout"
        for url in sorted(self.feed.outcome.in_flight) or [""]:
            where = f"未响应：{url}" if url else "：本轮未完成"
            self.feed.fail(f"{seconds}{where}；{hint}")
