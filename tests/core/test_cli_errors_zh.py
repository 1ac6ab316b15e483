"""Usage errors of `yuqing` (wrong option, missing or bad argument) are printed in Chinese."""

from __future__ import annotations

import sys

import pytest

from app.cli import main
from app.cli_errors import reason_zh

CASES = [
    (["alerts", "list", "--foo"], "没有选项 --foo"),
    (["alerts", "ack"], "缺少参数 「alert_id」"),
    (["alerts", "ack", "abc"], "「alert_id」 的值无效：应为整数"),
    (["alerts", "lis"], "没有子命令 「lis」（是否想用 「list」）"),
    (["nosuch"], "没有子命令 「nosuch」"),
    (["alerts", "ack", "1", "2"], "多余的参数：2"),
    (["alerts", "list", "--status"], "选项 --status 需要提供值"),
    (["search", "-广告"], "没有选项 -广（以 - 开头的词会被当作选项：排除词请写在其他词之后"),
    (
        ["index", "migrate", "--from", "mysql"],
        "「--from」 的值无效：'mysql' 不是可选值（可选：'sqlite', 'opensearch', 'elasticsearch'）",
    ),
]


@pytest.mark.parametrize(("args", "expected"), CASES)
def test_usage_errors_are_chinese(
    args: list[str],
    expected: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "argv", ["yuqing", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    err = capsys.readouterr().err
    assert exited.value.code == 2
    assert f"错误：{expected}" in err, err
    assert err.startswith(("用法：", "错误：")), err
    for english in (
        "No such",
        "Missing",
        "Invalid value",
        "is not one of",
        "Try '",
        "unexpected",
        "requires",
        "Usage:",
        "[OPTIONS]",
    ):
        assert english not in err, err


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("File '/x/a.csv' does not exist.", "文件 '/x/a.csv' 不存在"),
        ("Directory '/x' is a file.", "'/x' 是文件，这里需要目录"),
        ("Value 'q' is not a valid Path.", "'q' 不是有效的 Path"),
        ("something new from typer", "something new from typer"),
    ],
)
def test_typer_reasons_for_a_bad_value_are_chinese(reason: str, expected: str) -> None:
    assert reason_zh(reason) == expected


def test_an_option_before_the_sub_command_says_where_it_goes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["yuqing", "sources", "--data-dir", "var"])
    with pytest.raises(SystemExit) as exited:
        main()
    err = capsys.readouterr().err
    assert exited.value.code == 2
    assert "错误：没有选项 --data-dir（--data-dir 是子命令的选项，要写在子命令之后" in err, err
    assert "sources list --data-dir …；有此选项的子命令：list、run、reset、webhook）" in err, err
