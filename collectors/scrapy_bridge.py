"""ScrapyCollector: runs one spider per collection on the shared reactor thread, streams batches.

How Scrapy and APScheduler live together: APScheduler calls `run_source` in a worker thread;
the collector starts the crawl on the process-wide Twisted reactor thread
(collectors/reactor_thread.py) through `blockingCallFromThread` and then blocks on a queue
fed by the item pipeline, yielding a Batch every `batch_size` mentions so the runner indexes
as the crawl goes. The cursor is a high-water mark {"since": newest published_at}; it only
advances in the last batch of a crawl that finished without failed pages, so a crash or a
dead server mid-paging re-collects the window next time (dedup by id) instead of losing it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any, ClassVar

from scrapy.crawler import Crawler, CrawlerRunner
from scrapy.utils.defer import deferred_from_coro
from twisted.python.failure import Failure

from collectors.base import Batch, Collector, CollectRequest, SourceBlocked, SourceFailed
from collectors.config import SourceConfig
from collectors.crawl_feed import CrawlFeed, attach_feed
from collectors.options import OptionReader
from collectors.reactor_thread import call_in_reactor, schedule_in_reactor
from collectors.spiders.base import YuqingSpider
from core.context import Context

MOBILE_UA = (
    "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
BASE_SETTINGS: dict[str, Any] = {
    "TWISTED_REACTOR": None,  # use the reactor already running in collectors/reactor_thread.py
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
    "REMOTE_CONTROL_ENABLED": False,
    "DEFAULT_DROPITEM_LOG_LEVEL": "DEBUG",  # old and repeated items are dropped on every run
    "DOWNLOAD_DELAY_JITTER": 0.5,
    "AUTOTHROTTLE_MAX_DELAY": 60.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408],
    "RETRY_GIVE_UP_LOG_LEVEL": "DEBUG",  # FailureRecorderMiddleware reports it, in Chinese
    "DEFAULT_REQUEST_HEADERS": {"Accept-Language": "zh-CN,zh;q=0.9", "Accept": "*/*"},
    "DOWNLOADER_MIDDLEWARES": {
        "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
        "collectors.middlewares.FailureRecorderMiddleware": 540,
        "collectors.middlewares.BackoffRetryMiddleware": 550,
        "collectors.middlewares.BlockDetectionMiddleware": 580,
        "collectors.middlewares.CookieHeaderMiddleware": 650,
    },
    "SPIDER_MIDDLEWARES": {"collectors.middlewares.PageProblemMiddleware": 950},
    "ITEM_PIPELINES": {
        "collectors.pipelines.MentionPipeline": 300,
        "collectors.pipelines.FeedPipeline": 900,
    },
    "EXTENSIONS": {"collectors.extensions.CrawlStatsExtension": 500},
}


class ScrapyCollector(Collector):
    """A Collector whose pages come from a Scrapy spider; subclasses map options to settings."""

    spider_cls: ClassVar[type[YuqingSpider]]
    default_base_url: ClassVar[str]
    block_url_markers: ClassVar[tuple[str, ...]] = ()
    block_text_markers: ClassVar[tuple[str, ...]] = ()

    def __init__(
        self,
        source: SourceConfig,
        ctx: Context,
        settings: dict[str, Any],
        window: dict[str, Any],
    ) -> None:
        super().__init__(source, ctx)
        self.settings = settings
        self.overlap: timedelta = window["overlap"]
        self.batch_size: int = window["batch_size"]
        self.plans: list[str] = window["plans"]

    @classmethod
    def from_config(cls, source: SourceConfig, ctx: Context) -> ScrapyCollector:
        """Read common and spider options into Scrapy settings; unknown options are errors."""
        reader = OptionReader(source)
        settings = {
            **BASE_SETTINGS,
            **cls.common_settings(reader),
            **cls.spider_settings(reader, ctx),
        }
        window = {
            "overlap": reader.duration("overlap", "30m"),
            "batch_size": reader.integer("batch_size", 200, minimum=1),
            "plans": reader.plans(ctx),
        }
        reader.reject_unknown()
        return cls(source, ctx, settings, window)

    @classmethod
    def common_settings(cls, reader: OptionReader) -> dict[str, Any]:
        """Politeness, retries, blocking and site options every Scrapy source has."""
        prefix = cls.spider_cls.settings_prefix
        delay = reader.number("delay", 2.0)
        run_timeout = reader.duration("timeout", "10m").total_seconds()
        page_timeout = reader.number("download_timeout", 30.0)
        return {
            f"{prefix}_BASE_URL": (
                (reader.urls("base_url") or [cls.default_base_url])[0].rstrip("/")
            ),
            f"{prefix}_COOKIE": reader.string("cookie"),
            f"{prefix}_PAGES": reader.integer("max_pages", 5, minimum=1),
            "DOWNLOAD_DELAY": delay,
            "AUTOTHROTTLE_ENABLED": reader.boolean("autothrottle", True),
            "AUTOTHROTTLE_START_DELAY": max(delay, 0.1),
            "CONCURRENT_REQUESTS_PER_DOMAIN": reader.integer("concurrency", 1, minimum=1),
            "RETRY_TIMES": reader.integer("retries", 3),
            "BACKOFF_BASE": reader.number("retry_backoff", 2.0),
            # One page never waits longer than the whole run may take.
            "DOWNLOAD_TIMEOUT": min(page_timeout, run_timeout) if run_timeout else page_timeout,
            "DOWNLOAD_TIMEOUT_OPTION": "timeout"
            if 0 < run_timeout < page_timeout
            else "download_timeout",
            "CLOSESPIDER_TIMEOUT": run_timeout,
            "USER_AGENT": reader.string("user_agent", MOBILE_UA),
            "ROBOTSTXT_OBEY": reader.boolean("obey_robots_txt", True),
            "BLOCK_URL_MARKERS": [*cls.block_url_markers, *reader.strings("block_url_markers")],
            "BLOCK_TEXT_MARKERS": [*cls.block_text_markers, *reader.strings("block_markers")],
            "BLOCK_COOLDOWN": reader.duration("block_cooldown", "0s").total_seconds(),
        }

    @classmethod
    def spider_settings(cls, reader: OptionReader, ctx: Context) -> dict[str, Any]:
        """Settings of this spider's own feature prefix (WEIBO_*, TIEBA_*, ...)."""
        return {}

    def collect(self, request: CollectRequest) -> Iterator[Batch]:
        """Run the crawl and yield its mentions in batches; the last batch carries the cursor."""
        feed = CrawlFeed(
            self.source.name, self._since(request), request.now, self.ctx.config.tz, self.plans
        )
        crawler = call_in_reactor(self._start, feed)
        try:
            yield from self._batches(feed, request.cursor)
        finally:
            if feed.outcome.finish_reason is None:  # abandoned mid-crawl: stop it
                schedule_in_reactor(_stop, crawler)

    def _since(self, request: CollectRequest) -> datetime:
        mark = high_water_mark(request.cursor)
        if mark is None:
            return request.backfill_since
        # A mark in the future (stored by a version that let a future-dated item move it) would
        # skip every new post until that day: the crawl reads from now at the latest.
        return min(mark, request.now) - self.overlap

    def _start(self, feed: CrawlFeed) -> Crawler:
        """Reactor thread: create the crawler, give it the feed, start it."""
        runner = CrawlerRunner(self.settings)
        crawler = runner.create_crawler(self.spider_cls)
        attach_feed(crawler, feed)
        done = runner.crawl(crawler, since=feed.since, now=feed.now, tz=feed.tz)
        done.addCallbacks(
            lambda _: feed.finish(feed.outcome.finish_reason or "finished"), _crashed(feed)
        )
        return crawler

    def _batches(self, feed: CrawlFeed, cursor: str | None) -> Iterator[Batch]:
        pending: list[Any] = []
        stall = float(self.settings["CLOSESPIDER_TIMEOUT"] or 3600) + 120
        for mention in feed.mentions(timeout=stall):
            pending.append(mention)
            if len(pending) >= self.batch_size:
                yield Batch(pending, cursor=None)
                pending = []
        outcome = feed.outcome
        if outcome.blocked:
            if pending or outcome.losses:
                yield Batch(pending, cursor=None, pages=outcome.pages, losses=outcome.losses)
            raise SourceBlocked(outcome.blocked, outcome.cooldown or self._block_cooldown())
        if outcome.failures and not outcome.items:
            raise SourceFailed(failure_summary(outcome.failures))
        advanced = None if outcome.failures else next_cursor(cursor, outcome.newest, feed.now)
        yield Batch(
            pending,
            cursor=advanced,
            pages=outcome.pages,
            warnings=failure_warnings(outcome.failures),
            losses=list(outcome.losses),
        )

    def _block_cooldown(self) -> timedelta | None:
        """options.block_cooldown, or None for the runner's default."""
        seconds = float(self.settings.get("BLOCK_COOLDOWN") or 0)
        return timedelta(seconds=seconds) if seconds > 0 else None


def _crashed(feed: CrawlFeed) -> Any:
    def record(failure: Failure) -> None:
        feed.fail(
            f"抓取异常 {failure.type.__name__ if failure.type else ''}: {failure.getErrorMessage()}"
        )
        feed.finish("error")

    return record


def _stop(crawler: Crawler) -> None:
    if crawler.crawling:
        deferred_from_coro(crawler.stop_async())


def high_water_mark(cursor: str | None) -> datetime | None:
    """The newest published time stored in a Scrapy source's cursor."""
    if not cursor:
        return None
    try:
        return datetime.fromisoformat(json.loads(cursor)["since"])
    except (ValueError, KeyError, TypeError):
        return None  # an unreadable cursor falls back to the back-fill window


def next_cursor(cursor: str | None, newest: datetime | None, now: datetime) -> str | None:
    """The cursor after a complete crawl: the newer of the stored mark and the newest item,
    never later than the crawl's start. An item dated in the future (a wrong clock or time
    zone on the site; the pipeline stores it at its collection time) must not move the mark
    past it: every post published before that date would be skipped as already read."""
    mark = high_water_mark(cursor)
    candidates = [m for m in (mark, newest) if m is not None]
    if not candidates:
        return None
    return json.dumps({"since": min(max(candidates), now).isoformat()})


def failure_summary(failures: list[str]) -> str:
    """The error of a crawl that got nothing: the only failure, or the count and the first."""
    if len(failures) == 1:
        return failures[0]
    return f"{len(failures)} 个页面失败，首个：{failures[0]}"


def failure_warnings(failures: list[str], limit: int = 5) -> list[str]:
    """The first few failures, plus a count of the rest."""
    shown = failures[:limit]
    return shown + ([f"另有 {len(failures) - limit} 个页面失败"] if len(failures) > limit else [])
