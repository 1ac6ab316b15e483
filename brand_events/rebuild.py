"""Cluster every indexed mention again from scratch (after a config change or for old data)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select

from brand_events.models import Event, EventMember, EventSeed, EventsState, TermHours
from brand_events.tracker import EventTracker

if TYPE_CHECKING:
    from core.context import Context

PAGE = 2000


def rebuild_events(ctx: Context) -> tuple[int, int]:
    """Forget all events, re-cluster the whole index in pages; returns (mentions, events)."""
    with ctx.sessions.begin() as session:
        for table in (EventMember, Event, EventSeed, EventsState, TermHours):
            session.execute(delete(table))
    tracker = EventTracker(ctx.sessions, ctx.config)
    ctx.index.refresh()
    cursor: str | None = None
    total = 0
    while True:
        page, cursor = ctx.index.since(cursor, limit=PAGE)
        if not page:
            break
        tracker.track(page)
        total += len(page)
    with ctx.sessions() as session:
        count = session.scalar(
            select(func.count()).where(Event.visible.is_(True), Event.merged_into.is_(None))
        )
    return total, int(count or 0)
