"""The post a crisis began with, so a case opened from a later alert still addresses its 当事人."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from core.timeutil import as_utc

# An event begun longer before the alert's posts is a long-running topic whose first post is
# not this crisis's origin (as the dashboard's crisis_start reads it).
STORY_LOOKBACK = timedelta(hours=24)


def origin_id(session: Session, sample_ids: Sequence[str], earliest: datetime) -> str | None:
    """The first post of the event the samples belong to, when that event began at most a day
    before the earliest sample (`earliest`); None without one (or without the events domain)."""
    from brand_events import links
    from brand_events.models import EventMember

    if not sample_ids or not inspect(session.get_bind()).has_table(EventMember.__tablename__):
        return None
    event = links.owner(session, list(sample_ids))
    if event is None or as_utc(event.started_at) < as_utc(earliest) - STORY_LOOKBACK:
        return None
    first = (
        select(EventMember.mention_id)
        .where(EventMember.event_id == event.id)
        .order_by(EventMember.published_at, EventMember.mention_id)
        .limit(1)
    )
    return session.scalar(first)
