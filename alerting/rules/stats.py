"""Small statistics for rules: Poisson tail probability, medians, seasonal baselines."""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from core.index.protocol import MentionIndex, SearchQuery, SortOrder

DAY = timedelta(days=1)
WEEK = timedelta(days=7)


def poisson_tail(observed: int, expected: float) -> float:
    """P(X >= observed) for X ~ Poisson(expected)."""
    if observed <= 0:
        return 1.0
    if expected <= 0:
        return 0.0
    if observed <= expected:  # lower sum is accurate here
        term, below = math.exp(-expected), 0.0
        for k in range(observed):
            below += term
            term *= expected / (k + 1)
        return max(0.0, 1.0 - below)
    # Upper tail summed directly (terms shrink geometrically) to keep tiny p-values exact.
    term = math.exp(observed * math.log(expected) - expected - math.lgamma(observed + 1))
    upper, k = 0.0, observed
    while term > upper * 1e-12 and k < observed + 100_000:
        upper += term
        k += 1
        term *= expected / k
    return min(1.0, upper)


def median(values: Sequence[float]) -> float:
    """The median of a non-empty sequence."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def first_published(index: MentionIndex) -> datetime | None:
    """When the indexed history starts (any mention); None for an empty index."""
    found = index.search(SearchQuery(sort=SortOrder.OLDEST, limit=1)).mentions
    return found[0].published_at if found else None


def seasonal_rate(
    count: Callable[[datetime, datetime], int],
    center: datetime,
    span: timedelta,
    history_start: datetime,
    days: int,
    weeks: int,
) -> float | None:
    """Mentions per second expected around `center`: same time of day and same weekday.

    The daily profile is the median over the previous `days` days; when earlier weeks
    exist, the same weekday's median over `weeks` weeks is used if it is higher, so a busy
    weekday does not look like a spike. None while there is no history at that hour.
    """

    def rate(offset: timedelta) -> float | None:
        start = center - offset - span / 2
        if start < history_start:
            return None
        return count(start, start + span) / span.total_seconds()

    daily = [r for d in range(1, days + 1) if (r := rate(d * DAY)) is not None]
    if not daily:
        return None
    weekly = [r for w in range(1, weeks + 1) if (r := rate(w * WEEK)) is not None]
    return max(median(daily), median(weekly)) if weekly else median(daily)


def refresh_slot(now: datetime, size: timedelta, salt: str = "") -> str:
    """Identifier of the cache slot `now` falls in (cached baselines expire per slot).

    The salt (the rule name) shifts each rule's slot boundaries, so a hundred rules do not
    all recompute their baselines in the same tick.
    """
    seconds = max(size.total_seconds(), 1.0)
    shift = zlib.crc32(salt.encode()) % int(seconds) if salt else 0
    return str(int((now.timestamp() + shift) // seconds))


def binomial_tail(successes: int, trials: int, probability: float) -> float:
    """P(X >= successes) for X ~ Binomial(trials, probability)."""
    if successes <= 0:
        return 1.0
    if successes > trials or probability <= 0.0:
        return 0.0
    if probability >= 1.0:
        return 1.0
    log_p, log_q = math.log(probability), math.log1p(-probability)
    total = 0.0
    for k in range(successes, trials + 1):
        log_choose = math.lgamma(trials + 1) - math.lgamma(k + 1) - math.lgamma(trials - k + 1)
        total += math.exp(log_choose + k * log_p + (trials - k) * log_q)
    return min(1.0, total)


def chance_zh(p: float) -> str:
    """A Poisson/binomial tail probability in plain words: how likely this is by chance."""
    if p < 1e-6:
        return "纯属偶然的可能不到百万分之一"
    if p < 1e-3:
        return "纯属偶然的可能不到千分之一"
    return f"纯属偶然的可能约 {p:.1%}"
