"""An event stored as the event tracker records one, over mentions already in the index."""

from __future__ import annotations

from datetime import UTC, datetime

from brand_events.models import Event, EventMember
from core.context import Context
from core.index.protocol import SearchQuery


def store_event(
    ctx: Context, event_id: str, title: str, plan: str, at: datetime | None = None
) -> None:
    """An event holding every mention of the plan, as the event tracker records one (started
    and last seen `at`, default now)."""
    found = ctx.index.search(SearchQuery(plans=[plan], limit=50)).mentions
    now = at or datetime.now(UTC)
    Event.__table__.create(ctx.engine, checkfirst=True)
    EventMember.__table__.create(ctx.engine, checkfirst=True)
    with ctx.sessions.begin() as session:
        session.add(
            Event(
                id=event_id,
                title=title,
                visible=True,
                started_at=now,
                last_at=now,
                mention_count=len(found),
                author_count=len(found),
                first_author=found[0].author.name,
                hourly={str(int(now.timestamp() // 3600)): len(found)},
                updated_at=now,
            )
        )
        session.add_all(
            EventMember(
                mention_id=m.id,
                event_id=event_id,
                source=m.source,
                native_id=m.native_id,
                published_at=m.published_at,
                reason="seed",
            )
            for m in found
        )
