"""A typer group whose sub-commands are imported only when run, so `yuqing --help` starts fast.

Typer ships its own copy of click, so the click objects here are typed loosely (Any).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from core.domain import CliCommand

# Sub-commands by name, in the order `yuqing --help` lists them (filled by app.cli).
LAZY: dict[str, CliCommand] = {}


def load(entry: CliCommand) -> Any:
    """The real click command behind an entry (a typer group, or one command function)."""
    target = entry.load()
    if isinstance(target, typer.Typer):
        group = typer.main.get_group(target)
        group.name = entry.name
        return group
    holder = typer.Typer(add_completion=False)
    holder.command(entry.name, help=entry.help)(target)
    return typer.main.get_command(holder)


class DeferredCommand(TyperCommand):
    """Stands in for a sub-command in help listings; loads the real one when it runs."""

    def __init__(self, entry: CliCommand) -> None:
        super().__init__(entry.name, help=entry.help, short_help=entry.help)
        self.entry = entry

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: Any = None,
        **extra: Any,
    ) -> Any:
        """Hand over to the real command: its context, options and help."""
        return load(self.entry).make_context(info_name, args, parent=parent, **extra)


class LazyGroup(TyperGroup):
    """The top-level `yuqing` group: eager app commands plus the domains' deferred ones."""

    def list_commands(self, ctx: Any) -> list[str]:
        """App commands first, then the domains' in declaration order."""
        return [*super().list_commands(ctx), *LAZY]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """An app command, or a stand-in that loads a domain's command when it runs."""
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in LAZY:
            return DeferredCommand(LAZY[cmd_name])
        return command


HELP_OPTION_ZH = "显示本帮助并退出"
# typer's help panels and markers, in the words of the rest of our help.
PANEL_TEXT_ZH = {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "子命令",
    "DEFAULT_STRING": "[默认：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "DEPRECATED_STRING": "（已弃用）",
}


def _chinese_help_option(original: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """Wrap `get_help_option` so every command's --help line reads Chinese."""

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original(self, ctx)
        if option is not None:
            option.help = HELP_OPTION_ZH
        return option

    return get_help_option


def _chinese_panels(original: Callable[[Any, Any, Any], None]) -> Callable[[Any, Any, Any], None]:
    """Wrap `format_help` so typer's panels are titled in Chinese (only when printing help)."""

    def format_help(self: Any, ctx: Any, formatter: Any) -> None:
        from typer import rich_utils

        for name, text in PANEL_TEXT_ZH.items():
            setattr(rich_utils, name, text)
        original(self, ctx, formatter)

    return format_help


USAGE_PREFIX_ZH = "用法："
# click's usage-line tokens (options_metavar and the groups' subcommand metavars).
USAGE_TOKENS_ZH = {
    "[OPTIONS]": "[选项]",
    "COMMAND [ARGS]...": "子命令 [参数]...",
    "[COMMAND] [ARGS]...": "[子命令] [参数]...",
}


def _chinese_usage(self: Any, ctx: Any, formatter: Any) -> None:
    """The usage line in Chinese: 用法：yuqing case [选项] 子命令 [参数]..."""
    pieces = [USAGE_TOKENS_ZH.get(piece, piece) for piece in self.collect_usage_pieces(ctx)]
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE_PREFIX_ZH)


# typer's value-type tags in --help (<int range>, <path>, <list[str]>) → Chinese; choices stay.
TYPE_TAGS_ZH = {
    "bool": "开关",
    "str": "文本",
    "int": "整数",
    "float": "数字",
    "int range": "整数",
    "float range": "数字",
    "path": "路径",
    "Path": "路径",
    "file": "文件",
    "directory": "目录",
    "datetime": "日期时间",
    "date": "日期",
}


def type_tag_zh(label: str) -> str:
    """'int range' → '整数', 'list[str]' → '文本，可重复'; an unknown label is kept."""
    listed = re.fullmatch(r"list\[(.+)\]", label)
    if listed:
        return f"{type_tag_zh(listed[1])}，可重复"
    return TYPE_TAGS_ZH.get(label, label)


def _chinese_type(original: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """Wrap `display_type` so the <type> tag of an option or argument reads Chinese."""

    def display_type(self: Any, ctx: Any) -> Any:
        shown = original(self, ctx)
        if isinstance(shown, str) and shown.startswith("<") and shown.endswith(">"):
            return f"<{type_tag_zh(shown[1:-1])}>"
        return shown

    return display_type


for _param in (TyperArgument, TyperOption):
    _param.display_type = _chinese_type(_param.display_type)  # type: ignore[method-assign,assignment]

# Click hard-codes "Show this message and exit." and typer its panel titles, with no translation
# hook; typer builds every command of ours from these two classes, so the text is set there.
for _cls in (TyperCommand, TyperGroup):
    _cls.get_help_option = _chinese_help_option(_cls.get_help_option)  # type: ignore[method-assign,assignment]
    _cls.format_help = _chinese_panels(_cls.format_help)  # type: ignore[method-assign,assignment]
    _cls.format_usage = _chinese_usage  # type: ignore[method-assign,assignment]
