"""Every `yuqing` command and option explains itself in Chinese (`--help` is read by users)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import typer

from app.cli import app
from app.lazycli import DeferredCommand, load

CJK = re.compile(r"[\u4e00-\u9fff]")


def _tree(command: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every real (loaded) command below `command`, with its full command path."""
    if isinstance(command, DeferredCommand):
        command = load(command.entry)
    yield path, command
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        return
    ctx = command.make_context(path, [], resilient_parsing=True)
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        yield from _tree(sub, f"{path} {name}")


def _english_help() -> list[str]:
    """Command paths and options whose help has no Chinese character."""
    root = typer.main.get_command(app)
    bad: list[str] = []
    for path, command in _tree(root, "yuqing"):
        ctx = command.make_context(path, [], resilient_parsing=True)
        if not CJK.search(command.get_short_help_str(limit=200) or ""):
            bad.append(f"{path}: {command.get_short_help_str(limit=200)!r}")
        for param in command.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:  # arguments carry their help on the typer side
                text = getattr(param, "help", None)
                if text is None and param.param_type_name == "argument":
                    bad.append(f"{path} {param.name}: argument without help")
                elif text is not None and not CJK.search(text):
                    bad.append(f"{path} {param.name}: {text!r}")
                continue
            if not CJK.search(record[1]):
                bad.append(f"{path} {record[0]}: {record[1]!r}")
    return bad


def test_walk_reaches_every_domain_command() -> None:
    """The walk resolves the lazy groups, so it sees the sub-commands, not only the stand-ins."""
    paths = {path for path, _ in _tree(typer.main.get_command(app), "yuqing")}
    assert {"yuqing alerts list", "yuqing run", "yuqing index init"} <= paths
    assert len(paths) > 40


def test_every_command_and_option_help_is_chinese() -> None:
    """Short help of every command and help of every option/argument contains Chinese."""
    bad = _english_help()
    assert not bad, "English-only CLI help:\n" + "\n".join(bad)


def test_rendered_help_has_chinese_panels_and_help_line() -> None:
    """What `--help` prints: panel titles, defaults and the --help line, not typer's English."""
    from typer.testing import CliRunner

    for args in (["--help"], ["alerts", "list", "--help"]):
        out = CliRunner().invoke(app, args, terminal_width=120).output
        assert "显示本帮助并退出" in out and "选项" in out, out
        assert "用法：" in out and "[选项]" in out, out
        for english in (
            "Show this message",
            "Options",
            "Commands",
            "[default:",
            "[env var:",
            "Usage:",
            "[OPTIONS]",
            "[ARGS]",
        ):
            assert english not in out, (english, out)
    assert "子命令" in CliRunner().invoke(app, ["--help"]).output


def test_value_type_tags_are_chinese() -> None:
    """The <type> tag beside each option: 整数/文本/开关/日期时间, choices kept as typed."""
    from typer.testing import CliRunner

    out = CliRunner().invoke(app, ["search", "--help"], env={"COLUMNS": "250"}).output
    for tag in ("<整数>", "<开关>", "<日期时间>", "<文本，可重复>", "<newest|oldest|urgency>"):
        assert tag in out, (tag, out)
    for english in ("<int", "<bool>", "<str", "<datetime>", "<list["):
        assert english not in out, (english, out)
