"""`yuqing events list` lists the brand's events; a competitor's (every member a competitor
plan's) only with --rivals, labelled （竞品）. A post naming both brands keeps its event the
brand's. Real CLI ingest (classifier, plans, index) and event store."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from bench.synthetic import make_mention
from brand_events.plan_scope import rival_events
from core.context import Context
from tests.events.stored import RIVAL_CONFIG, add_event, store_event

TEXTS = [
    "鲜味坊的酸菜鱼吃出虫子，要求退款",
    "鲜味坊外卖送错了，客服不理人",
    "香满楼的汤里有头发，太恶心了",
    "香满楼后厨卫生堪忧，汤里有头发",
]
runner = CliRunner()


def test_events_list_leaves_out_a_competitors_event_unless_asked(tmp_path: Path) -> None:
    config, data = tmp_path / "yuqing.yaml", tmp_path / "var"
    config.write_text(RIVAL_CONFIG, encoding="utf-8")
    stamp = datetime.now(UTC).isoformat()
    lines = [
        json.dumps({"source": "t", "native_id": str(n), "text": t, "published_at": stamp})
        for n, t in enumerate(TEXTS)
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines), encoding="utf-8")
    where = ["--config", str(config), "--data-dir", str(data)]
    assert runner.invoke(app, ["ingest", str(tmp_path / "in.jsonl"), *where]).exit_code == 0
    ctx = Context.load(config, data, existing=True)
    try:
        store_event(ctx, "e-own", "鲜味坊酸菜鱼吃出虫子", "xwf")
        store_event(ctx, "e-rival", "香满楼汤里有头发", "rival")
        with ctx.sessions() as session:
            assert rival_events(session, ctx.index, ctx.config, ["e-own", "e-rival"]) == {"e-rival"}
    finally:
        ctx.close()

    listed = runner.invoke(app, ["events", "list", "--json", *where])
    assert listed.exit_code == 0, listed.output
    assert [json.loads(x)["id"] for x in listed.output.splitlines()] == ["e-own"]
    both = runner.invoke(app, ["events", "list", "--rivals", *where], env={"COLUMNS": "200"})
    assert "鲜味坊酸菜鱼吃出虫子" in both.output and "香满楼汤里有头发（竞品）" in both.output
    rows = runner.invoke(app, ["events", "list", "--rivals", "--json", *where]).output
    flags = {json.loads(x)["id"]: json.loads(x).get("rival", False) for x in rows.splitlines()}
    assert flags == {"e-own": False, "e-rival": True}


def test_a_list_of_events_is_judged_in_two_searches_with_the_same_verdicts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "yuqing.yaml"
    config.write_text(RIVAL_CONFIG, encoding="utf-8")
    ctx = Context.load(config, tmp_path / "var")
    now = datetime.now(UTC)
    events = {  # event → the plans of each member; True when only a competitor's
        "own": ([("xwf",), ()], False),
        "rival": ([("rival",), ("rival",)], True),
        "both": ([("rival",), ("xwf", "rival")], False),  # a post naming both brands
        "own-reply": ([("rival",), ("xwf",)], False),
        "rival-reply": ([("rival",), ()], True),  # a plan-less reply under a competitor's post
        "none": ([(), ()], False),
    }
    try:
        for event_id, (plans, _) in events.items():
            mentions = [
                make_mention(f"{event_id}-{n}", now, "汤里有头发", plans=p)
                for n, p in enumerate(plans)
            ]
            ctx.index.upsert_many(mentions)
            add_event(ctx, event_id, event_id, [m.id for m in mentions], now)
        asked: list[str] = []
        for name in ("search", "count"):
            read = getattr(ctx.index, name)
            monkeypatch.setattr(ctx.index, name, lambda q, r=read, n=name: asked.append(n) or r(q))
        with ctx.sessions() as session:
            found = rival_events(session, ctx.index, ctx.config, list(events))
        assert found == {event_id for event_id, (_, rival) in events.items() if rival}
        assert asked == ["search", "search"]  # before: one or two counts per event (10 here)
    finally:
        ctx.close()
