"""How many alerts are open, read from the workflow store (0 until alerting is set up)."""

from __future__ import annotations

from dashboard.data import get_context


def open_alert_count() -> int:
    """Number of alerts not yet resolved."""
    try:
        from alerting.models import Alert, AlertStatus  # type: ignore[attr-defined]
    except ImportError:
        return 0
    from sqlalchemy import func, select

    with get_context().sessions() as session:
        statement = (
            select(func.count()).select_from(Alert).where(Alert.status != AlertStatus.RESOLVED)
        )
        return int(session.execute(statement).scalar_one())
