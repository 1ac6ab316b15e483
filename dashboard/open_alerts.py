"""How many alerts are open, read from the workflow store."""

from __future__ import annotations

from sqlalchemy import func, select

from alerting.enums import AlertStatus
from alerting.models import Alert
from dashboard.data import get_context


def open_alert_count() -> int:
    """Number of alerts not yet resolved."""
    with get_context().sessions() as session:
        statement = (
            select(func.count()).select_from(Alert).where(Alert.status != AlertStatus.RESOLVED)
        )
        return int(session.execute(statement).scalar_one())
