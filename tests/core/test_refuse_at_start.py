"""Every config mistake refuses `yuqing run` (and fails `yuqing check`) in Chinese; one writer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from app.cli import app
from app.datalock import LOCK_NAME, DataDirLocked, writer_lock

runner = CliRunner()
PLAN = {"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊"}


def write_config(tmp_path: Path, data: dict[str, Any]) -> Path:
    """yuqing.yaml in tmp_path."""
    path = tmp_path / "yuqing.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def broken_config(tmp_path: Path) -> Path:
    """A config with every mistake the probe found."""
    (tmp_path / "playbooks").mkdir()
    (tmp_path / "playbooks" / "bad.yaml").write_text("id: x\nsteps: 3\n", encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "bad.yaml").write_text("name: r\ntype: spike\nwindw: 1h\n")
    return write_config(
        tmp_path,
        {
            "plans": [PLAN, PLAN],
            "sources": [
                {
                    "name": "demo",
                    "type": "replay",
                    "options": {"histroy": "7d", "rate_per_hour": "lots"},
                }
            ],
            "alerting": {
                "rules_dir": "rules",
                "notifiers": [
                    {"name": "ding", "type": "dingding"},
                    {"name": "robot", "type": "dingtalk", "options": {"tokn": "x"}},
                ],
                "escalation": [{"tier": "front_line", "notifiers": ["robot", "nobody"]}],
            },
            "cases": {"playbooks_dir": "playbooks", "notify_targets": ["ghost"]},
        },
    )


def test_check_lists_every_mistake_with_its_key(tmp_path: Path) -> None:
    config = broken_config(tmp_path)
    result = runner.invoke(app, ["check", "--config", str(config), "--data-dir", str(tmp_path)])
    assert result.exit_code == 2, result.output
    out = " ".join(result.output.split())
    for expected in (
        "plans: 监测方案 id 'xwf' 重复",
        "sources[demo].options.histroy: 未知选项（拼写错误？",
        "alerting.notifiers[ding].type: 未知的通知渠道类型 'dingding'",
        "alerting.notifiers[robot].options: tokn",
        "alerting.escalation[0].notifiers: 未定义的通知渠道 'nobody'",
        "预警规则文件有误",
        "预案文件有误",
        "cases.notify_targets: 未定义的通知渠道 'ghost'",
    ):
        assert expected in out, expected


def test_bad_option_value_names_the_fix(tmp_path: Path) -> None:
    config = write_config(
        tmp_path,
        {"sources": [{"name": "demo", "type": "replay", "options": {"rate_per_hour": "lots"}}]},
    )
    result = runner.invoke(app, ["check", "--config", str(config), "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "sources[demo]" in result.output and "rate_per_hour" in result.output


def test_run_refuses_to_start(tmp_path: Path) -> None:
    config = broken_config(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "app", "run", "--config", str(config), "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "服务未启动" in result.stderr and "dingding" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / LOCK_NAME).exists() or not (tmp_path / LOCK_NAME).read_text()


def test_good_config_passes(tmp_path: Path) -> None:
    config = write_config(tmp_path, {"plans": [PLAN]})
    result = runner.invoke(app, ["check", "--config", str(config), "--data-dir", str(tmp_path)])
    assert result.exit_code == 0 and "检查通过" in result.output


def test_one_writer_per_data_dir_in_process(tmp_path: Path) -> None:
    with writer_lock(tmp_path):
        try:
            with writer_lock(tmp_path):
                raise AssertionError("a second writer got the lock")
        except DataDirLocked as exc:
            assert f"进程号 {os.getpid()}" in str(exc)
    with writer_lock(tmp_path):  # released after the first one ended
        pass


def test_second_run_names_the_running_process(tmp_path: Path) -> None:
    config = write_config(tmp_path, {"plans": [PLAN], "alerting": {"enabled": False}})
    command = [sys.executable, "-m", "app", "run", "--config", str(config)]
    first = subprocess.Popen(
        [*command, "--data-dir", str(tmp_path / "var")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lock = tmp_path / "var" / LOCK_NAME
        deadline = time.monotonic() + 90
        while not (lock.exists() and lock.read_text().strip()):
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "the first run never took the lock"
            time.sleep(0.2)
        second = subprocess.run(
            [*command, "--data-dir", str(tmp_path / "var")],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert second.returncode == 2
        assert f"进程号 {first.pid}" in second.stderr and "--data-dir" in second.stderr
    finally:
        first.send_signal(signal.SIGINT)
        try:
            first.wait(30)
        except subprocess.TimeoutExpired:
            first.kill()
            first.wait(10)
