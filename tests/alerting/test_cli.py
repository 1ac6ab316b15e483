"""`yuqing replay` end to end (CliRunner) and `yuqing alerts list|ack|resolve`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import typer
from apscheduler.schedulers.background import BackgroundScheduler
from typer.testing import CliRunner

from alerting.cli import alerts_app, replay
from alerting.models import Alert
from alerting.scheduled import JOB_ID, register_jobs
from app.cli import app, main
from bench.synthetic import PassThroughClassifier, background, burst
from core.context import Context
from core.pipeline.classifier import CLASSIFIERS
from tests.alerting.conftest import MONDAY, make_ctx

runner = CliRunner()
BURST = MONDAY + timedelta(days=1, hours=12)


@pytest.fixture
def passthrough() -> Iterator[None]:
    """Let config files name the pass-through classifier."""
    CLASSIFIERS.add("passthrough", PassThroughClassifier)
    yield
    CLASSIFIERS.discard("passthrough")


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """A stream (a day and a half of background, then a KOL burst) and a config file."""
    mentions = [
        *background(MONDAY, BURST + timedelta(minutes=30), rate_per_hour=20, seed=5),
        *burst(BURST, size=12),
    ]
    stream = tmp_path / "stream.jsonl"
    stream.write_text(
        "\n".join(m.model_dump_json() for m in reversed(mentions)) + "\n", encoding="utf-8"
    )
    config = tmp_path / "yuqing.yaml"
    config.write_text(
        "brand: 鲜味坊\nclassifier: {model: passthrough}\nalerting: {eval_interval: 2m}\n",
        encoding="utf-8",
    )
    return stream, config


def replay_app() -> typer.Typer:
    """The replay function mounted as the spine will mount it."""
    app = typer.Typer()
    app.command("replay")(replay)
    app.command("noop")(lambda: None)
    return app


def test_replay_end_to_end_is_deterministic(
    files: tuple[Path, Path], tmp_path: Path, passthrough: None
) -> None:
    stream, config = files
    outputs = []
    for name in ("a.jsonl", "b.jsonl"):
        out = tmp_path / name
        args = ["replay", str(stream), "--alerts-out", str(out), "--config", str(config)]
        result = runner.invoke(replay_app(), args, env={"YUQING_DATA_DIR": ""})
        assert result.exit_code == 0, result.output
        assert "触发预警" in result.output
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    lines = [json.loads(line) for line in outputs[0].splitlines()]
    urgent = next(line for line in lines if line["rule"] == "urgent-mention")
    assert (
        urgent["fired_at"] == "2026-03-03T04:00:00+00:00"
    )  # the KOL post's own time, not the next tick
    for line in lines:
        assert {
            "rule",
            "severity",
            "key",
            "fired_at",
            "window",
            "count",
            "baseline",
            "sample_mention_ids",
        } <= set(line)
        assert set(line["window"]) == {"start", "end"}


def test_replay_into_data_dir_then_manage_alerts(
    files: tuple[Path, Path], tmp_path: Path, passthrough: None
) -> None:
    stream, config = files
    data = tmp_path / "var"
    out = tmp_path / "alerts.jsonl"
    args = [
        "replay",
        str(stream),
        "--alerts-out",
        str(out),
        "--config",
        str(config),
        "--data-dir",
        str(data),
    ]
    assert runner.invoke(replay_app(), args).exit_code == 0
    common = ["--config", str(config), "--data-dir", str(data)]
    listed = runner.invoke(alerts_app, ["list", "--status", "all", *common])
    assert listed.exit_code == 0 and "高危舆情" in listed.output
    # the 规则 column names rules as the dashboard does (their titles), not by their ids
    assert "urgent-mention" not in listed.output and "own-post" not in listed.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    alert_id = lines[0]["alert_id"]
    acked = runner.invoke(alerts_app, ["ack", str(alert_id), "--actor", "王经理", *common])
    assert acked.exit_code == 0
    assert "已确认" in acked.output or "已解决" in acked.output  # may have auto-resolved already
    resolved = runner.invoke(alerts_app, ["resolve", str(alert_id), *common])
    assert resolved.exit_code == 0 and "已解决" in resolved.output
    earlier = runner.invoke(
        alerts_app, ["ack", str(lines[-1]["alert_id"]), "--by", "李娜", *common]
    )
    assert earlier.exit_code == 0, "--by stays as the earlier name of --actor"
    ctx = Context.load(config, data)
    with ctx.sessions() as session:
        alert = session.get(Alert, alert_id)
        assert alert is not None and alert.resolved_by not in {None, "cli"}
        assert alert.acknowledged_by in {"王经理", None}  # None: auto-resolved before the ack
    ctx.close()
    dismissed = runner.invoke(alerts_app, ["resolve", str(alert_id), "--false-alarm", *common])
    assert dismissed.exit_code == 0 and "误报" in dismissed.output
    listed = runner.invoke(alerts_app, ["list", "--status", "resolved", *common])
    assert "误报" in listed.output
    missing = runner.invoke(alerts_app, ["ack", "9999", *common])
    assert missing.exit_code == 2 and "不存在" in missing.output


def test_replay_reports_a_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(
        replay_app(), ["replay", str(tmp_path / "nope.jsonl"), "--alerts-out", "x.jsonl"]
    )
    assert result.exit_code == 2 and "文件不存在" in result.output


def test_register_jobs_adds_tick_and_listener(data_dir: Path) -> None:
    ctx = make_ctx(data_dir, MONDAY)
    scheduler = BackgroundScheduler()
    register_jobs(scheduler, ctx)
    job = scheduler.get_job(JOB_ID)
    assert job is not None and job.trigger.interval == timedelta(minutes=1)
    from alerting.engine import AlertEngine

    owners = [getattr(listener, "__self__", None) for listener in ctx.pipeline.listeners]
    assert sum(isinstance(owner, AlertEngine) for owner in owners) == 1  # beside the events one
    ctx.pipeline.process(burst(MONDAY, size=0))
    with ctx.sessions() as session:
        from alerting import service

        assert [a.rule for a in service.get_all(session)] == ["urgent-mention"]
    ctx.close()


def test_list_status_by_code_or_chinese_name_and_a_typo_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    kol = {
        "source": "weibo", "native_id": "k1", "channel": "weibo",
        "text": "在鲜味坊吃出虫子，孩子食物中毒住院了，已经报警并联系记者曝光！",
        "published_at": datetime.now(UTC).isoformat(),
        "author": {"name": "吃货小王大王", "followers": 1260000, "verified": True},
    }  # fmt: skip
    stream = tmp_path / "kol.jsonl"
    stream.write_text(json.dumps(kol, ensure_ascii=False) + "\n", encoding="utf-8")
    data = ["--data-dir", str(tmp_path / "var")]
    assert runner.invoke(app, ["ingest", str(stream), *data]).exit_code == 0

    for status in ("open", "待处理", "未处理", "OPEN", "active", "未解决", "all", "全部"):
        listed = runner.invoke(alerts_app, ["list", "--status", status, *data])
        assert listed.exit_code == 0 and "高危舆情" in listed.output, status
    for status in ("resolved", "已解决"):
        assert "没有预警。" in runner.invoke(alerts_app, ["list", "--status", status, *data]).output

    monkeypatch.setattr(sys, "argv", ["yuqing", "alerts", "list", "--status", "opne", *data])
    with pytest.raises(SystemExit) as exited:
        main()
    err = capsys.readouterr().err
    assert exited.value.code == 2 and "没有预警" not in err
    assert "'opne' 不是可选值" in err and "open（待处理）" in err and "all（全部）" in err, err


def test_replay_tells_per_rule_how_often_it_fired_and_why(
    files: tuple[Path, Path], tmp_path: Path, passthrough: None
) -> None:
    stream, config = files
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "never.yaml").write_text(
        "name: refund-flood\ntype: frequency\ntitle: 退款投诉刷屏\nthreshold: 10000\nwindow: 1h\n",
        encoding="utf-8",
    )
    (rules / "noisy.yaml").write_text(
        "name: any-mention\ntype: frequency\ntitle: 有人提到\nthreshold: 1\nwindow: 2m\n"
        "realert: 1m\nresolve_after: 2m\n",
        encoding="utf-8",
    )
    config.write_text(
        "brand: 鲜味坊\nclassifier: {model: passthrough}\n"
        "alerting: {eval_interval: 2m, rules_dir: rules, builtin_rules: false}\n",
        encoding="utf-8",
    )
    out = tmp_path / "alerts.jsonl"
    args = ["replay", str(stream), "--alerts-out", str(out), "--config", str(config)]
    result = runner.invoke(replay_app(), args, env={"YUQING_DATA_DIR": "", "COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    output = result.output
    rows = {
        cells[1].strip(): [c.strip() for c in cells[2:-1]]
        for line in output.splitlines()
        if len(cells := line.split("│")) > 2
    }
    assert "各规则回放结果（2026-03-02" in output and "北京时间）" in output
    fired = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert fired and {line["rule"] for line in fired} == {"any-mention"}
    opened = sum(1 for line in fired if line["event"] in ("opened", "reopened"))
    grown = sum(1 for line in fired if line["event"] == "realerted")
    told = sum(1 for line in fired if line["notified"])
    # a rule by its title, its name (the file's) under it
    assert rows["退款投诉刷屏"] == ["0", "0", "0", "—", "从未触发"]  # 80 columns cut nothing
    assert "refund-flood" in rows and "any-mention" in rows
    assert rows["有人提到"][:3] == [str(opened), str(grown), str(told)]
    assert rows["有人提到"][-1] == "触发频繁"
    assert "从未触发（阈值可能过高，或过滤条件过窄）：退款投诉刷屏（refund-flood）" in output
    assert "触发频繁（平均每天超过 3 条新预警" in output
    assert "有人提到（any-mention）（每天 " in output
    first = fired[0]
    assert first["summary"].startswith("最近 2 分钟 ") and "（阈值 1 条）" in first["summary"]
    # the first alerts as a person reads them: when, rule, why, and the post it is about
    assert f"预警明细（前 30 条，全部见 {out}）：" in output
    assert f"any-mention 新预警·会通知：{first['summary']}" in output
    assert "    @" in output and "：" in output.split("    @")[1]
    assert first["numbers"] == f"数量：{first['count']} 条"
