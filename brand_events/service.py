"""Reading one event as an ORM object: get, members (which event holds given mentions:
brand_events.links.owner). The event list and the data clock: brand_events.listing; status,
growth and the summary: brand_events.status (for ORM events and the plain rows alike)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from brand_events import seed_rows
from brand_events.models import Event, EventMember


def get(session: Session, *, event_id: str) -> Event | None:
    """One event by id; a merged event's id leads to the event it was merged into."""
    event = session.get(Event, event_id) or seed_rows.get(session, event_id)
    for _ in range(20):
        if event is None or event.merged_into is None:
            return event
        event = session.get(Event, event.merged_into)
    return event


def members(session: Session, *, event_id: str) -> list[EventMember]:
    """The event's mentions, oldest first."""
    query = select(EventMember).where(EventMember.event_id == event_id)
    found = list(session.scalars(query.order_by(EventMember.published_at, EventMember.mention_id)))
    return found or [seed_rows.as_member(row) for row in seed_rows.seeds(session, [event_id])]
