"""Each source's collection lag (collected_at − published_at) over its latest new mentions.

Collectors see a post minutes after it is published (a search polled every 5 minutes, a
complaint platform every 15), so the last minutes of any window ending now hold only the
posts collected so far. The lag is kept per source over its last RECENT new mentions (a row of
`source_lag`, written once per ingest batch by collectors.lag_store) and read here without the
ORM, as source health is: `yuqing sources list` and 数据源状态 show it, and a window rule with
`delay: auto` ends its window the current 90th percentile ago.

Each entry is the lag in seconds, or None for a record that carried no collection time of its
own. A negative lag (collected "before" it was published: a wrong clock) and an old post
fetched late — published before its source's first batch (a first run going back over the
last days, the demo's history, an imported file), or collected over BACKFILL after it was
published — are kept and counted, not read as the lag.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from core.models import Mention
from core.pipeline.normalize import published_after_collection
from core.store_read import read_rows
from core.timeutil import interval_zh

if TYPE_CHECKING:
    from core.context import Context

RECENT = 200  # the latest new mentions of a source its lag is read over
# A post collected later than this after publication was fetched late (a comment page, a post
# found again): as alerting's BACKFILL_LAG, it tells nothing of the lag.
BACKFILL = timedelta(hours=1)
OLD = math.inf  # the entry of a post published before its source's first batch (back-filled)
MIN_SAMPLE = 20  # measured lags, at least, before a lag is known (`delay: auto` is 0 until then)
LAG_SQL = "SELECT name, recent FROM source_lag"

Entry = float | None  # seconds from publication to collection; None: no collection time


def has_collected_at(mention: Mention) -> bool:
    """True when the record carried its own collected_at (not the model's default of now)."""
    return "collected_at" in mention.model_fields_set


def entry_of(mention: Mention, since: datetime | None) -> Entry:
    """The mention's lag in seconds: negative when collected "before" publication (as a
    publication time the pipeline had to move back to the collection time), OLD when published
    before `since` (its source's first batch), None when it came without a collection time."""
    if not has_collected_at(mention):
        return None
    if published_after_collection(mention):
        return -1.0
    if since is not None and mention.published_at < since:
        return OLD
    return (mention.collected_at - mention.published_at).total_seconds()


def by_source(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    """One batch's mentions per source, in order."""
    found: dict[str, list[Mention]] = {}
    for mention in mentions:
        found.setdefault(mention.source, []).append(mention)
    return found


def kept(previous: Sequence[Entry], batch: Sequence[Entry]) -> list[Entry]:
    """The latest RECENT entries of a source after a batch."""
    return [*previous, *batch][-RECENT:]


def measured(entries: Iterable[Entry]) -> list[float]:
    """The entries that tell the lag: with a collection time, not before publication, not
    back-filled."""
    bound = BACKFILL.total_seconds()
    return [e for e in entries if e is not None and 0 <= e <= bound]


def percentile(ordered: Sequence[float], share: float) -> float:
    """The `share` percentile of sorted values (nearest rank: 90 % are at or below it)."""
    return ordered[max(0, math.ceil(len(ordered) * share) - 1)]


@dataclass(frozen=True)
class SourceLag:
    """A source's latest entries, read: how many, the median and 90th-percentile lag of those
    measured, and how many were not (no collection time, before publication, back-filled)."""

    name: str
    entries: tuple[Entry, ...]

    @property
    def lags(self) -> list[float]:
        """The measured lags, sorted."""
        return sorted(measured(self.entries))

    @property
    def unstamped(self) -> int:
        """Records without a collection time of their own."""
        return sum(e is None for e in self.entries)

    @property
    def early(self) -> int:
        """Records collected "before" they were published (a wrong clock)."""
        return sum(e is not None and e < 0 for e in self.entries)

    @property
    def backfilled(self) -> int:
        """Old posts fetched late (before the source's first batch, or BACKFILL after it)."""
        return sum(e is not None and e > BACKFILL.total_seconds() for e in self.entries)

    def text_zh(self) -> str:
        """采集延迟 中位 8 分钟 / 90% 13 分钟内（最近 200 条）, with what was not counted."""
        lags = self.lags
        head = (
            f"采集延迟 中位 {minutes_zh(percentile(lags, 0.5))} / "
            f"90% {within_zh(percentile(lags, 0.9))}"
            if lags
            else "采集延迟 未知"
        )
        notes = [f"最近 {len(self.entries)} 条"]
        if lags and len(lags) < MIN_SAMPLE:
            notes.append(f"仅 {len(lags)} 条可计，样本不足")
        for count, what in (
            (self.unstamped, "无采集时间"),
            (self.early, "采集时间早于发布"),
            (self.backfilled, "补采的旧帖"),
        ):
            if count:
                notes.append(f"{what} {count} 条未计入")
        return f"{head}（{'，'.join(notes)}）"


def minutes_zh(seconds: float) -> str:
    """A lag in whole minutes, any part of one counted: 0 分钟, 不到 1 分钟 (seconds), 8 分钟,
    1 小时 5 分钟."""
    if seconds <= 0:
        return "0 分钟"
    if seconds < 60:
        return "不到 1 分钟"
    return interval_zh(timedelta(minutes=math.ceil(seconds / 60)))


def within_zh(seconds: float) -> str:
    """The whole minutes a lag is within: 1 分钟内 for seconds, 13 分钟内 for 12 min 20 s."""
    return f"{interval_zh(timedelta(minutes=max(1, math.ceil(seconds / 60))))}内"


def read_lags(source: Context) -> dict[str, SourceLag]:
    """Every source's latest entries by source name (sources that ingested anything)."""
    return {
        str(row["name"]): SourceLag(str(row["name"]), tuple(json.loads(row["recent"] or "[]")))
        for row in read_rows(source, LAG_SQL)
    }


def pooled_p90(lags: Iterable[SourceLag]) -> timedelta | None:
    """The 90th-percentile lag of the given sources' measured lags together (a post of the
    window, whichever source brought it, is collected within it 9 times in 10); None while
    fewer than MIN_SAMPLE are measured."""
    pooled = sorted(lag for source in lags for lag in measured(source.entries))
    if len(pooled) < MIN_SAMPLE:
        return None
    return timedelta(seconds=percentile(pooled, 0.9))
