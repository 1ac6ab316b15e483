"""Reading events: list, get, members, status and growth (which event holds given mentions:
brand_events.links.owner)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from brand_events.enums import EventStatus
from brand_events.models import Event, EventMember, hourly_counts

OVER_AFTER = timedelta(hours=24)


def data_now(session: Session, wall: datetime, now: datetime | None = None) -> datetime:
    """The moment statuses and growth are computed at (the data clock): an explicit `now`, else
    the newest mention the event store has seen, never later than the wall clock — so a replay
    of last month's data shows its events as they stood when the data ends, not 已平息."""
    if now is not None:
        return now
    newest = session.scalar(select(func.max(Event.last_at)))
    if newest is None:
        return wall
    newest = newest if newest.tzinfo else newest.replace(tzinfo=UTC)
    return min(newest, wall)


def status_at(event: Event, now: datetime) -> EventStatus:
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


def get(session: Session, *, event_id: str) -> Event | None:
    """One event by id; a merged event's id leads to the event it was merged into."""
    event = session.get(Event, event_id)
    for _ in range(20):
        if event is None or event.merged_into is None:
            return event
        event = session.get(Event, event.merged_into)
    return event


def get_all(
    session: Session,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    include_forming: bool = False,
    limit: int | None = None,
) -> list[Event]:
    """Events active in [since, until), biggest first; forming clusters only when asked."""
    query = select(Event).where(Event.merged_into.is_(None))
    if not include_forming:
        query = query.where(Event.visible.is_(True))
    if since is not None:
        query = query.where(Event.last_at >= since)
    if until is not None:
        query = query.where(Event.started_at < until)
    query = query.order_by(Event.mention_count.desc(), Event.started_at)
    return list(session.scalars(query.limit(limit) if limit else query))


def members(session: Session, *, event_id: str) -> list[EventMember]:
    """The event's mentions, oldest first."""
    query = select(EventMember).where(EventMember.event_id == event_id)
    return list(session.scalars(query.order_by(EventMember.published_at, EventMember.mention_id)))


@dataclass(frozen=True)
class Growth:
    """Mentions in the last hour and the hour before, as of a moment."""

    last_hour: int
    hour_before: int


def growth_at(event: Event, now: datetime) -> Growth:
    """The event's growth around now (stream time for replays)."""
    counts = hourly_counts(event)
    hour = int(now.timestamp() // 3600)
    return Growth(counts.get(hour, 0), counts.get(hour - 1, 0))


def summary(event: Event, now: datetime) -> dict[str, object]:
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
