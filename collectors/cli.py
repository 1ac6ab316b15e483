"""`yuqing sources …`: the health table, one run now, reset a source, and the intake webhook."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from collectors.config import SOURCES, SourceConfig
from collectors.health import SourceHealth, cooldown_note, read_health
from collectors.ingest_log import recent_runs, summary_zh
from collectors.lag import SourceLag, read_lags
from collectors.status import SOURCE_STATUS_ZH, SourceStatus
from core.cli_options import DEFAULT_DATA_DIR, ConfigOption, DataDirOption
from core.context import Context
from core.errors import ConfigError, YuqingError
from core.lease_view import SOURCE_PREFIX, read_leases, short_worker

console = Console()
sources_app = typer.Typer(
    help="数据源：健康状态、立即采集、重置游标、Webhook 接入", no_args_is_help=True
)

SHOWN_RUNS = 5  # the latest `yuqing ingest` runs listed under the table (50 on 数据源状态)
STATUS_STYLES = {
    SourceStatus.OK: "green",
    SourceStatus.PARTIAL: "yellow",
    SourceStatus.PENDING: "dim",
    SourceStatus.DEGRADED: "yellow",
    SourceStatus.BLOCKED: "red",
    SourceStatus.MISCONFIGURED: "bold red",
}


def _source(ctx: Context, name: str) -> SourceConfig:
    found = next((s for s in SOURCES.of(ctx.config) if s.name == name), None)
    if found is None:
        known = ", ".join(s.name for s in SOURCES.of(ctx.config)) or "无"
        raise ConfigError(f"sources：没有名为 {name!r} 的数据源（已配置：{known}）")
    return found


def _when(moment: datetime | None, ctx: Context) -> str:
    return moment.astimezone(ctx.config.tz).strftime("%m-%d %H:%M") if moment else "—"


def losses_cell(state: SourceHealth | None) -> str:
    """Losses of the last run and in total, "本次/累计" (e.g. "2/5")."""
    return f"{state.losses_last_run or 0}/{state.losses_total or 0}" if state else "0/0"


def problem_cell(state: SourceHealth | None) -> str:
    """The last error, else the last run's losses (count and first reason)."""
    if state is None:
        return ""
    if state.last_error:
        return escape(state.last_error)  # "sources[name]" is not Rich markup
    return escape(state.last_loss or "") if state.losses_last_run else ""


def lag_lines(lags: Mapping[str, SourceLag], configured: Sequence[str]) -> list[str]:
    """A line per source that ingested anything, the configured ones first in their order:
    weibo-search：采集延迟 中位 8 分钟 / 90% 13 分钟内（最近 200 条）."""
    order = [*(n for n in configured if n in lags), *sorted(set(lags) - set(configured))]
    return [f"{name}：{lags[name].text_zh()}" for name in order]


@sources_app.command("list", help="数据源列表：健康状态、最近采集、丢失计数、采集延迟")
def list_sources(config: ConfigOption = None, data_dir: DataDirOption = DEFAULT_DATA_DIR) -> None:
    """Health of every configured source (状态、上次成功、条数、冷却、最近错误)."""
    ctx = Context.load(config, data_dir, existing=True)
    states = read_health(ctx)  # stdlib sqlite3 on the embedded store: no ORM to import
    leases = read_leases(ctx)
    table = Table()
    table.add_column("数据源", no_wrap=True)
    table.add_column("类型")
    table.add_column("状态")
    # host:pid whole however narrow the terminal (the other columns wrap); full names below.
    shown = [short_worker(w) for w in leases.sources.values()]
    table.add_column("采集进程", no_wrap=True, min_width=max([8, *map(len, shown)]))
    for header in ("上次成功", "本次", "累计", "损失", "冷却至", "最近错误/损失"):
        table.add_column(header)
    for source in SOURCES.of(ctx.config):
        state = states.get(source.name)
        status = state.status if state else SourceStatus.PENDING
        label = SOURCE_STATUS_ZH[status] + ("" if source.enabled else " (停用)")
        table.add_row(
            source.name,
            source.type,
            f"[{STATUS_STYLES[status]}]{label}[/]",
            short_worker(leases.sources.get(source.name, "—")),  # host:pid; in full below
            _when(state.last_success_at if state else None, ctx),
            str(state.items_last_run if state else 0),
            str(state.items_total if state else 0),
            losses_cell(state),
            _when(state.cooldown_until if state else None, ctx),
            problem_cell(state),
        )
    runs = recent_runs(ctx, limit=SHOWN_RUNS)
    if SOURCES.of(ctx.config) or not runs:
        console.print(table)
    else:
        console.print(
            "没有配置采集数据源（yuqing.yaml 的 sources:）：现有提及来自 yuqing ingest 导入的文件"
        )
    for run in runs:
        when = _when(run.started_at, ctx)
        console.print(f"文件导入 {run.file}（{when}）{summary_zh(run)}", markup=False)
    for line in lag_lines(read_lags(ctx), [s.name for s in SOURCES.of(ctx.config)]):
        console.print(line, markup=False)
    console.print(leases.summary(), markup=False)
    ctx.close()


@sources_app.command("run", help="立即运行一个数据源（遵守冷却时间；要强制先 reset）")
def run_now(
    name: Annotated[str, typer.Argument(help="yuqing.yaml 中的数据源名称")],
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
    force: Annotated[
        bool, typer.Option("--force", help="即使有工作进程正负责该数据源也立即运行")
    ] = False,
) -> None:
    """Run one source now (honours its cooldown; `reset` first to force)."""
    from collectors.runner import loss_summary, run_source  # spiders load only to run one
    from core.leases import LeaseTaken, holding  # SQLAlchemy: not for `sources list`

    ctx = Context.load(config, data_dir)
    source = _source(ctx, name)
    # Held while it runs, so no worker starts it meanwhile (--force: whoever holds it).
    lease = nullcontext() if force else holding(ctx.sessions, SOURCE_PREFIX + name)
    try:
        with lease:
            run = run_source(ctx, source)
    except LeaseTaken as taken:
        ctx.close()
        raise YuqingError(
            f"数据源 {name} 正由工作进程 {short_worker(taken.holder)} 负责采集"
            "（yuqing run 按它的 interval 自动运行）：此时手动运行会与它同时抓取同一来源。"
            "等它按计划运行，或加 --force 仍然立即运行"
        ) from None
    note = cooldown_note(ctx, name) if run.skipped else ""
    ctx.close()
    if run.skipped:
        console.print(f"{name}：{note}，本次跳过（要立即重试，先运行 yuqing sources reset {name}）")
        raise typer.Exit(1)
    console.print(
        f"{name}: {SOURCE_STATUS_ZH[run.status]} — {run.report.summary()}，{run.pages} 页"
    )
    for warning in run.warnings:
        console.print(f"  [yellow]{escape(warning)}[/]")
    if run.losses:
        console.print(f"  [yellow]{escape(loss_summary(run.losses))}[/]")
    if run.error:
        console.print(f"  [red]{escape(run.error)}[/]")
        raise typer.Exit(1)


@sources_app.command("reset", help="清除数据源的游标与冷却：下次运行重新回填")
def reset(
    name: Annotated[str, typer.Argument(help="yuqing.yaml 中的数据源名称")],
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
) -> None:
    """Forget a source's cursor and cooldown: the next run back-fills again."""
    from collectors.runner import load_state

    ctx = Context.load(config, data_dir)
    with ctx.sessions.begin() as session:
        state = load_state(session, _source(ctx, name))
        state.cursor, state.cooldown_until = None, None
        state.consecutive_failures, state.status = 0, SourceStatus.PENDING
    ctx.close()
    console.print(f"{name}: 已重置游标和冷却")


@sources_app.command(
    "webhook", help="在前台运行接收 webhook（webhook.enabled 时 yuqing run 会自动启动）"
)
def webhook(
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
    port: Annotated[int | None, typer.Option(help="端口（默认取配置 webhook.port）")] = None,
) -> None:
    """Serve the intake webhook in the foreground (`yuqing run` starts it when webhook.enabled)."""
    from collectors.webhook import WebhookServer  # the web stack loads only to serve

    ctx = Context.load(config, data_dir)
    server = WebhookServer(ctx, port=port).start()
    console.print(f"Webhook 接收地址：POST {server.url}（请求头 X-Yuqing-Secret）；Ctrl-C 退出")
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        ctx.close()
