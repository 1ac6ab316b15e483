"""Short keyword-only data-access functions for alerts (Dispatch style)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerting import incidents, unattended
from alerting.enums import AlertStatus
from alerting.models import Alert, Delivery
from core.errors import YuqingError


class AlertNotFound(YuqingError):
    """No alert with that id."""


def get(session: Session, *, alert_id: int) -> Alert | None:
    """One alert by id."""
    return session.get(Alert, alert_id)


def get_all(
    session: Session,
    *,
    status: AlertStatus | Sequence[AlertStatus] | None = None,
    since: datetime | None = None,
) -> list[Alert]:
    """Alerts, newest first, optionally by status and opened at or after since."""
    query = select(Alert).order_by(Alert.opened_at.desc(), Alert.id.desc())
    if isinstance(status, str):
        query = query.where(Alert.status == status)
    elif status is not None:
        query = query.where(Alert.status.in_(list(status)))
    if since is not None:
        query = query.where(Alert.opened_at >= since)
    return list(session.scalars(query))


def get_active_by_key(session: Session, *, rule: str, key: str) -> Alert | None:
    """The latest alert of this rule and dedup key (any status), if any."""
    query = (
        select(Alert).where(Alert.rule == rule, Alert.key == key).order_by(Alert.id.desc()).limit(1)
    )
    return session.scalars(query).first()


def acknowledge(session: Session, *, alert_id: int, by: str, at: datetime) -> Alert:
    """Acknowledge an open alert and the rest of its incident (stops escalation); returns it.
    An ended alert is acknowledged as checked afterwards (已知悉, alerting.unattended)."""
    alert = _required(session, alert_id)
    if alert.status == AlertStatus.RESOLVED:
        unattended.acknowledge_ended(session, alert, by, at.astimezone(UTC))
    else:
        incidents.acknowledge(session, alert, by, at.astimezone(UTC))
    session.commit()
    return alert


def resolve(
    session: Session, *, alert_id: int, by: str, at: datetime, false_alarm: bool = False
) -> Alert:
    """Mark an alert resolved; returns it. A false alarm (误报) settles its whole incident."""
    at = at.astimezone(UTC)  # the store keeps UTC (SQLite drops the offset)
    alert = _required(session, alert_id)
    if false_alarm:
        incidents.dismiss(session, alert, by, at)
        session.commit()
        return alert
    if alert.status != AlertStatus.RESOLVED:
        alert.status = AlertStatus.RESOLVED
        alert.resolved_by = by
        alert.resolved_at = at
        alert.updated_at = at
        incidents.settle(session, [alert], at)
    session.commit()
    return alert


def deliveries(session: Session, *, alert_id: int | None = None) -> list[Delivery]:
    """Deliveries, oldest first, optionally of one alert."""
    query = select(Delivery).order_by(Delivery.id)
    if alert_id is not None:
        query = query.where(Delivery.alert_id == alert_id)
    return list(session.scalars(query))


def _required(session: Session, alert_id: int) -> Alert:
    alert = session.get(Alert, alert_id)
    if alert is None:
        raise AlertNotFound(f"预警 #{alert_id} 不存在")
    return alert
