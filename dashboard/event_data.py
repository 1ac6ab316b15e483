"""Event data for the dashboard: list rows, the linked alerts, one event's story (all cached).

Everything reads the stored events (`events`, `event_members`) and, for a handful of member ids
at a time, the index; nothing scans the mentions of a period.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import streamlit as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from alerting.models import Alert
from brand_events import detail as details
from brand_events import links
from brand_events import service as events
from brand_events import status as event_status
from brand_events.enums import EventStatus
from brand_events.listing import read_data_now, read_events
from brand_events.models import Event, EventMember
from brand_events.plan_scope import rival_events
from core.enums import SentimentLabel, Severity
from core.index.protocol import SearchQuery
from crisis_playbooks.cases.event_links import case_event
from crisis_playbooks.cases.models import Case
from dashboard.data import get_context, own_accounts

CHUNK = 500
LIST_LIMIT = 200


@dataclass(frozen=True)
class LinkedAlert:
    """An alert whose sample mentions belong to an event."""

    id: int
    title: str
    severity: Severity
    opened_at: datetime


@dataclass(frozen=True)
class EventRow:
    """One line of the 事件 list."""

    id: str
    title: str
    status: EventStatus
    started_at: datetime
    last_at: datetime
    mentions: int
    authors: int
    first_author: str
    negative: float | None
    complaint: float | None
    last_hour: int
    hour_before: int
    alerts: tuple[LinkedAlert, ...]
    rival: bool = False  # only a competitor's (brand_events.plan_scope)

    @property
    def severity(self) -> Severity | None:
        """The most severe linked alert's severity, if any."""
        return max((a.severity for a in self.alerts), key=lambda s: s.rank, default=None)


def member_ids(session: Session, event_id: str) -> list[str]:
    """The mention ids of an event (the workflow store only)."""
    rows = session.scalars(select(EventMember.mention_id).where(EventMember.event_id == event_id))
    return list(rows)


def shares(ids: Sequence[str]) -> tuple[float | None, float | None]:
    """Negative and complaint shares of these mentions (counted by the index, by id)."""
    index = get_context().index
    total = negative = complaint = 0
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        query = SearchQuery(ids=chunk, limit=len(chunk))
        total += index.count(query)
        negative += index.count(SearchQuery(ids=chunk, sentiments=[SentimentLabel.NEGATIVE]))
        complaint += index.count(SearchQuery(ids=chunk, complaint=True))
    if not total:
        return None, None
    return negative / total, complaint / total


def alerts_by_event(session: Session, since: datetime | None) -> dict[str, list[LinkedAlert]]:
    """Alerts opened since `since` (None: all; false alarms left out), keyed by the event they
    belong to (brand_events.links' rule, the same the event page uses)."""
    statement = select(Alert)
    if since is not None:
        statement = statement.where(Alert.opened_at >= since)
    alerts = [a for a in session.scalars(statement) if not a.false_alarm and a.sample_mention_ids]
    homes = links.owners(session, {a.id: list(a.sample_mention_ids) for a in alerts})
    found: dict[str, list[LinkedAlert]] = {}
    for alert in alerts:
        event = homes.get(alert.id)
        if event is None:
            continue
        linked = LinkedAlert(alert.id, alert.title, Severity(alert.severity), alert.started_at)
        found.setdefault(event.id, []).append(linked)
    return found


def event_clock() -> datetime:
    """The data clock statuses are computed at, as in `yuqing events` (a replay shows its time)."""
    ctx = get_context()
    return read_data_now(ctx, ctx.clock())


@st.cache_data(ttl=30, show_spinner=False)
def event_rows(
    since: datetime | None, moment: datetime, until: datetime | None = None
) -> list[EventRow]:
    """Visible events active in [since, until) (open ends: no bound), biggest first, with
    shares, growth and alerts; statuses as at `moment`."""
    ctx = get_context()
    with ctx.sessions() as session:
        found = read_events(session, since=since, until=until, limit=LIST_LIMIT)
        # an alert may open a little before its event's first post in the range
        linked = alerts_by_event(session, since - timedelta(days=1) if since else None)
        ids = {e.id: member_ids(session, e.id) for e in found}
        rivals = rival_events(session, ctx.index, ctx.config, ids)
    rows = []
    for event in found:
        negative, complaint = shares(ids[event.id])
        growth = event_status.growth_at(event, moment)
        rows.append(
            EventRow(
                id=event.id,
                title=event.title or "未命名事件",
                status=event_status.status_at(event, moment),
                started_at=event.started_at,
                last_at=event.last_at,
                mentions=event.mention_count,
                authors=event.author_count,
                first_author=event.first_author or "匿名",
                negative=negative,
                complaint=complaint,
                last_hour=growth.last_hour,
                hour_before=growth.hour_before,
                alerts=tuple(linked.get(event.id, [])),
                rival=event.id in rivals,
            )
        )
    return rows


def event_for_mentions(mention_ids: Sequence[str]) -> tuple[str, str] | None:
    """(id, title) of the event these mentions belong to (brand_events.links' rule), or None."""
    if not mention_ids:
        return None
    with get_context().sessions() as session:
        event = links.owner(session, list(mention_ids))
        return (event.id, event.title or "未命名事件") if event is not None else None


def event_of_case(case: Case) -> tuple[str, str] | None:
    """(id, title) of the event a case is about (crisis_playbooks' case_event), or None."""
    with get_context().sessions() as session:
        event = case_event(session, case)
        return (event.id, event.title or "未命名事件") if event is not None else None


@dataclass(frozen=True)
class EventMark:
    """Where an event began, for the 态势 trend."""

    at: datetime
    event_id: str
    title: str
    mentions: int


def event_marks(session: Session, since: datetime, limit: int = 50) -> list[EventMark]:
    """The biggest visible events of the brand (not only a competitor's) that started since
    `since`, oldest first."""
    ctx = get_context()
    found = read_events(session, started_since=since, limit=limit)
    rivals = rival_events(session, ctx.index, ctx.config, (e.id for e in found))
    return sorted(
        (
            EventMark(e.started_at, e.id, e.title, e.mention_count)
            for e in found
            if e.id not in rivals
        ),
        key=lambda m: m.at,
    )


def find_event(event_id: str) -> Event | None:
    """The event (merged ids lead to the survivor)."""
    with get_context().sessions() as session:
        return events.get(session, event_id=event_id)


def linked_work(story: details.EventDetail) -> None:
    """Refresh the story's alerts and cases (they change without the event changing)."""
    with get_context().sessions() as session:
        ids = {m.mention_id for m in story.members}
        story.alerts, story.cases = details.linked_work(session, story.event.id, ids)


@st.cache_data(ttl=300, show_spinner=False, max_entries=50)
def event_story(event_id: str, version: str) -> details.EventDetail:
    """Everything the event page shows; `version` (the event's last change) keys the cache."""
    ctx = get_context()
    with ctx.sessions() as session:
        event = events.get(session, event_id=event_id)
        if event is None:
            raise LookupError(event_id)
        story = details.build(session, ctx.index, event, sorted(own_accounts().names()))
        session.expunge_all()
    return story
