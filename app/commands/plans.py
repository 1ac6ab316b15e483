"""`yuqing plans`: the monitoring plans over stored mentions (core.pipeline.rematch, plan_log)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console

from app.commands.export import local_moment
from app.commands.progress import counted_bar
from collectors.config import SOURCES
from core.cli_options import (
    DEFAULT_DATA_DIR,
    ActorOption,
    ConfigOption,
    DataDirOption,
    DryRunOption,
    actor_name,
)
from core.config import CoreConfig
from core.context import Context
from core.index.protocol import SearchQuery
from core.pipeline import plan_log
from core.pipeline.rematch import RematchReport, rematch_index
from core.timeutil import as_utc

plans_app = typer.Typer(help="监测方案：把当前方案重新应用到已入库的提及", no_args_is_help=True)
console = Console(stderr=True, highlight=False, soft_wrap=True)


def assigned_plans(config: CoreConfig) -> dict[str, list[str]]:
    """Source name → the plans its `plans:` option assigns to every mention it brings."""
    return {s.name: [str(p) for p in s.options.get("plans") or []] for s in SOURCES.of(config)}


def changes_zh(report: RematchReport, config: CoreConfig) -> str:
    """Per plan, how many mentions gained (+) and lost (−) it: 鲜味坊外卖（waimai）+120 −3."""
    names = {p.id: p.name for p in config.plans}
    plans = sorted(set(report.added) | set(report.removed))
    parts = []
    for plan in plans:
        label = f"{names[plan]}（{plan}）" if plan in names else f"{plan}（已不在配置中）"
        parts.append(f"{label} +{report.added[plan]} −{report.removed[plan]}")
    return "；".join(parts) or "无变化"


def summary(report: RematchReport, config: CoreConfig, dry_run: bool) -> str:
    """The Chinese summary of a rematch."""
    done = "（试运行，未写回）" if dry_run else f"，已写回 {report.written} 条"
    lines = [
        f"检查 {report.checked} 条提及，按当前监测方案重新归类 {report.retagged} 条{done}",
        f"各方案：{changes_zh(report, config)}",
    ]
    if report.gone:
        lines.append(f"{report.gone} 条在本次运行期间已从索引删除（超出保留期），未写回")
    if not dry_run and report.retagged:
        lines.append("看板、检索、事件、报告和规则从现在起按新方案统计；已产生的预警保持不变")
    return "\n".join(lines)


@plans_app.command("rematch", help="按当前监测方案重新匹配已入库的提及（新增或修改方案后运行）")
def rematch(
    since: Annotated[
        datetime | None,
        typer.Option(help="只重新匹配发布时间不早于此时的提及（如 2026-11-01，按配置时区）"),
    ] = None,
    dry_run: DryRunOption = False,
    actor: ActorOption = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Tag the stored mentions with the current plans; write back and log what changed."""
    ctx = Context.load(config, data_dir, existing=True)
    who = actor_name(actor)
    start = as_utc(local_moment(since, ctx.config.tz)) if since else None
    try:
        total = ctx.index.count(SearchQuery(since=start))
        with counted_bar(console, "重新匹配", total) as advance:
            assigned = assigned_plans(ctx.config)
            report = rematch_index(ctx.index, ctx.matcher, assigned, start, dry_run, advance)
        if not dry_run:
            _log(ctx, report, who, start)
    finally:
        ctx.close()
    console.print(summary(report, ctx.config, dry_run))
    for mention_id, reason in list(report.errors.items())[:10]:
        console.print(f"  写回失败 {mention_id}：{reason}")
    if report.errors:
        raise typer.Exit(1)


def _log(ctx: Context, report: RematchReport, actor: str, since: datetime | None) -> None:
    """The audit entry: who, when, the window and per plan what changed."""
    entry = plan_log.PlanMatching(
        kind=plan_log.REMATCH,
        actor=actor,
        at=ctx.clock(),
        fingerprint=plan_log.fingerprint(ctx.config.plans),
        whole=since is None and not report.errors,
        since=since,
        checked=report.checked,
        retagged=report.retagged,
        text=changes_zh(report, ctx.config),
    )
    with ctx.sessions.begin() as session:
        plan_log.record(session, entry)


@plans_app.command("log", help="重新匹配的记录：操作人、时间、范围、各方案增减")
def log(
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """The rematch audit log, newest first."""
    ctx = Context.load(config, data_dir, existing=True)
    out = Console(highlight=False, soft_wrap=True)
    try:
        with ctx.sessions() as session:
            rows = plan_log.entries(session)
            stale = plan_log.is_stale(session, ctx.config.plans)
        tz = ctx.config.tz
        if not rows:
            out.print("尚无记录：还没有入库过提及，也没有运行过 yuqing plans rematch")
        for row in rows:
            at = row.at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
            if row.kind == plan_log.BASELINE:
                out.print(f"{at}  首次入库时的监测方案（基准）")
                continue
            since = row.since.astimezone(tz) if row.since else None
            scope = f"发布于 {since:%Y-%m-%d %H:%M} 之后" if since else "全部"
            out.print(
                f"{at}  {row.actor}  重新匹配{scope}提及：检查 {row.checked} 条，"
                f"重新归类 {row.retagged} 条；{row.text}"
            )
        if stale:
            out.print(f"提醒：{plan_log.STALE_ZH}，运行 yuqing plans rematch")
    finally:
        ctx.close()
