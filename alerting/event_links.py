"""The alerts of an event: alerts showing any of its members, by the indexed sample table.

brand_events.links keeps only the alerts whose samples belong to the event under its rule
(most samples, ties to the earliest event), so both directions agree.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerting.models import Alert, AlertSample
from brand_events.links import SAMPLES, Linked
from core.db import LOOKUP_CHUNK


def alerts_of_event(session: Session, member_ids: set[str], found: dict[str, Linked]) -> Linked:
    """One row per candidate alert (id, title, severity, status, incident, opened_at, samples),
    oldest first."""
    wanted = sorted(member_ids)
    alert_ids: set[int] = set()
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        alert_ids.update(
            session.scalars(
                select(AlertSample.alert_id).where(
                    AlertSample.mention_id.in_(wanted[start : start + LOOKUP_CHUNK])
                )
            )
        )
    if not alert_ids:
        return []
    alerts = session.scalars(
        select(Alert).where(Alert.id.in_(sorted(alert_ids))).order_by(Alert.opened_at, Alert.id)
    )
    return [
        {
            "id": alert.id,
            "title": alert.title,
            "severity": str(alert.severity),
            "status": str(alert.status),
            "incident_id": alert.incident_id,
            "opened_at": alert.opened_at.isoformat() if alert.opened_at else None,
            "started_at": alert.started_at.isoformat() if alert.opened_at else None,
            SAMPLES: list(alert.sample_mention_ids or []),
        }
        for alert in alerts
    ]
