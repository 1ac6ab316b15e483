"""A bad rule file does not stop monitoring: `run` starts with the other rules, says each
problem in Chinese and records it for 预警中心; `check` still fails."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import yaml
from typer.testing import CliRunner

from alerting import service
from alerting.rule_health import record, recorded, usable_rules
from app.cli import app
from bench.synthetic import make_mention
from core.context import Context
from core.enums import Severity
from tests.support.service_process import RunningService

runner = CliRunner()
PLAN = {"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊"}
GOOD = "name: refunds\ntype: frequency\nthreshold: 5\n"
TYPO = "name: spike-typo\ntype: spike\nwindw: 1h\n"
GHOST_PLAN = "name: ghost\ntype: frequency\nthreshold: 3\nfilter: {plans: [nobody]}\n"


def config_with_rules(tmp_path: Path, **files: str) -> Path:
    """yuqing.yaml with one plan, no built-in rules and these files in rules/."""
    (tmp_path / "rules").mkdir()
    for name, text in files.items():
        (tmp_path / "rules" / f"{name}.yaml").write_text(text, encoding="utf-8")
    path = tmp_path / "yuqing.yaml"
    data = {"plans": [PLAN], "alerting": {"rules_dir": "rules", "builtin_rules": False}}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_usable_rules_leave_out_only_the_bad_ones(tmp_path: Path) -> None:
    config = config_with_rules(tmp_path, good=GOOD, typo=TYPO, ghost=GHOST_PLAN)
    ctx = Context.load(config, tmp_path / "var")
    rules, problems = usable_rules(ctx)
    assert [r.name for r in rules] == ["refunds"]
    assert len(problems) == 2
    assert any("rules/typo.yaml" in p and "windw" in p and "window" in p for p in problems)
    assert any("ghost" in p and "未知的监测方案 'nobody'" in p for p in problems)
    record(ctx, problems)
    health = recorded(ctx)
    assert health is not None and health.problems == problems
    assert "跳过了 2 处" in health.headline()
    record(ctx, [])  # a start without problems clears the entry
    assert recorded(ctx) is None
    ctx.close()


def test_check_still_fails_and_says_run_would_start(tmp_path: Path) -> None:
    config = config_with_rules(tmp_path, good=GOOD, typo=TYPO)
    args = ["check", "--config", str(config), "--data-dir", str(tmp_path / "var")]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    out = " ".join(result.output.split())
    assert "发现 1 处问题" in out and "rules/typo.yaml" in out
    assert "yuqing run 仍会启动" in out


def test_run_starts_with_the_good_rules_and_records_the_bad_file(tmp_path: Path) -> None:
    config = config_with_rules(tmp_path, good=GOOD, typo=TYPO)
    data_dir = tmp_path / "var"
    service = RunningService(config, data_dir)
    try:
        # 服务已启动 is logged once every job is scheduled, the rule problems recorded with
        # them; a Ctrl-C sent before (on the lock file, on the record) interrupted the start
        # at a random point under load.
        service.wait_for("服务已启动")
        ctx = Context.load(config, data_dir)
        health = recorded(ctx)
        ctx.close()
    finally:
        service.stop()
    assert health is not None and "windw" in health.problems[0]
    err = service.err
    assert "服务未启动" not in err
    assert "已跳过：预警规则文件有误：rules/typo.yaml" in err, err
    assert "预警：1 条规则" in err, err
    assert "服务已停止" in err, err  # a clean stop: the scheduler shut down, leases handed back


def test_ingest_runs_the_good_rules_and_names_the_bad_file(tmp_path: Path) -> None:
    urgent = "name: urgent\ntype: urgent_mention\nmin_urgency: high\n"
    config = config_with_rules(tmp_path, urgent=urgent, typo=TYPO)
    post = make_mention(
        "kol", datetime.now(UTC), "鲜味坊 吃出异物 食物中毒", urgency=Severity.CRITICAL
    )
    posts = tmp_path / "posts.jsonl"
    posts.write_text(post.model_dump_json() + "\n", encoding="utf-8")
    data_dir = tmp_path / "var"
    args = ["ingest", str(posts), "--config", str(config), "--data-dir", str(data_dir)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "提示：本次导入不执行有问题的规则：预警规则文件有误：rules/typo.yaml" in out
    ctx = Context.load(config, data_dir)
    with ctx.sessions() as session:
        assert [a.rule for a in service.get_all(session)] == ["urgent"]
    ctx.close()
