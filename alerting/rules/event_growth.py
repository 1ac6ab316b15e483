"""`event_growth`: an event (brand_events) gains many posts from many people in a short time.

The mention-count rules see a crisis as more negative posts; this one sees one story spreading:
the 事件 the dashboard shows, named by its title, with how much it grew and how negative the
new posts are. Its alert carries the event's id in its key, so the same event re-alerts only
as it keeps growing (持续扩大), and it joins the crisis's 预警组 like every reputation signal.
The rule's filter applies to the new posts (plans, channels, complaint …).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from alerting.models import Alert
from alerting.rules.base import (
    Finding,
    Rule,
    RuleContext,
    RuleFilter,
    WindowSpec,
    register,
    scope_label,
)
from alerting.rules.window_match import distinct_ids
from brand_events.models import Event, EventMember
from core.enums import SentimentLabel
from core.index.protocol import SortOrder
from core.models import Mention
from core.timeutil import Duration, interval_zh


class EventGrowthSpec(WindowSpec):
    """Options of an event-growth rule."""

    window: Duration = timedelta(hours=1)
    min_posts: int = Field(default=10, ge=1)  # new posts of the event in the window
    min_authors: int = Field(default=5, ge=1)  # distinct authors among them
    # Share of the new posts that are negative: a promotion spreading is no crisis.
    min_negative_share: float = Field(default=0.5, ge=0.0, le=1.0)


@dataclass(frozen=True)
class Growth:
    """One visible event and its members published in the window."""

    event: Event
    member_ids: list[str]


@register
class EventGrowthRule(Rule[EventGrowthSpec]):
    """Fires for each visible event with ≥ min_posts new posts by ≥ min_authors in the window."""

    type_name = "event_growth"
    headline = 3
    type_label_zh = "事件快速扩散"
    spec_model = EventGrowthSpec

    def evaluate(self, rc: RuleContext) -> list[Finding]:
        """A finding per scope and event that grew fast enough in the window ending now (the
        events are read once; each scope's filter then picks its new posts)."""
        if rc.sessions is None:
            return []
        start = rc.now - self.spec.window
        with rc.sessions() as session:
            growing = recent_growth(session, start, rc.now, self.spec.min_posts)
        found = (
            self._finding(rc, scope, flt, start, growth)
            for scope, flt in self.scopes()
            for growth in growing
        )
        return [finding for finding in found if finding is not None]

    def _finding(
        self, rc: RuleContext, scope: str, flt: RuleFilter, start: datetime, growth: Growth
    ) -> Finding | None:
        spec = self.spec
        new = _new_posts(rc, flt, start, growth.member_ids)
        authors = {m.author.id or m.author.name for m in new}
        if len(new) < spec.min_posts or len(authors) < spec.min_authors:
            return None
        share = sum(1 for m in new if _negative(m)) / len(new)
        if share < spec.min_negative_share:
            return None
        event = growth.event
        title = event.title or "未命名事件"
        return Finding(
            key=f"{scope}:{event.id}",
            title=f"{scope_label(scope)}{spec.title or '事件快速扩散'}：{title}",
            summary=(
                f"事件「{title}」最近 {interval_zh(spec.window)}新增 {len(new)} 条"
                f"（{len(authors)} 位作者，负面 {share:.0%}），"
                f"累计 {event.mention_count} 条、{event.author_count} 位作者"
            ),
            count=len(new),
            window_start=start,
            window_end=rc.now,
            peak=round(share, 4),
            sample_ids=distinct_ids(new, rc.sample_size),
            plans=list(flt.plans),
            # Every tick reads the same sliding window again: a finding restates the growth
            # (the alert keeps the fastest hour and the latest words), it never adds to it.
        )

    @classmethod
    def describe(cls, alert: Alert) -> str:
        """New posts of the event in the window and how negative they are."""
        share = f"，负面 {alert.peak:.0%}" if alert.peak is not None else ""
        return f"事件新增：{alert.count} 条{share}"


def recent_growth(session: Session, start: datetime, end: datetime, least: int) -> list[Growth]:
    """Visible, unmerged events with at least `least` members published in [start, end]."""
    rows = session.execute(
        select(Event, EventMember.mention_id)
        .join(EventMember, EventMember.event_id == Event.id)
        .where(
            Event.visible,
            Event.merged_into.is_(None),
            Event.last_at >= start,
            EventMember.published_at >= start,
            EventMember.published_at <= end,
        )
        .order_by(Event.started_at, Event.id, EventMember.mention_id)
    ).all()
    members: dict[str, Growth] = {}
    for event, mention_id in rows:
        members.setdefault(event.id, Growth(event, [])).member_ids.append(mention_id)
    return [growth for growth in members.values() if len(growth.member_ids) >= least]


def _new_posts(
    rc: RuleContext, flt: RuleFilter, start: datetime, member_ids: list[str]
) -> list[Mention]:
    """The event's window members that pass the rule's filter, most urgent first."""
    query = replace(
        flt.query(start, rc.now), ids=member_ids, sort=SortOrder.URGENCY, limit=len(member_ids)
    )
    found = rc.index.search(query).mentions
    expression = flt.expression
    return [m for m in found if expression is None or expression.matches(m.full_text)]


def _negative(mention: Mention) -> bool:
    return mention.sentiment is not None and mention.sentiment.label == SentimentLabel.NEGATIVE
