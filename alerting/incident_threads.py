"""Thread lookups: which incident a new or returning alert belongs to (see alerting.incidents).

An active incident of its group within the window, one gone quiet or ended lately that held its
rule and key, or one whose alerts' sample posts are in the same event (brand_events).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from alerting.config import GroupingConfig
from alerting.enums import AlertStatus
from alerting.incident_members import ACTIVE, members, of
from alerting.models import Alert, Incident
from core.timeutil import as_utc


def reopenable(session: Session, alert: Alert, config: GroupingConfig, now: datetime) -> bool:
    """Whether the alert's incident is still its thread: unresolved, or ended within
    reopen_within and not as a false alarm (the rule ended_lately applies to new alerts)."""
    incident = of(session, alert)
    if incident is None:
        return False
    if incident.status in ACTIVE:
        return True
    if not config.enabled or config.reopen_within <= timedelta(0):
        return False
    ended = as_utc(incident.resolved_at)
    if ended is None or now - ended > config.reopen_within:
        return False
    return not _dismissed(session, incident)


def matching(
    session: Session, alert: Alert, group: str, config: GroupingConfig, now: datetime
) -> Incident | None:
    """The most recently active incident this alert belongs to, if any."""
    since = now - config.window
    candidates = session.scalars(
        select(Incident)
        .where(Incident.status.in_(list(ACTIVE)), Incident.last_fired_at >= since)
        .order_by(Incident.last_fired_at.desc(), Incident.id.desc())
    )
    for incident in candidates:
        if incident.scope != group:
            continue
        if _plans_meet(alert, incident):
            return incident
    return None


def story(session: Session, alert: Alert) -> str | None:
    """The event (brand_events) the alert's sample posts are in, if any (none where events
    are not stored: a deployment or a store without the event tables)."""
    if not alert.sample_mention_ids:
        return None
    from brand_events.links import owners
    from brand_events.models import EventMember

    if not inspect(session.connection()).has_table(EventMember.__tablename__):
        return None

    event = owners(session, {0: list(alert.sample_mention_ids)}).get(0)
    return event.id if event is not None else None


def holds(session: Session, incident: Incident, story: str) -> bool:
    """Whether one of the incident's alerts has its sample posts in the story."""
    from brand_events.links import owners

    alerts = members(session, incident.id)
    samples = {a.id: list(a.sample_mention_ids) for a in alerts if a.sample_mention_ids}
    return any(event.id == story for event in owners(session, samples).values())


def recurs(session: Session, incident: Incident, alert: Alert) -> bool:
    """Whether an alert of the incident had this alert's rule and key."""
    return any(
        m.rule == alert.rule and m.key == alert.key and m.id != alert.id
        for m in members(session, incident.id)
    )


def _plans_meet(alert: Alert, incident: Incident) -> bool:
    """They share a plan, or either side has none."""
    mine, theirs = set(alert.plans or []), set(incident.plans or [])
    return not mine or not theirs or bool(mine & theirs)


def ended_lately(
    session: Session, alert: Alert, group: str, config: GroupingConfig, now: datetime
) -> list[Incident]:
    """Incidents of the group and the alert's plans that ended within reopen_within, newest
    first (none closed as a false alarm: people called it so)."""
    if config.reopen_within <= timedelta(0) or not alert.sample_mention_ids:
        return []
    ended = session.scalars(
        select(Incident)
        .where(
            Incident.status == AlertStatus.RESOLVED,
            Incident.scope == group,
            Incident.resolved_at >= now - config.reopen_within,
        )
        .order_by(Incident.resolved_at.desc(), Incident.id.desc())
    )
    return [
        incident
        for incident in ended
        if _plans_meet(alert, incident) and not _dismissed(session, incident)
    ]


def _dismissed(session: Session, incident: Incident) -> bool:
    """Whether people called the incident 误报 (one of its alerts is flagged)."""
    return any(a.false_alarm for a in members(session, incident.id))


def quiet(
    session: Session, alert: Alert, group: str, config: GroupingConfig, now: datetime
) -> list[Incident]:
    """Unresolved incidents of the group and the alert's plans whose last alert fired before the
    grouping window but within reopen_within, most recent first."""
    if config.reopen_within <= timedelta(0) or not alert.sample_mention_ids:
        return []
    found = session.scalars(
        select(Incident)
        .where(
            Incident.status.in_(list(ACTIVE)),
            Incident.scope == group,
            Incident.last_fired_at < now - config.window,
            Incident.last_fired_at >= now - config.reopen_within,
        )
        .order_by(Incident.last_fired_at.desc(), Incident.id.desc())
    )
    return [incident for incident in found if _plans_meet(alert, incident)]
