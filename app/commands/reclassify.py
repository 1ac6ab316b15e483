"""`yuqing reclassify`: the current classifier over stored mentions (core.pipeline.reclassify)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console

from app.commands.progress import counted_bar
from core.cli_options import DEFAULT_DATA_DIR, ConfigOption, DataDirOption, DryRunOption
from core.context import Context
from core.index.protocol import SearchQuery
from core.pipeline.reclassify import LABELS, ReclassifyReport, reclassify_index
from core.timeutil import as_utc

console = Console(stderr=True)


def summary(report: ReclassifyReport, dry_run: bool) -> str:
    """The Chinese summary line."""
    changes = "，".join(f"{name}变化 {report.changes[name]} 条" for name in LABELS)
    done = "（试运行，未写回）" if dry_run else f"，已写回 {report.written} 条"
    lines = [
        f"重新分析 {report.classified} 条提及（共读取 {report.read} 条）：{changes}{done}",
    ]
    if report.written > report.relabelled:
        lines.append(
            f"写回的 {report.written} 条中 {report.relabelled} 条标签有变化，"
            f"其余 {report.written - report.relabelled} 条只更新了分数或关键词"
        )
    if report.corrected:
        lines.append(
            f"其中 {report.corrected} 条在本次运行前已人工校正：校正过的标签保持不变，"
            "其余标签照常重新分析"
        )
    if report.skipped:
        lines.append(f"{report.skipped} 条在本次运行期间被人工校正，未覆盖")
    if report.gone:
        lines.append(f"{report.gone} 条在本次运行期间已从索引删除（超出保留期），未写回")
    if not dry_run:
        lines.append("已产生的预警保持不变；看板、检索、事件、规则和报告从现在起读取新标签")
    return "\n".join(lines)


def reclassify(
    since: Annotated[
        datetime | None, typer.Option(help="只重新分析发布时间不早于此时的提及（ISO 格式）")
    ] = None,
    until: Annotated[
        datetime | None, typer.Option(help="只重新分析发布时间早于此时的提及（ISO 格式）")
    ] = None,
    dry_run: DryRunOption = False,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Classify stored mentions again with the current (and adapted) model."""
    ctx = Context.load(config, data_dir, existing=True)
    try:
        with counted_bar(console, "重新分析", ctx.index.count(SearchQuery())) as advance:
            report = reclassify_index(
                ctx.index,
                ctx.classifier,
                as_utc(since) if since else None,
                as_utc(until) if until else None,
                dry_run,
                advance,
            )
    finally:
        ctx.close()
    console.print(summary(report, dry_run), highlight=False, soft_wrap=True)
    for mention_id, reason in list(report.errors.items())[:10]:
        console.print(f"  写回失败 {mention_id}：{reason}", highlight=False)
    if report.errors:
        raise typer.Exit(1)
