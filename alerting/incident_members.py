"""What an incident (预警组) holds: its alerts, the one that leads it, the authors it has named."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerting.enums import ALERT_STATUS_ZH, AlertStatus
from alerting.models import Alert, Incident

ACTIVE = (AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED)


def of(session: Session, alert: Alert) -> Incident | None:
    """The incident of an alert, if it has one."""
    return session.get(Incident, alert.incident_id) if alert.incident_id is not None else None


def members(session: Session, incident_id: int) -> list[Alert]:
    """The alerts of an incident, oldest first."""
    query = select(Alert).where(Alert.incident_id == incident_id).order_by(Alert.id)
    return list(session.scalars(query))


def siblings(session: Session, alert: Alert) -> list[Alert]:
    """The alert and every other alert of its incident (just the alert when it has none)."""
    if alert.incident_id is None:
        return [alert]
    return members(session, alert.incident_id)


def is_lead(session: Session, alert: Alert) -> bool:
    """Whether the alert speaks for its incident (true for alerts without one)."""
    incident = of(session, alert)
    return incident is None or incident.lead_alert_id in (None, alert.id)


def named(session: Session, alert: Alert, author: str) -> bool:
    """Whether the alert's group has already named this author (an urgent_mention author key)."""
    incident = of(session, alert)
    return incident is not None and author in (incident.named_authors or [])


def name(session: Session, alert: Alert, author: str) -> None:
    """Remember that a message of the alert's group named this author."""
    incident = of(session, alert)
    if incident is not None and author not in (incident.named_authors or []):
        incident.named_authors = [*(incident.named_authors or []), author]


def group_note_zh(
    incident: Incident,
    alert: Alert,
    others: list[Alert],
    shown: int = 4,
    title: Callable[[Alert], str] = lambda a: a.title,
) -> str:
    """What the alert page says of the alert's group: the other alerts by number and title (the
    first `shown`, 等 when there are more; a closed one says so), and who leads it; `title` shows
    an alert's title (the dashboard escapes it)."""
    role = (
        "本条为主预警"
        if incident.lead_alert_id == alert.id
        else f"主预警 #{incident.lead_alert_id}"
    )
    listed = "、".join(
        f"#{a.id} {title(a)}" + ("" if a.status in ACTIVE else f"（{ALERT_STATUS_ZH[a.status]}）")
        for a in others[:shown]
    )
    more = " 等" if len(others) > shown else ""
    return (
        f"同一预警组 #{incident.id}（{role}）还有 {len(others)} 条预警：{listed}{more}。"
        "确认任一条即确认整个预警组，升级只经由主预警。"
    )
