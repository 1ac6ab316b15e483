"""Event status follows the data clock (a replay of past data is not 已平息 at once), and the
report's events honour --plan."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from brand_events.listing import read_data_now
from brand_events.synthetic import build_stream
from core.context import Context
from reports.period import Period, ReportWindow
from reports.service import build_data
from tests.events.test_replay_events import cli, listed, write_stream

TWO_PLANS = """
brand: 鲜味坊
plans:
  - id: xwf
    name: 鲜味坊
    expression: '鲜味坊|鲜味坊外卖|XWF'
    own_accounts: [鲜味坊官方]
  - id: promo
    name: 双十二活动
    expression: '双十二|免单'
"""


def _incident(events: list[dict[str, object]]) -> dict[str, object]:
    return next(e for e in events if "蟑螂" in str(e["title"]))


def test_replayed_past_data_shows_status_as_of_the_newest_mention(tmp_path: Path) -> None:
    stream = build_stream(seed=3, hours=22, per_hour=10)  # the incident starts at hour 20
    path, config = write_stream(stream, tmp_path)
    data_dir = tmp_path / "var"
    common = ("--data-dir", str(data_dir), "--config", str(config))
    cli("replay", str(path), "--alerts-out", str(tmp_path / "a.jsonl"), "--tail", "0s", *common)
    newest = max(m.published_at for m in stream.mentions)
    assert newest < datetime.now(UTC)  # past data: the wall clock says everything is over
    incident = _incident(listed(data_dir, config))
    assert incident["status"] in {"rising", "peaking", "cooling"}
    shown = json.loads(cli("events", "show", str(incident["id"]), "--json", *common))
    assert shown["status"] == incident["status"]
    later = cli("events", "list", "--json", "--now", "2026-11-20T00:00:00+00:00", *common)
    assert _incident([json.loads(line) for line in later.splitlines()])["status"] == "over"
    ctx = Context.load(config, data_dir)
    with ctx.sessions() as session:
        assert read_data_now(session, ctx.clock()) == newest
        assert read_data_now(session, newest.replace(year=2020)).year == 2020  # never ahead
    ctx.close()


def test_report_events_honour_the_plan(tmp_path: Path) -> None:
    stream = build_stream(seed=4)
    path, _ = write_stream(stream, tmp_path)
    config = tmp_path / "two-plans.yaml"
    config.write_text(TWO_PLANS, encoding="utf-8")
    data_dir = tmp_path / "var"
    cli("ingest", str(path), "--no-alerts", "--data-dir", str(data_dir), "--config", str(config))
    ctx = Context.load(config, data_dir)
    week = ReportWindow(
        Period.WEEKLY, date(2026, 11, 16), date(2026, 11, 22), date(2026, 11, 9), ctx.config.tz
    )
    everything = build_data(ctx, week).events
    promo = build_data(ctx, week, plan="promo").events
    ctx.close()
    assert any("蟑螂" in e.title for e in everything)
    assert promo and not any("蟑螂" in e.title for e in promo)
    # The promotion's posts, and the reposts and replies under them that name no plan (they take
    # their parent's plans): not the brand's other posts of the same event.
    by_id = {m.native_id: m for m in stream.mentions}

    def promo_post(native_id: str | None, depth: int = 0) -> bool:
        m = by_id.get(native_id or "")
        if m is None or depth > 50:
            return False
        if "双十二" in m.text or "免单" in m.text:
            return True
        if "鲜味坊" in m.text or "xwf" in m.text.lower():
            return False
        return promo_post(m.repost_of or m.reply_to, depth + 1)

    matching = sum(1 for m in stream.mentions if promo_post(m.native_id))
    named = sum(1 for m in stream.mentions if "双十二" in m.text or "免单" in m.text)
    (event,) = promo
    assert event.in_period == event.mentions == matching > named
    # every member is the promotion's or passes one on: the report of all plans counts as many
    assert event.mentions == next(e.mentions for e in everything if e.title == event.title)
