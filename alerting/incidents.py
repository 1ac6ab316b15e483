"""Incidents: the alerts several rules raise for one crisis, grouped so people get one thread.

A KOL's food-poisoning post trips urgent-mention at once, then the food-safety spike, the
维权 keywords and the negative-ratio rules within minutes. Each rule still keeps its own
alert (its numbers, its dedup key), but a new alert that fires while an incident of the same
group is active — within `alerting.grouping.window` and sharing a plan — joins it:

- it notifies only when it raises the incident's severity, or as a 事态更新 when its rule is a
  new front of a crisis (`announce_in_group`: the brand's own account inflaming it, a 维权
  wave) and the incident has no alert of that rule and key yet — each statement of the brand's
  account is its own key — (otherwise the dashboard shows it);
- it inherits the incident's acknowledgement (by "<who>（随预警组确认）": nobody saw it), and
  acknowledging any alert acknowledges all — unless it raises the incident's severity: then
  the incident is open again and the new alert leads it, waiting for someone to acknowledge
  (an escalation nobody has seen must not pass as acknowledged);
- the most severe alert leads the incident and only the lead escalates: a severer alert joining
  takes the lead — from an unacknowledged incident with the escalation tier and clock it has
  reached (the 紧急 post that joined a 严重 statement's group is what the next tier hears of,
  at the time the group was due, and a channel for 紧急 only receives it); when the lead
  resolves, the most severe active alert (the oldest among equals) leads;
- the incident resolves when its last alert does, and only that resolution is announced;
- a story that flares up again after its incident ended (`grouping.reopen_within`, 24 h): a
  new alert whose sample posts are in the same event (brand_events) as the ended incident's
  reopens it and leads it, announced as 事态再起 — the morning wave of last night's crisis is
  not a new crisis; an incident still unresolved but quiet for longer than the window takes a
  new alert of its story the same way (joined, not reopened).

Which incident a new alert belongs to is looked up in alerting.incident_threads; what an
incident holds (its alerts, its lead, the authors it has named) is alerting.incident_members.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from alerting import incident_threads as threads
from alerting.config import GroupingConfig
from alerting.enums import AlertStatus
from alerting.incident_members import ACTIVE, members, of, siblings
from alerting.models import Alert, Incident
from core.enums import Severity

WITH_GROUP = "（随预警组确认）"  # after the name of who acknowledged the group, on joiners


@dataclass
class Joined:
    """Where a new alert went: its incident, and whether that incident already existed."""

    incident: Incident
    existing: bool
    raised: bool  # the alert raised the existing incident's severity
    # The incident had no alert of this rule and key before: a new front (a second statement
    # of the brand's account provoking its own storm is told, as the first was).
    new_rule: bool = False
    reopened: bool = False  # the alert brought an ended incident back (事态再起)


def attach(
    session: Session,
    alert: Alert,
    group: str,
    config: GroupingConfig,
    now: datetime,
    *,
    recur: bool = False,
) -> Joined:
    """Put a freshly opened alert into a matching active incident, or start a new one.
    `recur`: its rule's key names its subject (Rule.keyed_by_subject), so an ended group that
    held the same rule and key within reopen_within is its thread."""
    incident = threads.matching(session, alert, group, config, now) if config.enabled else None
    # The event lookups only when an incident ended lately or went quiet unresolved (most new
    # alerts find none).
    lately = threads.ended_lately(session, alert, group, config, now) if config.enabled else []
    quiet = threads.quiet(session, alert, group, config, now) if config.enabled else []
    if incident is None or not threads.recurs(session, incident, alert):
        # The same rule and key again within reopen_within, in a thread quiet or ended (before
        # an unrelated group of the hour): the crisis's 高危舆情 alert ended after two quiet
        # hours and the morning's first voice opened it anew, in a post its event had not taken
        # in yet (an express brand's leak, round 30: a second group for one crisis).
        recurring = next((i for i in quiet if threads.recurs(session, i, alert)), None)
        ended = next((i for i in lately if recur and threads.recurs(session, i, alert)), None)
        if recurring is not None:
            incident = recurring
        elif ended is not None:
            return _reopen(session, ended, alert, now)
    story = threads.story(session, alert) if lately or quiet else None
    if story is not None and (incident is None or not threads.holds(session, incident, story)):
        # Its story's thread, still open though no alert of it fired within the window (the
        # regulator's notice on a closed school, the morning after: not a second crisis).
        incident = next((i for i in quiet if threads.holds(session, i, story)), incident)
    if story is not None and (incident is None or not threads.holds(session, incident, story)):
        # The story's own thread, ended lately, before an unrelated crisis of the hour.
        ended = next((i for i in lately if threads.holds(session, i, story)), None)
        if ended is not None:
            return _reopen(session, ended, alert, now)
    if incident is None:
        incident = Incident(
            title=alert.title[:300],
            scope=group,
            severity=alert.severity,
            status=AlertStatus.OPEN,
            alert_count=0,
            plans=list(alert.plans or []),
            opened_at=now,
            updated_at=now,
            last_fired_at=now,
        )
        session.add(incident)
        session.flush()
        incident.lead_alert_id = alert.id
        _add(incident, alert, now)
        return Joined(incident, existing=False, raised=False)
    raised = Severity(alert.severity).rank > Severity(incident.severity).rank
    new_rule = not threads.recurs(session, incident, alert)  # a new front
    _add(incident, alert, now)
    if raised and incident.status == AlertStatus.ACKNOWLEDGED:
        incident.status, incident.updated_at = AlertStatus.OPEN, now
        incident.acknowledged_by, incident.acknowledged_at = None, None
        incident.lead_alert_id = alert.id  # its own clock: nobody has seen it yet
    elif raised:
        _hand_over(session, incident, alert)
    _inherit_ack(incident, alert, now)
    return Joined(incident, existing=True, raised=raised, new_rule=new_rule)


def _reopen(session: Session, ended: Incident, alert: Alert, now: datetime) -> Joined:
    """The ended incident open again, led by the new alert that reopened it (事态再起)."""
    new_rule = not threads.recurs(session, ended, alert)  # a new front
    _open_again(ended, alert, now)
    _add(ended, alert, now)
    return Joined(ended, existing=True, raised=False, new_rule=new_rule, reopened=True)


def revive(session: Session, alert: Alert, now: datetime) -> bool:
    """The alert came back: its incident, if it had ended, opens again led by it (事态再起, as
    attach reopens an ended thread); True when it had ended."""
    incident = of(session, alert)
    if incident is None or incident.status != AlertStatus.RESOLVED:
        return False
    _open_again(incident, alert, now)
    return True


def _open_again(incident: Incident, lead: Alert, now: datetime) -> None:
    """An ended incident open and unacknowledged again, led by `lead` (nobody has seen it)."""
    incident.status, incident.resolved_at, incident.updated_at = AlertStatus.OPEN, None, now
    incident.acknowledged_by, incident.acknowledged_at = None, None
    incident.lead_alert_id = lead.id


def raise_severity(session: Session, alert: Alert) -> bool:
    """After a finding raised an alert: lift its incident too; True when the incident rose."""
    incident = of(session, alert)
    if incident is None:
        return True
    if Severity(alert.severity).rank <= Severity(incident.severity).rank:
        return False
    incident.severity = alert.severity
    _hand_over(session, incident, alert)  # the most severe alert leads
    return True


def touch(session: Session, alert: Alert, now: datetime) -> None:
    """A member fired again (or reopened): the incident is active at now."""
    incident = of(session, alert)
    if incident is None:
        return
    incident.last_fired_at, incident.updated_at = now, now
    if incident.status == AlertStatus.RESOLVED:
        incident.status, incident.resolved_at = AlertStatus.OPEN, None
    _inherit_ack(incident, alert, now)


def acknowledge(session: Session, alert: Alert, by: str, at: datetime) -> list[Alert]:
    """Acknowledge the alert's whole incident; returns the alerts that changed."""
    changed = []
    for member in siblings(session, alert):
        if member.status == AlertStatus.OPEN:
            member.status = AlertStatus.ACKNOWLEDGED
            member.acknowledged_by, member.acknowledged_at, member.updated_at = by, at, at
            changed.append(member)
    incident = of(session, alert)
    if incident is not None and incident.status == AlertStatus.OPEN:
        incident.status = AlertStatus.ACKNOWLEDGED
        incident.acknowledged_by, incident.acknowledged_at, incident.updated_at = by, at, at
    return changed


def dismiss(session: Session, alert: Alert, by: str, at: datetime) -> list[Alert]:
    """Mark the alert's whole incident 误报: every member resolved and flagged; returns them."""
    members_ = siblings(session, alert)
    for member in members_:
        member.false_alarm = True
        member.updated_at = at
        if member.status != AlertStatus.RESOLVED:
            member.status, member.resolved_by, member.resolved_at = AlertStatus.RESOLVED, by, at
    settle(session, members_, at)
    return members_


def settle(session: Session, alerts: Sequence[Alert], now: datetime) -> set[int]:
    """After alerts resolved: hand over leads, resolve emptied incidents; returns their ids."""
    session.flush()
    finished: set[int] = set()
    for incident_id in {a.incident_id for a in alerts if a.incident_id is not None}:
        incident = session.get(Incident, incident_id)
        if incident is None or incident.status == AlertStatus.RESOLVED:
            continue
        active = [a for a in members(session, incident_id) if a.status in ACTIVE]
        incident.updated_at = now
        if not active:
            incident.status, incident.resolved_at = AlertStatus.RESOLVED, now
            finished.add(incident_id)
        elif incident.lead_alert_id not in {a.id for a in active}:
            _hand_over(session, incident, min(active, key=_lead_order))
    return finished


def _lead_order(alert: Alert) -> tuple[int, int]:
    return (-Severity(alert.severity).rank, alert.id)


def _hand_over(session: Session, incident: Incident, successor: Alert) -> None:
    """Make successor the incident's lead; while nobody has acknowledged the incident, it
    escalates on from the tier and clock the lead before it had reached."""
    previous = session.get(Alert, incident.lead_alert_id) if incident.lead_alert_id else None
    incident.lead_alert_id = successor.id
    if previous is None or previous.id == successor.id or incident.status != AlertStatus.OPEN:
        return
    successor.escalation_level = max(successor.escalation_level or 0, previous.escalation_level)
    successor.escalation_from = min(escalation_clock(previous), escalation_clock(successor))


def escalation_clock(alert: Alert) -> datetime:
    """When the alert's wait for an acknowledgement began (its own opening, or that of the
    lead it took over from)."""
    return alert.escalation_from or alert.opened_at


def describe(session: Session, alert: Alert) -> str | None:
    """One Chinese line for messages: the incident and the other signals in it."""
    incident = of(session, alert)
    if incident is None or incident.alert_count < 2:
        return None
    group = members(session, incident.id)
    others = [a.title for a in group if a.id != alert.id]
    shown = "；".join(others[:3]) + ("等" if len(others) > 3 else "")
    line = f"同属预警组 #{incident.id}，共 {incident.alert_count} 条相关预警（另有：{shown}）"
    # The incident had ended before this alert (every earlier member resolved by then).
    earlier = [a for a in group if a.id != alert.id and a.opened_at <= alert.opened_at]
    calmed = bool(earlier) and all(
        a.resolved_at is not None and a.resolved_at <= alert.opened_at for a in earlier
    )
    if calmed and incident.lead_alert_id == alert.id:
        line = f"事态再起：预警组 #{incident.id} 的事件一度平息后再次升温。{line}"
    return line


def _inherit_ack(incident: Incident, alert: Alert, now: datetime) -> None:
    """An open member of an acknowledged incident is acknowledged with it, and says so."""
    if alert.status == AlertStatus.OPEN and incident.status == AlertStatus.ACKNOWLEDGED:
        alert.status = AlertStatus.ACKNOWLEDGED
        alert.acknowledged_by = f"{(incident.acknowledged_by or '')[:92]}{WITH_GROUP}"
        alert.acknowledged_at = now


def _add(incident: Incident, alert: Alert, now: datetime) -> None:
    alert.incident_id = incident.id
    incident.alert_count += 1
    incident.plans = sorted(set(incident.plans or []) | set(alert.plans or []))
    if Severity(alert.severity).rank > Severity(incident.severity).rank:
        incident.severity = alert.severity
    incident.last_fired_at, incident.updated_at = now, now
