"""Command-line usage errors in Chinese: typer's click words them in English with no hook."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape

from core.index.textquery import parse_text_query, wordless_zh
from core.validation import message as pydantic_message


def _quoted(name: str) -> str:
    return f"「{name.strip(chr(39))}」"


_PATH_KIND = {"File": "文件", "Directory": "目录", "Path": "路径"}
_PATH_PROBLEMS = {
    "is a file": "是文件，这里需要目录",
    "is a directory": "是目录，这里需要文件",
    "is not readable": "没有读取权限",
    "is not writable": "没有写入权限",
}

# typer's own reasons for a bad value (choices, paths, types) → Chinese; others are kept.
_REASONS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"^(?P<value>.+?) is not one of (?P<choices>.+?)\.?$", re.S),
        lambda m: f"{m['value']} 不是可选值（可选：{m['choices']}）",
    ),
    (
        re.compile(r"^(?P<kind>File|Directory|Path) (?P<where>.+) does not exist\.$", re.S),
        lambda m: f"{_PATH_KIND[m['kind']]} {m['where']} 不存在",
    ),
    (
        re.compile(
            r"^(?:File|Directory|Path) (?P<where>.+) (?P<problem>"
            + "|".join(_PATH_PROBLEMS)
            + r")\.$",
            re.S,
        ),
        lambda m: f"{m['where']} {_PATH_PROBLEMS[m['problem']]}",
    ),
    (
        re.compile(r"^Value (?P<value>.+) is not a valid (?P<type>\S+)\.$", re.S),
        lambda m: f"{m['value']} 不是有效的 {m['type']}",
    ),
]


def reason_zh(reason: str) -> str:
    """typer's reason for a bad value in Chinese (a reason we do not know is kept as is)."""
    for pattern, wording in _REASONS:
        match = pattern.match(reason)
        if match:
            return wording(match)
    return reason


def _invalid(match: re.Match[str], exc: Any) -> str:
    cause = exc.__cause__
    if isinstance(cause, ValidationError):
        reason = "；".join(reason_zh(pydantic_message(error)) for error in cause.errors())
    else:
        reason = reason_zh(match["reason"])
    return f"{_quoted(match['name'])} 的值无效：{reason}"


def _no_option(match: re.Match[str], exc: Any) -> str:
    name = match["name"]
    if parse_text_query(name).wordless:  # `search '- -'`: a query without words, not an option
        return wordless_zh(name)
    if len(name) > 1 and name[0] == "-" and not name[1].isascii():
        # `search '-广告'`: a word to exclude, read as options -广 -告
        return (
            f"没有选项 {name}（以 - 开头的词会被当作选项：排除词请写在其他词之后，"
            "如 '退款 -广告'，或在它前面加 --，如 yuqing search -- -广告）"
        )
    hint = f"（是否想用：{match['alt']}）" if match["alt"] else _subcommand_hint(name, exc)
    return f"没有选项 {name}{hint}"


def _subcommand_hint(name: str, exc: Any) -> str:
    """`yuqing sources --data-dir var`: the option belongs to the group's sub-commands."""
    ctx: Any = getattr(exc, "ctx", None)
    commands: dict[str, Any] = getattr(getattr(ctx, "command", None), "commands", None) or {}
    having = [
        command_name
        for command_name, command in commands.items()
        if any(name in (*param.opts, *param.secondary_opts) for param in command.params)
    ]
    if not having:
        return ""
    return (
        f"（{name} 是子命令的选项，要写在子命令之后，如 {ctx.command_path} {having[0]} {name} …；"
        f"有此选项的子命令：{'、'.join(having)}）"
    )


# (English message shape, Chinese wording) for every usage error click raises.
_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str], Any], str]]] = [
    (
        # `.+?`: click names `search '- -'` option "- " (a space in it)
        re.compile(r"^No such option: (?P<name>.+?)(?: \(Possible options: (?P<alt>.+)\))?$"),
        _no_option,
    ),
    (
        re.compile(r"^No such command '(?P<name>[^']+)'\.(?: Did you mean '(?P<alt>[^']+)'\?)?$"),
        lambda m, _: (
            f"没有子命令 {_quoted(m['name'])}"
            + (f"（是否想用 {_quoted(m['alt'])}）" if m["alt"] else "")
        ),
    ),
    (re.compile(r"^Missing command\.$"), lambda m, _: "缺少子命令"),
    (
        re.compile(
            r"^Missing (?P<kind>argument|option|parameter) (?P<name>\S+?)\.(?: (?P<rest>.*))?$"
        ),
        lambda m, _: (
            {"argument": "缺少参数 ", "option": "缺少选项 ", "parameter": "缺少 "}[m["kind"]]
            + _quoted(m["name"])
        ),
    ),
    (
        re.compile(r"^Invalid value for (?P<name>'[^']+'|\S+): (?P<reason>.*)$", re.S),
        _invalid,
    ),
    (
        re.compile(r"^Invalid value: (?P<reason>.*)$", re.S),
        lambda m, _: f"值无效：{reason_zh(m['reason'])}",
    ),
    (
        re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)$"),
        lambda m, _: f"多余的参数：{m['args']}",
    ),
    (
        re.compile(r"^Option '(?P<name>[^']+)' requires (?P<what>.+)\.?$"),
        lambda m, _: f"选项 {m['name']} 需要提供值",
    ),
    (
        re.compile(r"^Option '(?P<name>[^']+)' does not take a value\.$"),
        lambda m, _: f"选项 {m['name']} 不接受值",
    ),
]


def chinese(exc: Any) -> str:
    """The usage error's message in Chinese (unknown shapes keep click's words after a prefix)."""
    text = exc.format_message()
    for pattern, wording in _RULES:
        match = pattern.match(text)
        if match:
            return wording(match, exc)
    return f"命令行参数有误：{text}"


def is_usage_error(exc: BaseException) -> bool:
    """Whether typer raised this for a wrong command line (its click errors carry these two)."""
    return hasattr(exc, "format_message") and isinstance(getattr(exc, "exit_code", None), int)


def show(exc: Any) -> None:
    """Print a usage error like typer does, in Chinese: usage line, where to get help, the error."""
    if type(exc).__name__ == "NoArgsIsHelpError":  # typer has already printed the help
        return
    console = Console(stderr=True, soft_wrap=True, highlight=False)
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        console.print(escape(ctx.get_usage()))
        console.print(f"运行「{escape(ctx.command_path)} --help」查看用法。")
    console.print(f"[bold red]错误：[/bold red]{escape(chinese(exc))}")
