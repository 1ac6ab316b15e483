"""Reading events: list, get, members, the data clock (which event holds given mentions:
brand_events.links.owner). Status, growth and the summary: brand_events.status (for ORM
events and the plain-row list alike)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from brand_events.models import Event, EventMember
from brand_events.status import data_clock


def data_now(session: Session, wall: datetime, now: datetime | None = None) -> datetime:
    """The moment statuses and growth are computed at (the data clock): an explicit `now`, else
    the newest mention the event store has seen, never later than the wall clock — so a replay
    of last month's data shows its events as they stood when the data ends, not 已平息."""
    if now is not None:
        return now
    return data_clock(session.scalar(select(func.max(Event.last_at))), wall)


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
