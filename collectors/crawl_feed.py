"""The hand-over between one Scrapy crawl (reactor thread) and its collector (worker thread).

Item pipelines put finished mentions on a queue; middlewares and the stats extension
record the outcome (blocked, failed pages, losses, page count); the collector drains the queue
into batches and reads the outcome once the crawl has finished.
"""

from __future__ import annotations

import queue
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Any

from scrapy.exceptions import NotConfigured

from core.models import Mention

FEED_ATTRIBUTE = "yuqing_feed"
_DONE = object()


@dataclass
class CrawlOutcome:
    """How a crawl went: pages fetched, pages that failed, and a block if one was seen."""

    pages: int = 0
    items: int = 0
    failures: list[str] = field(default_factory=list)
    losses: list[str] = field(default_factory=list)
    blocked: str | None = None
    cooldown: timedelta | None = None
    finish_reason: str | None = None
    newest: datetime | None = None
    # Downloads started and not yet answered: what a run cut short by options.timeout missed.
    in_flight: set[str] = field(default_factory=set)


class CrawlFeed:
    """Thread-safe channel for one crawl: mentions out, outcome recorded, end signalled."""

    def __init__(
        self, source: str, since: datetime, now: datetime, tz: tzinfo, plans: list[str]
    ) -> None:
        self.source = source
        self.since = since
        self.now = now
        self.tz = tz
        self.plans = plans
        self.outcome = CrawlOutcome()
        self._queue: queue.Queue[Any] = queue.Queue()

    def put(self, mention: Mention) -> None:
        """Hand one finished mention to the collector."""
        self.outcome.items += 1
        if self.outcome.newest is None or mention.published_at > self.outcome.newest:
            self.outcome.newest = mention.published_at
        self._queue.put(mention)

    def block(self, reason: str, cooldown: timedelta | None = None) -> None:
        """Record that the site blocks us; the first reason wins."""
        if self.outcome.blocked is None:
            self.outcome.blocked, self.outcome.cooldown = reason, cooldown

    def fail(self, reason: str) -> None:
        """Record a page that could not be fetched or parsed."""
        self.outcome.failures.append(reason)

    def lose(self, reason: str) -> None:
        """Record something that will not be collected (a 4xx page, a skipped item)."""
        self.outcome.losses.append(reason)

    def finish(self, reason: str) -> None:
        """Signal the end of the crawl (called once, from the reactor thread)."""
        self.outcome.finish_reason = reason
        self._queue.put(_DONE)

    def mentions(self, timeout: float) -> Iterator[Mention]:
        """Mentions as they arrive, until the crawl finishes; TimeoutError if it hangs."""
        while True:
            try:
                entry = self._queue.get(timeout=timeout)
            except queue.Empty:
                raise TimeoutError(
                    f"采集已 {timeout:.0f} 秒没有进展（站点无响应或被限速）"
                ) from None
            if entry is _DONE:
                return
            yield entry


def attach_feed(crawler: object, feed: CrawlFeed) -> None:
    """Give a crawler its feed before it starts."""
    setattr(crawler, FEED_ATTRIBUTE, feed)


def feed_of(crawler: object) -> CrawlFeed:
    """The crawler's feed; components switch off (NotConfigured) outside the bridge."""
    feed = getattr(crawler, FEED_ATTRIBUTE, None)
    if not isinstance(feed, CrawlFeed):
        raise NotConfigured("not running under the yuqing collector bridge")
    return feed
