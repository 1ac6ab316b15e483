"""Alert lifecycle: one alert per incident (rule + key), realert, auto-resolve, escalation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerting import incident_members, incident_threads, incidents
from alerting.config import EscalationStep, GroupingConfig
from alerting.enums import AUTO_RESOLVER, AlertEvent, AlertStatus
from alerting.models import Alert, first_post_at
from alerting.rules import Finding, Rule
from alerting.service import get_active_by_key
from core.enums import Severity
from core.timeutil import as_utc, to_utc

MAX_SAMPLES = 10


@dataclass
class Outcome:
    """What a finding or a timer did to an alert, and whether people must be told."""

    alert: Alert
    event: AlertEvent
    notify: bool
    growth: bool = False  # a 持续扩大 for growth alone: quiet hours hold it at every level


def apply_finding(
    session: Session,
    rule: Rule,
    finding: Finding,
    now: datetime,
    grouping: GroupingConfig | None = None,
) -> Outcome:
    """Open, update, reopen or realert the alert of this rule and key; the caller commits.

    Every new alert is put into an incident (see alerting.incidents); an alert that joins an
    active incident, or grows inside one it does not lead, notifies only when it raises the
    incident's severity, or as a 事态更新 when its rule is a new front (announce_in_group) or
    its finding names an author the group has not named (Finding.news).
    """
    grouping = grouping or GroupingConfig()
    alert = get_active_by_key(session, rule=rule.name, key=finding.key)
    severity = finding.severity or rule.spec.severity
    # A resolved alert whose group still runs, or ended within reopen_within, comes back as
    # itself whenever its condition does: one 高危舆情 alert per crisis, not a new one after
    # every two quiet hours (an express brand's leak had seven, round 30).
    if alert is None or (
        alert.status == AlertStatus.RESOLVED
        and _since(alert.resolved_at, now) >= rule.spec.realert
        # Other rules open a new alert after realert as before (an event's growth alert coming
        # back inside a running group would no longer lead it, and its 持续扩大 stopped).
        and not (
            rule.keyed_by_subject and incident_threads.reopenable(session, alert, grouping, now)
        )
    ):
        alert = _new_alert(rule, finding, severity, now)
        session.add(alert)
        session.flush()
        joined = incidents.attach(
            session, alert, rule.incident_group, grouping, now, recur=rule.keyed_by_subject
        )
        new_front = joined.new_rule and rule.spec.announce_in_group
        if joined.existing and new_front and not joined.raised:
            return _naming(session, finding, Outcome(alert, AlertEvent.GROUP_UPDATE, notify=True))
        louder = not joined.existing or joined.raised or joined.reopened
        if not louder and finding.news_author:
            # A 大V opening another alert of the group is news as in the alert they would have
            # joined (the blogger's post outside the crisis's event opened one of its own).
            named = incident_members.named(session, alert, finding.news_author)
            if not named:
                update = Outcome(alert, AlertEvent.GROUP_UPDATE, notify=True)
                return _naming(session, finding, update)
        return _naming(session, finding, Outcome(alert, AlertEvent.OPENED, notify=louder))
    if alert.status == AlertStatus.RESOLVED and alert.false_alarm:
        # People called this 误报: within realert the same condition stays quiet.
        _merge(alert, finding, severity, now, raise_severity=False)
        return Outcome(alert, AlertEvent.UPDATED, notify=False)
    raised = Severity(severity).rank > Severity(alert.severity).rank
    # A 大V or media account joining is told at once, by name, once per alert group.
    news = _is_news(session, alert, finding)
    # Coming back, the alert says what brought it back, not what it said before it ended.
    _merge(alert, finding, severity, now, news=news or alert.status == AlertStatus.RESOLVED)
    lead = incident_members.is_lead(session, alert)
    louder = raised and incidents.raise_severity(session, alert)
    if alert.status == AlertStatus.RESOLVED:
        # Recurrence within the realert window: the same incident again, not a new one.
        ended_for = _since(alert.resolved_at, now)
        alert.status, alert.resolved_at, alert.resolved_by = AlertStatus.OPEN, None, None
        # Its group had ended and nobody watches it: told (事态再起), unless within realert.
        revived = incidents.revive(session, alert, now)
        louder = louder or (revived and ended_for >= rule.spec.realert)
        incidents.touch(session, alert, now)
        if news and not louder:  # a 大V or media account brought it back: told by name
            update = Outcome(alert, AlertEvent.GROUP_UPDATE, notify=True)
            return _naming(session, finding, update)
        return _naming(session, finding, Outcome(alert, AlertEvent.REOPENED, notify=louder))
    incidents.touch(session, alert, now)
    if louder:
        return _naming(session, finding, Outcome(alert, AlertEvent.REALERTED, notify=True))
    if lead and alert.status == AlertStatus.OPEN and _grew_enough(rule, alert, now):
        alert.growth_notices = (alert.growth_notices or 0) + 1
        grew = Outcome(alert, AlertEvent.REALERTED, notify=True, growth=True)
        return _naming(session, finding, grew)
    if news:
        return _naming(session, finding, Outcome(alert, AlertEvent.GROUP_UPDATE, notify=True))
    return Outcome(alert, AlertEvent.UPDATED, notify=False)


def _grew_enough(rule: Rule, alert: Alert, now: datetime) -> bool:
    """持续扩大: grown by the rule's growth_realert since the last message, waited long enough."""
    return rule.spec.growth_realert.due(
        alert.count,
        alert.notified_count,
        alert.notified_at,
        alert.growth_notices or 0,
        rule.spec.realert,
        now,
    )


def _is_news(session: Session, alert: Alert, finding: Finding) -> bool:
    """Whether the finding names an author no message of the alert's group has named yet (by
    account, not by display name; an alert of an older store remembers only its summary's)."""
    if not finding.news_author:
        return False
    said_last = (alert.summary or "").startswith(f"{finding.news}，")
    return not said_last and not incident_members.named(session, alert, finding.news_author)


def _naming(session: Session, finding: Finding, outcome: Outcome) -> Outcome:
    """A message that goes out names the finding's 大V: the group remembers them (restarts too)."""
    if outcome.notify and finding.news_author:
        incident_members.name(session, outcome.alert, finding.news_author)
    return outcome


def auto_resolve(session: Session, rules: dict[str, Rule], now: datetime) -> list[Outcome]:
    """Resolve open/acknowledged alerts whose condition has been clear for resolve_after.

    Only the resolution that ends an incident is announced, once, by its lead alert.
    """
    resolved: list[Alert] = []
    active = session.scalars(select(Alert).where(Alert.status != AlertStatus.RESOLVED))
    for alert in active:
        rule = rules.get(alert.rule)
        if rule is None or _since(alert.last_fired_at, now) < rule.spec.resolve_after:
            continue
        alert.status, alert.resolved_at, alert.resolved_by, alert.updated_at = (
            AlertStatus.RESOLVED,
            now,
            AUTO_RESOLVER,
            now,
        )
        resolved.append(alert)
    finished = incidents.settle(session, resolved, now)
    return [
        Outcome(alert, AlertEvent.RESOLVED, notify=_announces_end(session, alert, finished))
        for alert in resolved
    ]


def _announces_end(session: Session, alert: Alert, finished: set[int]) -> bool:
    """Whether this resolution is the one people hear about."""
    if alert.incident_id is None:
        return alert.notified_at is not None
    incident = incident_members.of(session, alert)
    return (
        alert.incident_id in finished
        and incident is not None
        and incident.lead_alert_id == alert.id
        and any(
            a.notified_at is not None for a in incident_members.members(session, alert.incident_id)
        )
    )


def due_escalations(session: Session, steps: list[EscalationStep], now: datetime) -> list[Outcome]:
    """Raise unacknowledged alerts to the next tier once its `after` has passed since opening."""
    outcomes: list[Outcome] = []
    if len(steps) < 2:
        return outcomes
    waiting = session.scalars(select(Alert).where(Alert.status == AlertStatus.OPEN))
    for alert in waiting:
        if not incident_members.is_lead(session, alert):
            continue  # the incident escalates once, through its lead
        level, waited = alert.escalation_level, incidents.escalation_clock(alert)
        if level + 1 < len(steps) and _since(waited, now) >= steps[level + 1].after:
            alert.escalation_level = level + 1
            alert.updated_at = now
            outcomes.append(Outcome(alert, AlertEvent.ESCALATED, notify=True))
    return outcomes


def _new_alert(rule: Rule, finding: Finding, severity: Severity, now: datetime) -> Alert:
    return Alert(
        rule=rule.name,
        rule_type=rule.type_name,
        key=finding.key,
        severity=severity,
        status=AlertStatus.OPEN,
        title=finding.title[:300],
        summary=finding.summary,
        opened_at=now,
        updated_at=now,
        last_fired_at=now,
        count=finding.count,
        peak=finding.peak if finding.peak is not None else float(finding.count),
        baseline=finding.baseline,
        window_start=to_utc(finding.window_start),
        window_end=to_utc(finding.window_end),
        first_post_at=first_post_at(now, to_utc(finding.window_start), to_utc(finding.window_end)),
        sample_mention_ids=list(finding.sample_ids[:MAX_SAMPLES]),
        plans=list(finding.plans),
        escalation_level=0,
        notified_count=0,
        growth_notices=0,
        fire_count=1,
    )


def _merge(
    alert: Alert,
    finding: Finding,
    severity: Severity,
    now: datetime,
    raise_severity: bool = True,
    news: bool = False,
) -> None:
    """Grow the alert with a new finding: counts, peak, window, samples, severity."""
    alert.count = (
        alert.count + finding.count if finding.accumulate else max(alert.count, finding.count)
    )
    alert.peak = max(
        alert.peak or 0.0, finding.peak if finding.peak is not None else float(finding.count)
    )
    if finding.baseline is not None:
        alert.baseline = finding.baseline
    alert.summary = finding.summary if news or not finding.accumulate else alert.summary
    if not finding.provisional_title:  # an event's alert is named by the event's title of now
        alert.title = finding.title[:300]
    alert.window_start = min(
        as_utc(alert.window_start) or to_utc(finding.window_start), to_utc(finding.window_start)
    )
    alert.window_end = max(
        as_utc(alert.window_end) or to_utc(finding.window_end), to_utc(finding.window_end)
    )
    samples = list(alert.sample_mention_ids or [])
    if news:  # the newcomer's post leads the samples the message shows
        samples = [i for i in finding.sample_ids if i not in samples] + samples
    samples += [i for i in finding.sample_ids if i not in samples]
    alert.sample_mention_ids = samples[:MAX_SAMPLES]
    alert.plans = sorted(set(alert.plans or []) | set(finding.plans))
    if raise_severity and Severity(severity).rank > Severity(alert.severity).rank:
        alert.severity = severity
    alert.last_fired_at = now
    alert.updated_at = now
    alert.fire_count += 1


def _since(moment: datetime | None, now: datetime) -> timedelta:
    """now - moment, or a huge interval when moment is None."""
    stamp = as_utc(moment)
    return now - stamp if stamp is not None else timedelta.max
