"""Crises nobody took up: a 紧急 alert group that ended by the rules' timers alone.

A high-risk post that nobody acknowledged resolves when no new one comes for its rule's
`resolve_after` (2 h for urgent mentions), and an alert group ends with its last alert. At night
a whole crisis can end that way: in the morning the banner is gone and the group reads 已解决,
though nobody is known to have handled it. One rule for the report's 需要关注 and the dashboard's
待处理事项: a group with a 紧急 alert, every alert resolved by its timer, none acknowledged,
marked 误报 or handled by a case. Acknowledging such a group afterwards (已知悉) stamps its alerts
as acknowledged without reopening them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerting import incident_members
from alerting.enums import AUTO_RESOLVER, AlertStatus
from alerting.models import Alert, Incident
from core.enums import Severity

# How long after it ended the dashboard keeps asking about such a group (the report of the day
# and of the week name it too).
ASKED_FOR = timedelta(hours=48)


class Signal(Protocol):
    """What the rule reads of an alert (a stored alert or a report's row)."""

    @property
    def severity(self) -> str: ...

    @property
    def acknowledged_at(self) -> datetime | None: ...

    @property
    def resolved_at(self) -> datetime | None: ...

    @property
    def resolved_by(self) -> str | None: ...

    @property
    def false_alarm(self) -> bool | None: ...


def unattended(alerts: Sequence[Signal], handled_by_case: bool) -> bool:
    """A 紧急 group that ended by the rules' timers alone: nobody acknowledged any of its alerts,
    resolved one, marked it 误报 or opened a case for it."""
    return (
        bool(alerts)
        and not handled_by_case
        and all(a.resolved_at is not None and a.resolved_by == AUTO_RESOLVER for a in alerts)
        and any(Severity(a.severity) == Severity.CRITICAL for a in alerts)
        and not any(a.acknowledged_at or a.false_alarm for a in alerts)
    )


def recent(
    session: Session, now: datetime, cased: set[int], within: timedelta = ASKED_FOR
) -> list[list[Alert]]:
    """The unattended groups (lone alerts alone) that ended within `within` before now, newest
    first; `cased`: the ids of alerts a case handles."""
    since = now.astimezone(UTC) - within
    ended = session.scalars(
        select(Alert)
        .where(Alert.status == AlertStatus.RESOLVED, Alert.resolved_at >= since)
        .order_by(Alert.resolved_at.desc(), Alert.id.desc())
    )
    found: list[list[Alert]] = []
    seen: set[int] = set()
    for alert in ended:
        if alert.incident_id is not None:
            if alert.incident_id in seen:
                continue
            seen.add(alert.incident_id)
            incident = session.get(Incident, alert.incident_id)
            if incident is None or incident.status != AlertStatus.RESOLVED:
                continue  # a member ended; the group goes on
        group = incident_members.siblings(session, alert)
        if unattended(group, handled_by_case=any(a.id in cased for a in group)):
            found.append(group)
    return found


def acknowledge_ended(session: Session, alert: Alert, by: str, at: datetime) -> list[Alert]:
    """已知悉: someone has checked an ended group; its alerts say who and when, still resolved."""
    changed = [a for a in incident_members.siblings(session, alert) if a.acknowledged_at is None]
    for member in changed:
        member.acknowledged_by, member.acknowledged_at, member.updated_at = by, at, at
    return changed
