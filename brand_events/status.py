"""An event's status, growth and CLI summary, computed from any event-shaped value.

The ORM `Event` (tracker, dashboard, reports) and the plain `EventRow` that `yuqing events
list` reads without SQLAlchemy (brand_events.listing) both fit `EventFacts`, so the rules
below exist once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from brand_events.enums import EventStatus

OVER_AFTER = timedelta(hours=24)
HOUR = timedelta(hours=1)


class EventFacts(Protocol):
    """What status, growth and the summary read of an event."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def visible(self) -> bool: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def last_at(self) -> datetime: ...
    @property
    def mention_count(self) -> int: ...
    @property
    def author_count(self) -> int: ...
    @property
    def first_mention_id(self) -> str: ...
    @property
    def first_source(self) -> str: ...
    @property
    def first_native_id(self) -> str: ...
    @property
    def first_author(self) -> str | None: ...
    @property
    def hourly(self) -> Mapping[str, Any]: ...


def hourly_counts(event: EventFacts) -> dict[int, int]:
    """The event's mentions per epoch hour."""
    raw: Mapping[str, Any] = event.hourly or {}
    return {int(hour): int(count) for hour, count in raw.items()}


def data_clock(newest: datetime | None, wall: datetime, now: datetime | None = None) -> datetime:
    """The data clock: an explicit `now`, else the newest stored mention time (never later
    than the wall clock), else the wall clock."""
    if now is not None:
        return now
    if newest is None:
        return wall
    newest = newest if newest.tzinfo else newest.replace(tzinfo=UTC)
    return min(newest, wall)


def mentions_between(
    counts: Mapping[int, int], start: datetime, end: datetime, now: datetime
) -> float:
    """The event's mentions published in [start, end), read from its hourly counts as of now.

    An hour the window cuts counts in proportion to the part inside it (posts spread evenly
    over the hour); the hour now is in holds only what was posted so far, spread over its
    elapsed part. Whole clock hours misread a running crisis: at 22:03 the hour "22" held 2
    posts and the hour before 50, so a story with 52 posts in the last 60 minutes read
    「最近一小时 2 条（-48）」 and 回落 (round 29, the appliance week's CO crisis read live).
    """
    position, first, last = now.timestamp() / 3600, start.timestamp() / 3600, end.timestamp() / 3600
    current = int(position)
    total = 0.0
    for hour in range(math.floor(first), math.ceil(last)):
        count = counts.get(hour, 0)
        if not count:
            continue
        span_end = position if hour == current else hour + 1.0
        width = span_end - hour
        if width <= 0:  # now is exactly on the hour: its posts are all at that instant
            total += count if first <= position <= last else 0
            continue
        inside = min(span_end, last) - max(float(hour), first)
        if inside > 0:
            total += count * inside / width
    return total


def status_at(event: EventFacts, now: datetime) -> EventStatus:
    """rising / peaking / cooling / over from the hourly counts as of now."""
    if not event.visible:
        return EventStatus.FORMING
    if now - event.last_at >= OVER_AFTER:
        return EventStatus.OVER
    counts = hourly_counts(event)
    recent = mentions_between(counts, now - 3 * HOUR, now, now)
    before = mentions_between(counts, now - 6 * HOUR, now - 3 * HOUR, now)
    last_hour = mentions_between(counts, now - HOUR, now, now)
    peak = max(counts.values(), default=0)
    if recent >= 3 and recent > 1.5 * before:
        return EventStatus.RISING
    # At its peak rate in the last three hours, or in the last hour alone (a second wave: the
    # backlash after a statement runs at the evening's rate while the quiet night lowers the
    # three-hour mean).
    if peak and max(recent / 3, last_hour) >= 0.6 * peak:
        return EventStatus.PEAKING
    return EventStatus.COOLING


@dataclass(frozen=True)
class Growth:
    """Mentions in the 60 minutes before a moment and the 60 before those (hourly counts
    read as `mentions_between` does)."""

    last_hour: int
    hour_before: int


def growth_at(event: EventFacts, now: datetime) -> Growth:
    """The event's growth around now (stream time for replays)."""
    counts = hourly_counts(event)
    last = mentions_between(counts, now - HOUR, now, now)
    before = mentions_between(counts, now - 2 * HOUR, now - HOUR, now)
    return Growth(round(last), round(before))


def summary(event: EventFacts, now: datetime) -> dict[str, object]:
    """The CLI contract's JSON for one event (without members)."""
    return {
        "id": event.id,
        "title": event.title,
        "status": str(status_at(event, now)),
        "started_at": event.started_at.astimezone(UTC).isoformat(),
        "last_at": event.last_at.astimezone(UTC).isoformat(),
        "mention_count": event.mention_count,
        "author_count": event.author_count,
        "first": {
            "source": event.first_source,
            "native_id": event.first_native_id,
            "mention_id": event.first_mention_id,
            "author": event.first_author,
        },
    }
