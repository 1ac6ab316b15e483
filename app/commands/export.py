"""`yuqing export`: every mention of a time range as mention JSONL, streamed, with progress.

For back-testing rules (`yuqing replay FILE`) on last month's data: no 10,000 cap (pages are
walked by publication time, ties by id, the order both index backends sort in), one line per
mention in the intake format, written to FILE.part and renamed when complete.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from app.commands.search import masked, plan_id
from core.cli_options import DEFAULT_DATA_DIR, ConfigOption, DataDirOption
from core.context import Context
from core.index.paging import walk
from core.index.protocol import MentionIndex, SearchQuery

stderr = Console(stderr=True, highlight=False)


def local_moment(value: datetime | None, tz: tzinfo) -> datetime | None:
    """A moment typed on the command line; without a zone it is the configured zone's time."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=tz)


def export(
    since: Annotated[
        datetime | None, typer.Option(help="发布时间不早于（如 2026-11-01；不带时区按配置时区）")
    ] = None,
    until: Annotated[
        datetime | None, typer.Option(help="发布时间早于（如 2026-12-01；不带时区按配置时区）")
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="写入此 JSONL 文件；- 表示标准输出")
    ] = Path("-"),
    plan: Annotated[
        list[str] | None, typer.Option(help="只导出这些监测方案（id 或名称），可重复")
    ] = None,
    mask: Annotated[
        bool,
        typer.Option(
            help="隐藏手机号、身份证/银行卡/QQ 号、邮箱、地址（默认隐藏；--no-mask 保留原文）"
        ),
    ] = True,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Export the mentions of a time range as mention JSONL (for yuqing replay)."""
    ctx = Context.load(config, data_dir, existing=True)
    tz = ctx.config.tz
    start, end = local_moment(since, tz), local_moment(until, tz)
    if start is not None and end is not None and start >= end:
        ctx.close()
        raise typer.BadParameter(
            f"开始时间 {start:%Y-%m-%d %H:%M} 不早于结束时间 {end:%Y-%m-%d %H:%M}："
            "请把 --since 改早，或把 --until 改晚",
            param_hint="'--since'",
        )
    query = SearchQuery(plans=[plan_id(ctx, p) for p in plan or []], since=start, until=end)
    try:
        total = ctx.index.count(query)
        written = _write(ctx.index, query, out, total, mask)
    finally:
        ctx.close()
    where = "标准输出" if str(out) == "-" else str(out)
    masked_note = "（个人信息已隐藏）" if mask else "（未隐藏个人信息：请妥善保管此文件）"
    stderr.print(f"已导出 {written} 条提及到 {where}{masked_note}")


def _write(index: MentionIndex, query: SearchQuery, out: Path, total: int, mask: bool) -> int:
    """Stream the mentions to out (FILE.part, renamed when complete); how many were written."""
    columns = (TextColumn("导出"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=stderr, transient=True) as bar:
        task = bar.add_task("导出", total=total)
        if str(out) == "-":
            return _lines(index, query, sys.stdout, mask, lambda: bar.advance(task))
        part = out.with_name(out.name + ".part")
        with part.open("w", encoding="utf-8") as stream:
            written = _lines(index, query, stream, mask, lambda: bar.advance(task))
        os.replace(part, out)
        return written


def _lines(
    index: MentionIndex, query: SearchQuery, stream: TextIO, mask: bool, tick: Callable[[], None]
) -> int:
    """Write one JSON line per mention; how many."""
    written = 0
    for mention in walk(index, query):
        stream.write((masked(mention) if mask else mention).model_dump_json() + "\n")
        written += 1
        tick()
    return written
