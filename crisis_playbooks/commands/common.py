"""Shared CLI pieces: --now (and core's --actor) options, time parsing and error reporting."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.markup import escape

from core.cli_options import ActorOption, actor_name
from core.errors import YuqingError

__all__ = ["ActorOption", "actor_name", "console", "err_console", "local", "parse_now", "reported"]

console = Console()
err_console = Console(stderr=True, soft_wrap=True)  # one line per error: paths stay whole

NowOption = Annotated[
    str | None,
    typer.Option("--now", help="当前时间 ISO 8601（无时区按配置时区）；默认系统时间"),
]


def parse_now(value: str | None, tz: ZoneInfo, default: datetime) -> datetime:
    """--now as an aware datetime; naive input is local time in the configured zone."""
    if not value:
        return default
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"不是 ISO 格式的时间：{value!r}（如 2026-11-23T09:30）", param_hint="'--now'"
        ) from None
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment


@contextmanager
def reported() -> Iterator[None]:
    """Print a YuqingError as one clean line and exit 2 (also when run without app.cli)."""
    try:
        yield
    except YuqingError as exc:
        err_console.print(f"[bold red]错误：[/bold red]{escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from None


def local(moment: datetime | None, tz: ZoneInfo) -> str:
    """A short local timestamp, or '—'."""
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M") if moment else "—"
