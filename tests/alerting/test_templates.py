"""What an alert message says: plans by name, time windows people can read."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from alerting.enums import AlertEvent
from alerting.models import Alert
from alerting.templates import render_alert, window_zh
from app.config import AppConfig
from core.context import Context

PLANS = [
    {"id": "xianweifang", "name": "鲜味坊", "expression": "鲜味坊"},
    {"id": "xwf-waimai", "name": "鲜味坊外卖", "expression": "鲜味坊外卖"},
]


def body(tmp_path: Path, **fields: Any) -> str:
    """The opened-alert message body for an alert with these fields."""
    ctx = Context(config=AppConfig(brand="鲜味坊", plans=PLANS), data_dir=tmp_path)
    alert = Alert(
        id=1,
        rule="spike",
        rule_type="volume_spike",
        key="k",
        severity="high",
        status="open",
        title="负面声量激增",
        summary="最近 1 小时 27 条",
        count=27,
        peak=27.0,
        **fields,
    )
    try:
        return render_alert(ctx, alert, AlertEvent.OPENED, []).body_markdown
    finally:
        ctx.close()


def test_plans_are_named_not_shown_by_id(tmp_path: Path) -> None:
    text = body(tmp_path, plans=["xianweifang", "xwf-waimai"])
    assert "xianweifang" not in text and "xwf-waimai" not in text
    assert "- 品牌：鲜味坊（监测方案：鲜味坊外卖）" in text
    # A plan named like the brand adds nothing; a plan no longer configured keeps its id.
    assert "- 品牌：鲜味坊\n" in body(tmp_path, plans=["xianweifang"])
    assert "（监测方案：old-plan）" in body(tmp_path, plans=["old-plan"])


def test_time_windows_date_the_end_on_another_day_and_collapse_when_empty() -> None:
    start = datetime(2026, 12, 2, 23, 36, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert window_zh(start, start + timedelta(minutes=20)) == "12-02 23:36 – 23:56"
    assert window_zh(start, start + timedelta(minutes=30)) == "12-02 23:36 – 12-03 00:06"
    assert window_zh(start, start + timedelta(seconds=40)) == "12-02 23:36"


def test_message_window_is_in_the_configured_timezone(tmp_path: Path) -> None:
    utc = ZoneInfo("UTC")
    text = body(
        tmp_path,
        window_start=datetime(2026, 12, 2, 15, 52, tzinfo=utc),
        window_end=datetime(2026, 12, 2, 16, 2, tzinfo=utc),
    )
    assert "- 时间窗：12-02 23:52 – 12-03 00:02" in text
