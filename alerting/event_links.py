"""The alerts of an event: alerts whose sample mentions are among the event's members."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerting.models import Alert
from brand_events.links import Linked


def alerts_of_event(session: Session, member_ids: set[str], found: dict[str, Linked]) -> Linked:
    """One row per alert (id, title, severity, status, incident, opened_at), oldest first."""
    rows: Linked = []
    for alert in session.scalars(select(Alert).order_by(Alert.opened_at)):
        if member_ids & set(alert.sample_mention_ids or []):
            rows.append(
                {
                    "id": alert.id,
                    "title": alert.title,
                    "severity": str(alert.severity),
                    "status": str(alert.status),
                    "incident_id": alert.incident_id,
                    "opened_at": alert.opened_at.isoformat() if alert.opened_at else None,
                }
            )
    return rows
