"""An alert raised by a bulk `yuqing ingest` of past posts starts at its first post, not at the
moment of the import: the car week, ingested at 00:29, showed its 高危舆情 alert beside an event
that began at 22:25 as if the crisis had begun two hours later. Real CLI ingest (classifier,
index, built-in rules), `alerts list`, the dashboard's event data and the 周报."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from typer.testing import CliRunner

from alerting.models import Alert, first_post_at
from app.cli import app
from core.context import Context
from reports.config import Period
from reports.period import ReportWindow
from reports.render import render_html
from reports.service import build_data

CONFIG = """brand: 东方之翼航空
timezone: Asia/Shanghai
plans:
  - id: dongfang
    name: 东方之翼航空
    expression: '东方之翼'
"""
SEED = (
    "东方之翼DW8853昆明飞广州，我们在飞机上被关了五个小时！空调不开，后排一位七十多岁的老人"
    "晕倒了，叫了120才抬下去。问乘务员什么时候起飞，她说不想坐可以自己下去。"
)
TZ = ZoneInfo("Asia/Shanghai")
runner = CliRunner()


def test_a_bulk_ingested_alert_starts_at_its_first_post(tmp_path: Path) -> None:
    config, data = tmp_path / "yuqing.yaml", tmp_path / "var"
    config.write_text(CONFIG, encoding="utf-8")
    posted = (datetime.now(UTC) - timedelta(hours=2)).replace(microsecond=0)
    line = {"source": "weibo", "native_id": "s", "text": SEED, "published_at": posted.isoformat()}
    line["author"] = {"id": "99100", "name": "旅行家阿峰", "followers": 1_200_000, "verified": True}
    later = {**line, "native_id": "t", "published_at": datetime.now(UTC).isoformat()}
    later["author"] = {"id": "99300", "name": "民航消费观察", "followers": 2_600_000}
    later["text"] = "【机上滞留5小时 七旬老人晕倒送医】" + SEED  # a minute ago: the import's end
    lines = [json.dumps(item, ensure_ascii=False) for item in (line, later)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines), encoding="utf-8")
    where = ["--config", str(config), "--data-dir", str(data)]
    assert runner.invoke(app, ["ingest", str(tmp_path / "in.jsonl"), *where]).exit_code == 0

    ctx = Context.load(config, data, existing=True)
    try:
        with ctx.sessions() as session:
            [alert] = session.query(Alert).all()
            assert alert.opened_at - posted > timedelta(hours=1)  # opened at the import
            assert alert.started_at == posted
        shown = runner.invoke(app, ["alerts", "list", *where]).output
        assert f"{posted.astimezone(TZ):%m-%d %H:%M}" in shown
        today = datetime.now(TZ).date()
        window = ReportWindow(Period.WEEKLY, today - timedelta(days=6), today, today, TZ)
        report = build_data(ctx, window)
        [group] = report.alerts.incidents
        assert group.started_at == posted
        html = render_html(report, {}, TZ)
        assert f"<tr><td>{posted.astimezone(TZ):%m-%d %H:%M}</td>" in html
    finally:
        ctx.close()


def test_a_live_alert_starts_when_it_opened() -> None:
    opened = datetime(2026, 11, 25, 5, 21, tzinfo=UTC)
    assert first_post_at(opened, opened - timedelta(hours=3), opened) is None  # a 3 h window
    late = (opened - timedelta(minutes=40), opened - timedelta(minutes=40))
    assert first_post_at(opened, *late) is None  # collected 40 minutes late: still live
    posts = (opened - timedelta(hours=3), opened - timedelta(minutes=1))
    assert first_post_at(opened, *posts) == opened - timedelta(hours=3)  # a past week's import
