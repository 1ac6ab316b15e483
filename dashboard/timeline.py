"""The sentiment trend with alert starts and event starts marked on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import plotly.graph_objects as go
from sqlalchemy import select
from sqlalchemy.orm import Session

from alerting.models import Alert
from core.enums import SEVERITY_LABELS_ZH, Severity
from core.timeutil import as_utc
from dashboard.event_data import EventMark
from dashboard.widgets import trend_chart

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
        AlertMark(as_utc(a.opened_at) or a.opened_at, a.id, Severity(a.severity), a.title)
        for a in session.scalars(statement)
        if not a.false_alarm
    ]


EVENT_COLOUR = "#5f3dc4"


def trend_with_alerts(
    rows: list[dict[str, Any]], marks: list[AlertMark], events: list[EventMark] | None = None
) -> go.Figure:
    """trend_chart plus a dashed line and a hover marker per alert start, a diamond per event."""
    fig = trend_chart(rows)
    tz = rows[0]["time"].tzinfo if rows else None
    for mark in marks:
        at = mark.at.astimezone(tz) if tz else mark.at
        fig.add_shape(
            type="line",
            x0=at,
            x1=at,
            y0=0,
            y1=1,
            yref="paper",
            line={"color": MARK_COLOURS[mark.severity], "dash": "dot", "width": 1},
        )
    if marks:
        fig.add_scatter(
            x=[m.at.astimezone(tz) if tz else m.at for m in marks],
            y=[1.0] * len(marks),
            yaxis="y2",
            mode="markers",
            name="预警",
            marker={
                "symbol": "triangle-down",
                "size": 11,
                "color": [MARK_COLOURS[m.severity] for m in marks],
            },
            text=[f"预警 #{m.alert_id} {SEVERITY_LABELS_ZH[m.severity]}：{m.title}" for m in marks],
            hovertemplate="%{x|%m-%d %H:%M} %{text}<extra></extra>",
        )
    if events:
        fig.add_scatter(
            x=[e.at.astimezone(tz) if tz else e.at for e in events],
            y=[0.9] * len(events),
            yaxis="y2",
            mode="markers",
            name="事件开始",
            marker={"symbol": "diamond", "size": 11, "color": EVENT_COLOUR},
            text=[f"事件：{e.title}（{e.mentions} 条）" for e in events],
            hovertemplate="%{x|%m-%d %H:%M} %{text}<extra></extra>",
        )
    return fig
