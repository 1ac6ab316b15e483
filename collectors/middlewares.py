"""Downloader and spider middlewares: cookies, back-off retries, block detection, failures.

Blocking (403/418/429, login walls, captchas, empty-but-200 pages) closes the crawl at
once and is reported as `SourceBlocked`; pages that still fail after the retries are
recorded so the run ends DEGRADED and its cursor does not advance past them. Other 4xx
answers (a deleted post's comment page: 404/410) will not come back on a retry: they are
counted as losses, so the run ends PARTIAL instead of "ok".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.defer import deferred_from_coro
from twisted.internet.task import deferLater

from collectors.base import DEFAULT_COOLDOWN
from collectors.crawl_feed import CrawlFeed, feed_of
from collectors.fetch_errors import failure_text
from collectors.page_problems import MalformedPage, PageBlocked


def close_crawl(crawler: Crawler, reason: str) -> None:
    """Stop the crawl soon: no further requests are scheduled."""
    if crawler.engine is not None and crawler.engine.spider is not None:
        deferred_from_coro(crawler.engine.close_spider_async(reason=reason))


class CookieHeaderMiddleware:
    """Sends the browser cookie string from `<PREFIX>_COOKIE` (e.g. WEIBO_COOKIE)."""

    def __init__(self, cookie: str) -> None:
        parsed = SimpleCookie()
        parsed.load(cookie)
        self.cookies = {key: morsel.value for key, morsel in parsed.items()}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CookieHeaderMiddleware:
        """Read `<PREFIX>_COOKIE`; switched off when empty."""
        prefix = getattr(crawler.spidercls, "settings_prefix", "")
        cookie = crawler.settings.get(f"{prefix}_COOKIE") if prefix else None
        if not cookie:
            raise NotConfigured  # no message: running without cookies is normal, not a warning
        return cls(str(cookie))

    def process_request(self, request: Request) -> None:
        """Attach the configured cookies unless the request brings its own."""
        if not request.cookies:
            request.cookies = dict(self.cookies)  # type: ignore[assignment]


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (5xx, timeouts) with exponential back-off: BACKOFF_BASE * 2^n seconds."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("BACKOFF_BASE", 2.0)
        self.ceiling = settings.getfloat("BACKOFF_MAX", 60.0)

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        """Wait, then let Scrapy retry a retryable status."""
        if response.status in self.retry_http_codes and not request.meta.get("dont_retry"):
            await self._pause(request)
        return super().process_response(request, response)

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        """Wait, then let Scrapy retry a network error."""
        if isinstance(exception, self.exceptions_to_retry) and not request.meta.get("dont_retry"):
            await self._pause(request)
        return super().process_exception(request, exception)

    async def _pause(self, request: Request) -> None:
        from twisted.internet import reactor

        delay = min(self.base * 2 ** request.meta.get("retry_times", 0), self.ceiling)
        if delay > 0:
            await deferLater(reactor, delay, lambda: None)  # type: ignore[arg-type]


class BlockDetectionMiddleware:
    """Turns 403/418/429, login-wall redirects and captcha pages into a blocked crawl."""

    def __init__(self, crawler: Crawler, feed: CrawlFeed) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.feed = feed
        self.codes = {int(c) for c in settings.getlist("BLOCK_HTTP_CODES", [403, 418, 429])}
        self.url_markers = settings.getlist("BLOCK_URL_MARKERS")
        self.text_markers = settings.getlist("BLOCK_TEXT_MARKERS")
        seconds = settings.getfloat("BLOCK_COOLDOWN", 0)
        self.cooldown = timedelta(seconds=seconds) if seconds > 0 else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BlockDetectionMiddleware:
        """Read BLOCK_* settings."""
        return cls(crawler, feed_of(crawler))

    def process_response(self, request: Request, response: Response) -> Response:
        """Pass normal responses; close the crawl on a block."""
        reason = self.block_reason(response)
        if reason is None:
            return response
        self.feed.block(reason, self.cooldown_for(response))
        close_crawl(self.crawler, "blocked")
        raise IgnoreRequest(reason)

    def cooldown_for(self, response: Response) -> timedelta | None:
        """The configured cooldown, or a 429's Retry-After when that asks for longer."""
        wait = retry_after(response) if response.status == 429 else None
        if wait is not None and wait > (self.cooldown or DEFAULT_COOLDOWN):
            return wait
        return self.cooldown

    def block_reason(self, response: Response) -> str | None:
        """Why this response means we are blocked, in Chinese, or None."""
        if response.status in self.codes:
            return f"HTTP {response.status}：{response.url}"
        for marker in self.url_markers:
            if marker in response.url:
                return f"跳转到登录/验证页：{response.url}"
        if isinstance(response, TextResponse) and 200 <= response.status < 300:
            found = next((m for m in self.text_markers if m in response.text), None)
            if found:
                return f"页面出现“{found}”（验证码/登录墙）：{response.url}"
        return None


def retry_after(response: Response) -> timedelta | None:
    """The wait a Retry-After header asks for (seconds or an HTTP date), or None."""
    raw = (response.headers.get(b"Retry-After") or b"").decode("latin-1").strip()
    if raw.isdigit():
        return timedelta(seconds=int(raw))
    try:
        until = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if until.tzinfo is None:
        return None
    return max(until - datetime.now(UTC), timedelta(0))


class FailureRecorderMiddleware:
    """Records responses and errors that are still failures after the retries, and 4xx losses.

    A network error is recorded as one Chinese line and then ends as IgnoreRequest, which
    Scrapy drops quietly instead of logging an English traceback; robots.txt is not a page
    of ours (Scrapy reads a missing or unreachable one as "everything allowed").
    """

    def __init__(self, feed: CrawlFeed, block_codes: set[int], timeout: float, hint: str) -> None:
        self.feed = feed
        self.block_codes = block_codes
        self.timeout = timeout
        self.hint = hint

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FailureRecorderMiddleware:
        """Attach to the crawl's feed."""
        settings = crawler.settings
        codes = {int(c) for c in settings.getlist("BLOCK_HTTP_CODES", [403, 418, 429])}
        option = settings.get("DOWNLOAD_TIMEOUT_OPTION") or "download_timeout"
        hint = f"站点慢可调大 options.{option}"
        return cls(feed_of(crawler), codes, settings.getfloat("DOWNLOAD_TIMEOUT", 180.0), hint)

    def process_request(self, request: Request) -> None:
        """Note the download as started (see CrawlStatsExtension.spider_closed)."""
        self.feed.outcome.in_flight.add(request.url)

    def process_response(self, request: Request, response: Response) -> Response:
        """Note 5xx answers that survived the retries and 4xx pages that are lost."""
        self.feed.outcome.in_flight.discard(request.url)
        if is_robots_txt(request):
            return response
        if response.status >= 500:
            self.feed.fail(
                f"服务器错误 HTTP {response.status}：{request.url}；站点故障，下次运行会重试"
            )
        elif self._lost(request, response):
            self.feed.lose(f"HTTP {response.status} 页面未取到：{request.url}")
        return response

    def _lost(self, request: Request, response: Response) -> bool:
        """A 4xx that is no block."""
        return 400 <= response.status < 500 and response.status not in self.block_codes

    def process_exception(self, request: Request, exception: Exception) -> None:
        """Note network errors that survived the retries and robots.txt refusals."""
        self.feed.outcome.in_flight.discard(request.url)
        if isinstance(exception, IgnoreRequest):
            if "robots.txt" in str(exception):
                self.feed.fail(
                    f"robots.txt 禁止抓取：{request.url}；"
                    "确认有权抓取后可设 options.obey_robots_txt: false"
                )
            return
        if not is_robots_txt(request):
            timeout = float(request.meta.get("download_timeout") or self.timeout)
            self.feed.fail(failure_text(exception, request.url, timeout, self.hint))
        raise IgnoreRequest("recorded download failure")


def is_robots_txt(request: Request) -> bool:
    """The robots.txt request Scrapy makes by itself before a site's first page."""
    return urlsplit(request.url).path == "/robots.txt" and bool(
        request.meta.get("dont_obey_robotstxt")
    )


class PageProblemMiddleware:
    """Spider middleware: PageBlocked ends the crawl as blocked; other errors are failures."""

    def __init__(self, crawler: Crawler, feed: CrawlFeed) -> None:
        self.crawler = crawler
        self.feed = feed

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageProblemMiddleware:
        """Attach to the crawl's feed."""
        return cls(crawler, feed_of(crawler))

    def process_spider_exception(
        self, response: Response, exception: Exception
    ) -> Iterable[Any] | None:
        """Record the problem and swallow it (the rest of the crawl goes on unless blocked)."""
        if isinstance(exception, HttpError):
            return None  # non-2xx answers: FailureRecorderMiddleware has seen them
        if isinstance(exception, PageBlocked):
            self.feed.block(f"{exception}：{response.url}")
            close_crawl(self.crawler, "blocked")
        elif isinstance(exception, MalformedPage):
            self.feed.fail(f"页面无法解析：{response.url}：{exception}")
        else:
            self.feed.fail(
                f"解析页面出错（{type(exception).__name__}）：{response.url}：{exception}"
            )
        return []
