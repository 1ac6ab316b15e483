"""Events stored as the event tracker records them, over mentions already in the index."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from brand_events.models import Event, EventMember
from core.context import Context
from core.index.protocol import SearchQuery

# The brand and one competitor (role 竞品), for the lists that keep a competitor's apart.
RIVAL_CONFIG = """brand: 鲜味坊
plans:
  - {id: xwf, name: 鲜味坊, expression: 鲜味坊}
  - {id: rival, name: 香满楼, expression: 香满楼, role: 竞品}
"""


def add_event(
    ctx: Context, event_id: str, title: str, mention_ids: Sequence[str], at: datetime
) -> None:
    """An event holding these mentions, started and last seen `at`."""
    Event.__table__.create(ctx.engine, checkfirst=True)
    EventMember.__table__.create(ctx.engine, checkfirst=True)
    with ctx.sessions.begin() as session:
        session.add(
            Event(
                id=event_id,
                title=title,
                visible=True,
                started_at=at,
                last_at=at,
                mention_count=len(mention_ids),
                updated_at=at,
            )
        )
        session.add_all(
            EventMember(
                mention_id=mention_id,
                event_id=event_id,
                source="t",
                native_id=mention_id,
                published_at=at,
                reason="seed",
            )
            for mention_id in mention_ids
        )


def store_event(
    ctx: Context, event_id: str, title: str, plan: str, at: datetime | None = None
) -> None:
    """An event holding every mention of the plan (started and last seen `at`, default now)."""
    found = ctx.index.search(SearchQuery(plans=[plan], limit=50)).mentions
    add_event(ctx, event_id, title, [m.id for m in found], at or datetime.now(UTC))
