"""`spike` with `compare_to: same_hour_last_week`: "doubled vs the same hour last week" fires on
a real doubling, not on a thin base, a normal weekly rhythm or a week without history; replay
shows the comparison in Chinese."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from alerting import service
from alerting.engine import AlertEngine
from alerting.loader import RuleFileError, parse_rule
from alerting.rules import RuleContext
from bench.synthetic import PassThroughClassifier, make_mention
from core.context import Context
from core.models import Mention
from core.pipeline.classifier import CLASSIFIERS
from tests.alerting.conftest import MONDAY, make_ctx
from tests.alerting.test_cli import replay_app
from tests.alerting.test_dashboard_page import PAGE

runner = CliRunner()
# Two weeks after MONDAY, 10:30 (Beijing): a Monday morning, two Mondays of history before it.
NOW = MONDAY + timedelta(days=14, hours=10, minutes=30)
RULE = {
    "name": "weekly-double",
    "type": "spike",
    "compare_to": "same_hour_last_week",
    "window": "1h",
    "threshold": 2,
    "min_count": 5,
}


@pytest.fixture
def ctx(data_dir: Path) -> Iterator[Context]:
    context = make_ctx(data_dir, NOW)
    yield context
    context.close()


def spread(count: int, end: Any, prefix: str) -> list[Mention]:
    """count mentions spread evenly over the hour before `end`."""
    step = timedelta(minutes=59) / max(count, 1)
    return [
        make_mention(f"{prefix}{i}", end - timedelta(seconds=30) - step * i, f"{prefix} 差评 {i}")
        for i in range(count)
    ]


def weekly_rhythm(weeks: int, monday_morning: int, other: int) -> list[Mention]:
    """Every Monday 09:30–10:30 busy, every other hour of the week quiet, for `weeks` weeks."""
    out: list[Mention] = []
    for hours_back in range(1, weeks * 7 * 24 + 1):
        end = NOW - timedelta(hours=hours_back)
        busy = (hours_back % (7 * 24)) == 0
        out += spread(monday_morning if busy else other, end, f"w{hours_back}-")
    return out


def judge(ctx: Context, mentions: list[Mention], **changes: Any) -> list[Any]:
    ctx.index.upsert_many(mentions)
    rule = parse_rule({**RULE, **changes}, "test")
    return rule.evaluate(RuleContext(index=ctx.index, tz=ctx.config.tz, now=NOW))


def test_fires_when_the_hour_doubled_against_last_week(ctx: Context) -> None:
    history = weekly_rhythm(2, monday_morning=12, other=1)
    (finding,) = judge(ctx, [*history, *spread(30, NOW, "now")])
    assert finding.count == 30 and finding.baseline == pytest.approx(12)
    assert finding.summary == "最近 1 小时 30 条，是上周同一时段（12 条）的 2.5 倍"
    assert finding.title == "声量比上周同期明显增多"


def test_quiet_on_the_usual_weekly_rhythm(ctx: Context) -> None:
    # Monday mornings always bring ~12; 14 now is the rhythm, though 14× the other hours.
    history = weekly_rhythm(2, monday_morning=12, other=1)
    assert judge(ctx, [*history, *spread(14, NOW, "now")]) == []
    assert judge(ctx, spread(9, NOW - timedelta(seconds=5), "more")) == []  # 23: 1.9×
    (finding,) = judge(ctx, spread(1, NOW - timedelta(seconds=7), "last"))  # 24: twice
    assert finding.count == 24


def test_quiet_on_a_thin_base(ctx: Context) -> None:
    history = weekly_rhythm(2, monday_morning=1, other=0)
    assert judge(ctx, [*history, *spread(2, NOW, "a")]) == []  # 1 → 2 is "doubled", but thin
    assert judge(ctx, spread(2, NOW, "b")) == []  # 1 → 4: still under min_count 5
    (finding,) = judge(ctx, spread(2, NOW, "c"))  # 1 → 6
    assert finding.summary == "最近 1 小时 6 条，是上周同一时段（1 条）的 6.0 倍"


def test_quiet_without_a_week_of_history(ctx: Context) -> None:
    assert judge(ctx, spread(40, NOW, "fresh")) == []


def test_an_unknown_comparison_is_refused_in_chinese() -> None:
    with pytest.raises(RuleFileError) as caught:
        parse_rule({**RULE, "compare_to": "last_week"}, "rules/weekly.yaml")
    message = str(caught.value)
    assert "rules/weekly.yaml" in message and "compare_to" in message
    assert "same_hour_last_week" in message


@pytest.fixture
def passthrough() -> Iterator[None]:
    CLASSIFIERS.add("passthrough", PassThroughClassifier)
    yield
    CLASSIFIERS.discard("passthrough")


def test_replay_shows_the_comparison(tmp_path: Path, passthrough: None) -> None:
    mentions = [*weekly_rhythm(2, monday_morning=12, other=1), *spread(30, NOW, "now")]
    stream = tmp_path / "stream.jsonl"
    stream.write_text("\n".join(m.model_dump_json() for m in mentions) + "\n", encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "weekly.yaml").write_text(json.dumps(RULE), encoding="utf-8")
    config = tmp_path / "yuqing.yaml"
    config.write_text(
        "brand: 鲜味坊\nclassifier: {model: passthrough}\n"
        "alerting: {eval_interval: 5m, builtin_rules: false, rules_dir: rules}\n",
        encoding="utf-8",
    )
    out = tmp_path / "alerts.jsonl"
    args = ["replay", str(stream), "--alerts-out", str(out), "--config", str(config)]
    result = runner.invoke(replay_app(), args, env={"YUQING_DATA_DIR": ""})
    assert result.exit_code == 0, result.output
    fired = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    # Only the doubled Monday: the previous busy Monday matched the one before it.
    assert {a["rule"] for a in fired} == {"weekly-double"}
    assert fired[0]["event"] == "opened"
    assert all(a["fired_at"] >= "2026-03-16" for a in fired)
    assert all("是上周同一时段（" in a["summary"] for a in fired)
    assert "weekly-double" in result.output and "上周同一时段" in result.output
    # The numbers line (message, dashboard) names the comparison too, not a bare 基线.
    assert all(re.fullmatch(NUMBERS, a["numbers"]) for a in fired), fired[0]["numbers"]


NUMBERS = r"数量：\d+ 条，上周同一时段 \d+ 条，约 [\d.]+ 倍（峰值 \d+）"


def test_the_alert_card_says_what_it_compared_with(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = make_ctx(data_dir, NOW)
    ctx.index.upsert_many([*weekly_rhythm(2, monday_morning=12, other=1), *spread(30, NOW, "n")])
    AlertEngine(ctx, [parse_rule(RULE, "test")], send=False).tick()
    with ctx.sessions() as session:
        (alert,) = service.get_all(session)
    ctx.close()
    monkeypatch.delenv("YUQING_CONFIG", raising=False)
    monkeypatch.setenv("YUQING_DATA_DIR", str(data_dir))
    st.cache_resource.clear()
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.query_params["alert"] = str(alert.id)
    app.run()
    assert not app.exception
    shown = [m.value for m in app.markdown]
    assert "**数量：30 条，上周同一时段 12 条，约 2.5 倍（峰值 30）**" in shown, shown
    assert not any("基线" in line for line in shown)
