"""`replay_stream` feeds each record when the system would have seen it: at its collected_at
(published_at when it has none, or one before its publication), keeping its collected_at."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from alerting.replay import ReplaySummary, replay_stream, timeline_zh
from app.config import AppConfig
from bench.synthetic import PassThroughClassifier, make_mention
from core.context import Context
from core.enums import Severity
from core.models import Mention, Metrics
from core.timeutil import SimulatedClock
from tests.alerting.conftest import MONDAY
from tests.alerting.test_cli import passthrough, replay_app  # noqa: F401  (fixture)

POSTED = MONDAY + timedelta(hours=10)
OFFICIAL = "鲜味坊官方"


def context(data_dir: Path) -> Context:
    """The built-in rules, 鲜味坊官方 as the brand's own account, a pass-through classifier."""
    config = AppConfig.model_validate(
        {
            "brand": "鲜味坊",
            "own_accounts": {"weibo": [OFFICIAL]},
            "alerting": {"eval_interval": "1m"},
        }
    )
    ctx = Context(config=config, data_dir=data_dir, clock=SimulatedClock(MONDAY))
    ctx.__dict__["classifier"] = PassThroughClassifier()
    return ctx


def official_post(delay: timedelta | None) -> Mention:
    """The official account's statement with 23,850 reactions, collected `delay` after it was
    posted (None: the record has no collected_at)."""
    made = make_mention("own1", POSTED, "关于昨晚行程的说明：司机已停止接单", author=OFFICIAL)
    data = made.model_dump(exclude={"collected_at"})
    data["metrics"] = Metrics(reposts=6200, comments=9650, likes=8000).model_dump()
    if delay is not None:
        data["collected_at"] = POSTED + delay
    return Mention.model_validate(data)


@dataclass
class Replayed:
    """A replay's fired lines, its summary and each fed mention as the index stored it."""

    lines: list[dict[str, Any]]
    summary: ReplaySummary
    stored: dict[str, Mention]

    def fired(self, rule: str) -> dict[str, Any]:
        """The rule's first fired line."""
        return next(line for line in self.lines if line["rule"] == rule)


def replay(data_dir: Path, mentions: list[Mention]) -> Replayed:
    ctx = context(data_dir)
    out = io.StringIO()
    summary = replay_stream(ctx, mentions, out)
    stored = {m.id: found for m in mentions if (found := ctx.index.get(m.id)) is not None}
    ctx.close()
    assert len(stored) == len(mentions)  # every record fed, none dropped
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    return Replayed(lines, summary, stored)


def test_a_post_collected_later_fires_when_collected_and_says_how_long_it_was_up(
    data_dir: Path,
) -> None:
    post = official_post(timedelta(minutes=8))
    run = replay(data_dir, [post])
    own, summary = run.fired("own-post-reaction"), run.summary
    assert datetime.fromisoformat(own["fired_at"]) >= post.collected_at
    assert "发布后 8 分钟内引发 23,850 次互动" in own["summary"], own["summary"]
    assert "发布不到 1 分钟" not in own["summary"]
    assert own["numbers"].startswith("互动：23,850 次（发布后 8 分钟内）")
    assert run.stored[post.id].collected_at == post.collected_at
    assert (summary.uncollected, summary.collected_early) == (0, 0)
    assert timeline_zh(summary) == ["按采集时间回放 1 条"]


def test_records_are_fed_in_collection_order_not_publication_order(data_dir: Path) -> None:
    # Two posts on one danger: the one published first was collected 10 minutes later, so the
    # alert opens on the second, when it was collected (the first joins it afterwards).
    late = make_mention("late", POSTED, "孩子吃了以后食物中毒住院", urgency=Severity.CRITICAL)
    late = late.model_copy(update={"collected_at": POSTED + timedelta(minutes=10)})
    soon = POSTED + timedelta(minutes=2)
    early = make_mention("soon", soon, "吃完上吐下泻送医", urgency=Severity.CRITICAL)
    run = replay(data_dir, [late, early])
    urgent = run.fired("urgent-mention")
    assert datetime.fromisoformat(urgent["fired_at"]) < late.collected_at
    assert urgent["sample_mention_ids"] == [early.id]


def test_records_without_collected_at_replay_at_their_publication(data_dir: Path) -> None:
    post = official_post(None)
    run = replay(data_dir, [post])
    own, summary = run.fired("own-post-reaction"), run.summary
    assert datetime.fromisoformat(own["fired_at"]) < POSTED + timedelta(minutes=1)
    assert summary.mentions == 1 and summary.uncollected == 1
    stored = run.stored[post.id]
    assert stored.collected_at - POSTED < timedelta(seconds=5)  # stamped when fed, not now
    assert timeline_zh(summary) == [
        "按采集时间回放 0 条；1 条没有采集时间（collected_at），按发布时间回放"
    ]


def test_a_collected_at_before_publication_is_counted_and_not_fed_into_the_past(
    data_dir: Path,
) -> None:
    post = official_post(-timedelta(minutes=30))
    run = replay(data_dir, [post])
    own, summary = run.fired("own-post-reaction"), run.summary
    assert datetime.fromisoformat(own["fired_at"]) >= POSTED
    assert summary.mentions == 1 and summary.collected_early == 1
    stored = run.stored[post.id]
    assert stored.published_at == POSTED and stored.collected_at >= POSTED
    told = "1 条的采集时间早于发布时间（数据有误）：未提前到发布之前，按发布时间回放"
    assert timeline_zh(summary) == ["按采集时间回放 0 条", f"{told}，采集时间记为回放时刻"]


@pytest.mark.usefixtures("passthrough")
def test_the_replay_command_says_which_clock_it_replayed_on(tmp_path: Path) -> None:
    on_time = make_mention("a", POSTED, "外卖送错了", urgency=Severity.LOW)
    missing = official_post(None).model_dump(mode="json", exclude={"collected_at"})
    bad = make_mention("b", POSTED, "外卖又送错了").model_copy(
        update={"collected_at": POSTED - timedelta(hours=1)}
    )
    stream = tmp_path / "stream.jsonl"
    rows = [on_time.model_dump_json(), json.dumps(missing, ensure_ascii=False)]
    stream.write_text("\n".join([*rows, bad.model_dump_json()]) + "\n", encoding="utf-8")
    config = tmp_path / "yuqing.yaml"
    config.write_text("brand: 鲜味坊\nclassifier: {model: passthrough}\n", encoding="utf-8")
    out = tmp_path / "alerts.jsonl"
    args = ["replay", str(stream), "--alerts-out", str(out), "--config", str(config)]
    result = CliRunner().invoke(replay_app(), args, env={"YUQING_DATA_DIR": ""})
    assert result.exit_code == 0, result.output
    assert "回放 3 条" in result.output
    assert "按采集时间回放 1 条；1 条没有采集时间（collected_at），按发布时间回放" in result.output
    assert "1 条的采集时间早于发布时间（数据有误）" in result.output
