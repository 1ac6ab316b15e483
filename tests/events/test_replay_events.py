"""Replay chatter, a promotion burst and a viral incident: the CLI contract and the numbers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from brand_events.synthetic import Stream, build_stream
from core.context import Context
from reports.period import Period, ReportWindow
from reports.render import render_html
from reports.service import build_data

runner = CliRunner()
CONFIG = """
brand: 鲜味坊
plans:
  - id: xwf
    name: 鲜味坊
    expression: '鲜味坊|鲜味坊外卖|XWF'
    own_accounts: [鲜味坊官方]
alerting:
  eval_interval: 5m
"""


def write_stream(stream: Stream, folder: Path) -> tuple[Path, Path]:
    lines = [m.model_dump_json() for m in stream.mentions]
    path = folder / "stream.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = folder / "yuqing.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    return path, config


def cli(*args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def listed(
    data_dir: Path, config: Path, env: dict[str, str] | None = None
) -> list[dict[str, object]]:
    out = cli(
        "events", "list", "--json", "--data-dir", str(data_dir), "--config", str(config), env=env
    )
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def shown(
    event_id: str, data_dir: Path, config: Path, env: dict[str, str] | None = None
) -> dict[str, object]:
    args = (
        "events",
        "show",
        event_id,
        "--json",
        "--data-dir",
        str(data_dir),
        "--config",
        str(config),
    )
    return dict(json.loads(cli(*args, env=env)))


def check_events(
    stream: Stream, data_dir: Path, config: Path, env: dict[str, str] | None = None
) -> None:
    """The issue's acceptance numbers, read through the CLI contract only."""
    events = listed(data_dir, config, env)
    assert events, "no event found"
    for event in events:
        assert {"id", "title", "status", "started_at", "mention_count", "first"} <= set(event)
    details = [shown(str(e["id"]), data_dir, config, env) for e in events]
    members = [{str(m["native_id"]) for m in d["members"]} for d in details]  # type: ignore[attr-defined]
    best = max(range(len(details)), key=lambda i: len(members[i] & stream.incident))
    found = members[best]
    assert len(found & stream.incident) >= 0.8 * len(stream.incident)
    assert len(found & stream.incident) >= 0.9 * len(found)
    assert not found & stream.promotion
    assert details[best]["first"] == {
        "source": "weibo-search",
        "native_id": "i0",
        "mention_id": details[best]["first"]["mention_id"],  # type: ignore[index]
        "author": "吃货小王",
    }
    assert details[best]["mention_count"] == len(found)
    title = str(details[best]["title"])
    assert "蟑螂" in title and "鲜味" not in title, title
    chatter_sizes = [len(m & stream.chatter) for m in members]
    assert max(chatter_sizes) < 0.1 * len(stream.chatter)
    tree = details[best]["propagation"]
    assert isinstance(tree, dict) and tree["depth"] >= 2 and tree["linked"] >= 150


@pytest.mark.timeout(900)  # a whole replay week through the CLI: ~250 s on a loaded machine
def test_replay_then_events_cli_on_sqlite(tmp_path: Path) -> None:
    stream = build_stream()
    path, config = write_stream(stream, tmp_path)
    data_dir = tmp_path / "var"
    cli(
        "replay",
        str(path),
        "--alerts-out",
        str(tmp_path / "alerts.jsonl"),
        "--data-dir",
        str(data_dir),
        "--config",
        str(config),
        "--tail",
        "0s",
    )
    check_events(stream, data_dir, config)
    table = cli("events", "list", "--data-dir", str(data_dir), "--config", str(config))
    assert "首发作者" in table and "已平息" in table and "吃货小王" in table
    ctx = Context.load(config, data_dir)
    week = ReportWindow(
        Period.WEEKLY, date(2026, 11, 16), date(2026, 11, 22), date(2026, 11, 9), ctx.config.tz
    )
    data = build_data(ctx, week)
    ctx.close()
    assert data.headline.mentions == len(stream.mentions)
    incident = data.events[0]
    assert "蟑螂" in incident.title and incident.first_author == "吃货小王"
    assert incident.storyline[0].text.startswith("吃货小王 首发")
    html = render_html(data, {}, ctx.config.tz)
    assert "事件脉络：" + incident.title in html
    assert 'id="topics"' in html  # the customers' own words beside the events (a VP reads both)


def test_ingest_then_events_cli_on_sqlite(tmp_path: Path) -> None:
    stream = build_stream(seed=11)
    path, config = write_stream(stream, tmp_path)
    data_dir = tmp_path / "var"
    out = cli(
        "ingest", str(path), "--no-alerts", "--data-dir", str(data_dir), "--config", str(config)
    )
    assert f"新增 {len(stream.mentions)} 条" in out
    check_events(stream, data_dir, config)
