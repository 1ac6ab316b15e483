"""An event's status, growth and CLI summary, computed from any event-shaped value.

The ORM `Event` (tracker, dashboard, reports) and the plain `EventRow` that `yuqing events
list` reads without SQLAlchemy (brand_events.listing) both fit `EventFacts`, so the rules
below exist once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from brand_events.enums import EventStatus

OVER_AFTER = timedelta(hours=24)


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


def status_at(event: EventFacts, now: datetime) -> EventStatus:
    """rising / peaking / cooling / over from the hourly counts as of now."""
    if not event.visible:
        return EventStatus.FORMING
    if now - event.last_at >= OVER_AFTER:
        return EventStatus.OVER
    counts = hourly_counts(event)
    hour = int(now.timestamp() // 3600)
    recent = sum(counts.get(h, 0) for h in range(hour - 2, hour + 1))
    before = sum(counts.get(h, 0) for h in range(hour - 5, hour - 2))
    peak = max(counts.values(), default=0)
    if recent >= 3 and recent > 1.5 * before:
        return EventStatus.RISING
    if peak and recent / 3 >= 0.6 * peak:
        return EventStatus.PEAKING
    return EventStatus.COOLING


@dataclass(frozen=True)
class Growth:
    """Mentions in the last hour and the hour before, as of a moment."""

    last_hour: int
    hour_before: int


def growth_at(event: EventFacts, now: datetime) -> Growth:
    """The event's growth around now (stream time for replays)."""
    counts = hourly_counts(event)
    hour = int(now.timestamp() // 3600)
    return Growth(counts.get(hour, 0), counts.get(hour - 1, 0))


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
