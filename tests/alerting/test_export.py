"""`yuqing export`: a time range of mentions as mention JSONL, no cap, for back-testing with
`yuqing replay` (real SQLite index, the CLI end to end)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from bench.synthetic import PassThroughClassifier, make_mention
from core.context import Context
from core.index.paging import walk
from core.index.protocol import SearchQuery
from core.models import Mention
from core.pipeline.classifier import CLASSIFIERS
from tests.alerting.conftest import MONDAY
from tests.alerting.test_cli import replay_app

runner = CliRunner()


@pytest.fixture
def passthrough() -> Iterator[None]:
    CLASSIFIERS.add("passthrough", PassThroughClassifier)
    yield
    CLASSIFIERS.discard("passthrough")


def month(days: int = 3) -> list[Mention]:
    """A mention a minute, in pairs sharing a second, and a burst of 1,500 at one instant."""
    out = [
        make_mention(f"m{i:05d}", MONDAY + timedelta(minutes=i // 2), f"退款 {i} 电话 13812345678")
        for i in range(days * 24 * 60)
    ]
    burst = MONDAY + timedelta(days=1, hours=12)
    return out + [make_mention(f"b{i:04d}", burst, f"同一时刻 {i}") for i in range(1500)]


@pytest.fixture
def stored(tmp_path: Path, passthrough: None) -> tuple[Path, Path, list[Mention]]:
    config = tmp_path / "yuqing.yaml"
    config.write_text(
        "brand: 鲜味坊\nclassifier: {model: passthrough}\n"
        "alerting: {eval_interval: 5m, builtin_rules: false, rules_dir: rules}\n",
        encoding="utf-8",
    )
    (tmp_path / "rules").mkdir()
    mentions = month()
    data_dir = tmp_path / "var"
    ctx = Context.load(config, data_dir)
    ctx.index.upsert_many(mentions)
    ctx.close()
    return config, data_dir, mentions


def test_walk_gives_every_mention_once_in_order_across_ties(
    stored: tuple[Path, Path, list[Mention]],
) -> None:
    config, data_dir, mentions = stored
    ctx = Context.load(config, data_dir, existing=True)
    start, end = MONDAY + timedelta(hours=6), MONDAY + timedelta(days=2)
    got = [m.id for m in walk(ctx.index, SearchQuery(since=start, until=end), page=100)]
    ctx.close()
    wanted = sorted(
        (m for m in mentions if start <= m.published_at < end), key=lambda m: (m.published_at, m.id)
    )
    assert got == [m.id for m in wanted]
    assert len(got) == len(set(got)) == 30 * 120 + 1500  # 30 h of two a minute, the burst


def test_export_a_range_then_replay_it(
    stored: tuple[Path, Path, list[Mention]], tmp_path: Path
) -> None:
    config, data_dir, _ = stored
    out = tmp_path / "last-month.jsonl"
    args = ["export", "--since", "2026-03-02", "--until", "2026-03-03", "--no-mask"]
    common = ["--config", str(config), "--data-dir", str(data_dir)]
    result = runner.invoke(app, [*args, "--out", str(out), *common])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 2 * 24 * 60  # Beijing midnight to midnight, the burst is the next day
    assert "已导出 2880 条提及" in result.output and "未隐藏个人信息" in result.output
    assert "13812345678" in lines[0]["text"] and not out.with_name(out.name + ".part").exists()
    masked = runner.invoke(
        app, ["export", "--since", "2026-03-02", "--until", "2026-03-02T00:05", *common]
    )
    assert masked.exit_code == 0, masked.output
    first = json.loads(masked.stdout.splitlines()[0])
    assert "13812345678" not in first["text"] and "138" in first["text"]
    # back-test: a frequency rule over the exported day
    rule = {"name": "refunds", "type": "frequency", "threshold": 50, "window": "30m"}
    (config.parent / "rules" / "refunds.yaml").write_text(json.dumps(rule), encoding="utf-8")
    alerts = tmp_path / "alerts.jsonl"
    replayed = runner.invoke(
        replay_app(),
        ["replay", str(out), "--alerts-out", str(alerts), "--config", str(config)],
        env={"YUQING_DATA_DIR": ""},
    )
    assert replayed.exit_code == 0, replayed.output
    fired = [json.loads(line) for line in alerts.read_text(encoding="utf-8").splitlines()]
    assert fired and {a["rule"] for a in fired} == {"refunds"}
    assert fired[0]["count"] >= 50


def test_a_range_that_ends_before_it_starts_is_refused(
    stored: tuple[Path, Path, list[Mention]],
) -> None:
    config, data_dir, _ = stored
    args = ["export", "--since", "2026-03-03", "--until", "2026-03-02"]
    result = runner.invoke(app, [*args, "--config", str(config), "--data-dir", str(data_dir)])
    assert result.exit_code != 0
    assert "不早于结束时间" in result.output and "--since 改早" in result.output
