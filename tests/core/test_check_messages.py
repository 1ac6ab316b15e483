"""`yuqing check` on configs people get wrong: what it says must point at the real mistake."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from app.cli import app
from core.errors import YuqingError

runner = CliRunner()


def check(tmp_path: Path, text: str) -> tuple[int, str]:
    """Exit code and what `yuqing check` says on a yuqing.yaml with text (2 and the message
    for a config that does not load, as `app.cli.main` prints and exits)."""
    config = tmp_path / "yuqing.yaml"
    config.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", "--config", str(config), "--data-dir", str(tmp_path)])
    if isinstance(result.exception, YuqingError):
        return 2, f"错误：{result.exception}"
    return result.exit_code, result.output


def test_empty_config_passes_with_a_warning_that_nothing_is_configured(tmp_path: Path) -> None:
    code, out = check(tmp_path, "")
    assert code == 0, out
    assert "检查通过（0 个数据源，0 个通知渠道，0 个监测方案），另有 1 条提醒" in out
    assert "提醒：没有配置任何数据源（sources）和监测方案（plans）" in out


def test_a_key_indented_past_its_sibling_is_called_an_indentation_error(tmp_path: Path) -> None:
    code, out = check(tmp_path, "index:\n  backend: sqlite\n   retention: 400d\n")
    assert code == 2
    assert "第 3 行" in out and "缩进不一致：此行缩进 3 个空格，上一行（第 2 行）2 个" in out
    assert "冒号" not in out
    # Under a list item the key after "- " is the sibling's column.
    code, out = check(tmp_path, "plans:\n  - id: x\n     name: 鲜味坊\n")
    assert "缩进不一致：此行缩进 5 个空格，上一行（第 2 行）4 个" in out


def test_a_stray_colon_in_a_value_is_still_called_a_colon(tmp_path: Path) -> None:
    for text in ("brand: x\ntitle: 注意: 这里\n", "plans:\n  - id: x\n    name: a: b\n"):
        code, out = check(tmp_path, text)
        assert code == 2 and "此处不能有冒号" in out and "缩进" not in out, out


def test_bad_holiday_date_is_named_in_chinese(tmp_path: Path) -> None:
    code, out = check(tmp_path, "cases:\n  calendar:\n    holidays: [2026-13-01..2026-01-03]\n")
    assert code == 2
    assert "cases.calendar.holidays：'2026-13-01' 不是有效日期；写作 2026-10-01" in out
    assert "month must be" not in out


def test_choices_are_listed_in_chinese(tmp_path: Path) -> None:
    code, out = check(tmp_path, "alerting:\n  escalation:\n    - {tier: first}\n")
    assert code == 2
    assert "应为以下之一：'front_line'、'team_lead'、'specialist' 或 'management'" in out
    assert " or " not in out


def test_unknown_notifier_option_gives_its_hint_once(tmp_path: Path) -> None:
    text = "alerting:\n  notifiers:\n    - {name: dd, type: dingtalk, options: {tokn: abc}}\n"
    code, out = check(tmp_path, text)
    assert code == 2
    assert "alerting.notifiers[dd].options: tokn：未知的键（检查拼写或删除）" in out
    assert out.count("检查拼写") == 1
