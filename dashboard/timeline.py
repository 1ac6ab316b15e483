"""The sentiment trend with alert starts and event starts marked on it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerting.models import Alert
from core.enums import SEVERITY_LABELS_ZH, Severity
from dashboard.charts import Mark, trend_svg
from dashboard.event_data import EventMark

MARK_COLOURS = {
    Severity.LOW: "#868e96",
    Severity.MEDIUM: "#f08c00",
    Severity.HIGH: "#e8590c",
    Severity.CRITICAL: "#c92a2a",
}


@dataclass(frozen=True)
class AlertMark:
    """Where an alert began, for the trend chart."""

    at: datetime
    alert_id: int
    severity: Severity
    title: str


def alert_marks(session: Session, since: datetime, limit: int = 200) -> list[AlertMark]:
    """Alerts opened since `since` (false alarms left out), oldest first."""
    statement = select(Alert).where(Alert.opened_at >= since).order_by(Alert.opened_at).limit(limit)
    return [
        AlertMark(a.started_at, a.id, Severity(a.severity), a.title)
        for a in session.scalars(statement)
        if not a.false_alarm
    ]


EVENT_COLOUR = "#5f3dc4"


def trend_with_alerts(
    rows: list[dict[str, Any]],
    interval: timedelta,
    marks: list[AlertMark],
    events: Sequence[EventMark] = (),
) -> str:
    """The sentiment trend (SVG) with a dashed line and a hover marker per alert start, a
    diamond per event start."""
    tz = rows[0]["time"].tzinfo if rows else None
    shown = [
        Mark(
            mark.at,
            MARK_COLOURS[mark.severity],
            f"{mark.at.astimezone(tz):%m-%d %H:%M} 预警 #{mark.alert_id} "
            f"{SEVERITY_LABELS_ZH[mark.severity]}：{mark.title}",
        )
        for mark in marks
    ]
    shown += [
        Mark(
            event.at,
            EVENT_COLOUR,
            f"{event.at.astimezone(tz):%m-%d %H:%M} 事件：{event.title}（{event.mentions} 条）",
            "事件开始",
        )
        for event in events
    ]
    return trend_svg(rows, interval, shown)
