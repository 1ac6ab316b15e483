"""The line other domains print about an event: title, first post, size and growth."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from brand_events import links, status
from brand_events.listing import read_data_now

if TYPE_CHECKING:
    from core.context import Context


def event_line(ctx: Context, mention_ids: Sequence[str]) -> str | None:
    """ "事件：…（首发 …）" for the event these mentions belong to (links.owner), or None."""
    if not mention_ids:
        return None
    with ctx.sessions() as session:
        event = links.owner(session, mention_ids)
        if event is None:
            return None
        growth = status.growth_at(event, read_data_now(session, ctx.clock()))
        started = event.started_at.astimezone(ctx.config.tz)
        return (
            f"事件：{event.title}（{event.first_author or '匿名'} 于 {started:%m-%d %H:%M} 首发，"
            f"共 {event.mention_count} 条，最近一小时 {growth.last_hour} 条，"
            f"前一小时 {growth.hour_before} 条）"
        )
