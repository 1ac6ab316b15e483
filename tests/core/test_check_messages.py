"""`yuqing check` on configs people get wrong: what it says must point at the real mistake."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from app.cli import app

runner = CliRunner()


def check(tmp_path: Path, text: str) -> tuple[int, str]:
    """Exit code and output (stdout and stderr) of `yuqing check` on a yuqing.yaml with text."""
    config = tmp_path / "yuqing.yaml"
    config.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", "--config", str(config), "--data-dir", str(tmp_path)])
    return result.exit_code, result.output


def test_empty_config_passes_with_a_warning_that_nothing_is_configured(tmp_path: Path) -> None:
    code, out = check(tmp_path, "")
    assert code == 0, out
    assert "检查通过（0 个数据源，0 个通知渠道，0 个监测方案），另有 1 条提醒" in out
    assert "提醒：没有配置任何数据源（sources）和监测方案（plans）" in out
