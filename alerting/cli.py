"""`yuqing alerts list|ack|resolve|rules` and `yuqing replay STREAM --alerts-out FILE`."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Column, Table

from alerting import rule_names, service
from alerting.auto_delay import auto_delay, rule_lag
from alerting.config import ALERTING
from alerting.enums import ALERT_STATUS_ZH, AlertStatus
from alerting.loader import collect_rules, load_rule_files
from alerting.plan_scope import alerts_of_plan
from collectors.lag import SourceLag, minutes_zh, read_lags
from core.cli_options import ConfigOption, actor_name
from core.config import DatabaseConfig, IndexConfig
from core.context import Context
from core.enums import SEVERITY_LABELS_ZH, LabelChoice, Severity
from core.errors import YuqingError
from core.escaping import console_text
from core.intake import read_records
from core.timeutil import SimulatedClock, interval_zh, local_minute, parse_duration, zone_zh

if TYPE_CHECKING:
    from alerting.replay import ReplaySummary
    from alerting.rules import Rule

alerts_app = typer.Typer(help="预警：查看、确认、解决，校验规则文件。", no_args_is_help=True)
console = Console()

DataDirOption = Annotated[
    Path | None, typer.Option("--data-dir", envvar="YUQING_DATA_DIR", help="数据目录 (默认 ./var)")
]
# --actor as in every other command; --by is its earlier name.
ByOption = Annotated[str | None, typer.Option("--actor", "--by", help="操作人（默认当前系统用户）")]


def _fail(exc: Exception) -> typer.Exit:
    console.print(f"[red]错误：[/red]{exc}")
    return typer.Exit(2)


# --status: an alert status, or a group of them; by code or by the name the table shows.
ACTIVE, ALL = "active", "all"
STATUS_GROUPS: dict[str, list[AlertStatus] | None] = {
    **{status.value: [status] for status in AlertStatus},
    ACTIVE: [AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED],
    ALL: None,
}
STATUS_CHOICE = LabelChoice(
    {
        **{status.value: ALERT_STATUS_ZH[status] for status in AlertStatus},
        ACTIVE: "未解决",
        ALL: "全部",
    },
    aliases={"未处理": AlertStatus.OPEN.value},  # the option's earlier help text
)


@alerts_app.command("list", help="列出预警（默认：待处理和已确认的）")
def list_alerts(
    config: ConfigOption = None,
    data_dir: DataDirOption = None,
    status: Annotated[
        str,
        typer.Option(
            parser=STATUS_CHOICE,
            help="状态（写代码或中文均可）：open 待处理 / acknowledged 已确认 / resolved 已解决 / "
            "active 未解决（前两者）/ all 全部",
        ),
    ] = ACTIVE,
    plan: Annotated[
        str | None, typer.Option("--plan", help="只列该监测方案的预警（方案 id 或名称）")
    ] = None,
) -> None:
    """List alerts (default: open and acknowledged)."""
    wanted = STATUS_GROUPS[status]
    ctx = Context.load(config, data_dir, existing=True)
    chosen = ctx.config.plan_named(plan) if plan else None
    if plan and chosen is None and ctx.config.plans:
        ctx.close()
        raise typer.BadParameter(ctx.config.unknown_plan_zh(plan), param_hint="'--plan'")
    with ctx.sessions() as session:
        alerts = service.get_all(session, status=wanted)
    if plan:
        ours = alerts_of_plan(ctx.index, chosen.id if chosen else plan, alerts)
        alerts = [a for a in alerts if a.id in ours]
    titles = rule_names.rule_titles(ctx) if alerts else {}
    # The title and the rule wrap in a narrow terminal instead of ending in …
    title, rule = Column("标题", overflow="fold"), Column("规则", overflow="fold")
    table = Table("#", "级别", "状态", title, "数量", "基线", "开始", rule)
    for alert in alerts:
        baseline = "—" if alert.baseline is None else f"{alert.baseline:.1f}"
        table.add_row(
            str(alert.id),
            SEVERITY_LABELS_ZH[Severity(alert.severity)],
            "误报" if alert.false_alarm else ALERT_STATUS_ZH[AlertStatus(alert.status)],
            console_text(alert.title),  # event_growth titles quote posts
            str(alert.count),
            baseline,
            f"{alert.started_at.astimezone(ctx.config.tz):%m-%d %H:%M}",
            rule_names.rule_zh(alert.rule, alert.rule_type, titles),
        )
    console.print(table if alerts else "没有预警。")


@alerts_app.command("ack", help="确认预警（停止升级通知）")
def ack(
    alert_id: Annotated[int, typer.Argument(help="预警 id")],
    by: ByOption = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Acknowledge an alert (stops escalation)."""
    ctx = Context.load(config, data_dir, existing=True)
    try:
        with ctx.sessions() as session:
            alert = service.acknowledge(
                session, alert_id=alert_id, by=actor_name(by), at=datetime.now(UTC)
            )
    except YuqingError as exc:
        raise _fail(exc) from None
    console.print(f"预警 #{alert.id} {ALERT_STATUS_ZH[AlertStatus(alert.status)]}")


@alerts_app.command("resolve", help="解决预警（加 --false-alarm：把其预警组标为误报）")
def resolve(
    alert_id: Annotated[int, typer.Argument(help="预警 id")],
    by: ByOption = None,
    false_alarm: Annotated[
        bool, typer.Option("--false-alarm", help="误报：结束整个预警组并保持静默")
    ] = False,
    config: ConfigOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Resolve an alert (with --false-alarm: mark its incident 误报)."""
    ctx = Context.load(config, data_dir, existing=True)
    try:
        with ctx.sessions() as session:
            alert = service.resolve(
                session,
                alert_id=alert_id,
                by=actor_name(by),
                at=datetime.now(UTC),
                false_alarm=false_alarm,
            )
    except YuqingError as exc:
        raise _fail(exc) from None
    status = "误报" if alert.false_alarm else ALERT_STATUS_ZH[AlertStatus(alert.status)]
    console.print(f"预警 #{alert.id} {status}")


@alerts_app.command("rules", help="校验并列出规则文件（内置与 alerting.rules_dir，或指定的文件）")
def rules(
    config: ConfigOption = None,
    files: Annotated[list[Path] | None, typer.Argument(help="只校验这些规则文件")] = None,
) -> None:
    """Validate and list the rule files (built-ins and alerting.rules_dir, or the given files);
    the valid ones are listed even when others are refused."""
    lags: dict[str, SourceLag] = {}  # the store's collection lags, for `delay: auto`
    try:
        if files:
            loaded, problems = load_rule_files(list(files))
        else:
            ctx = Context.load(config, None)
            config_dir = ctx.config_path.parent if ctx.config_path else None
            loaded, problems = collect_rules(ALERTING.of(ctx.config), config_dir)
            lags = read_lags(ctx)
    except YuqingError as exc:
        raise _fail(exc) from None
    off = [rule for rule in loaded if not rule.spec.enabled]
    table = Table()
    # The name whole (it is what other rules and `yuqing replay` name); the rest wraps.
    table.add_column("规则", no_wrap=True)
    for column in ("类型", "级别", *(["状态"] if off else []), "来源", "说明"):
        table.add_column(column, overflow="fold")
    for rule in loaded:
        table.add_row(
            rule.name,
            rule.type_label_zh,
            SEVERITY_LABELS_ZH[rule.spec.severity],
            *((["启用" if rule.spec.enabled else "已停用"]) if off else []),
            rule.source,
            rule_note(rule, lags),
        )
    if loaded or not problems:
        stopped = f"，{len(off)} 条已停用（enabled: false）" if off else ""
        console.print(table)
        console.print(f"{len(loaded) - len(off)} 条规则有效{stopped}。")
    if problems:
        console.print(
            f"[red]错误：[/red]{len(problems)} 处问题，这些规则文件没有加载"
            "（yuqing run 启动时跳过它们，其余规则照常运行）：",
            soft_wrap=True,
        )
        for line in problems:
            console.print(f"  - {line}", soft_wrap=True)
        raise typer.Exit(2)


def rule_note(rule: Rule, lags: Mapping[str, SourceLag] | None = None) -> str:
    """The listing's 说明: the title, when an open alert is told again (持续扩大: growth_realert
    with realert), the quiet hours and a window rule's delay when the rule has them (auto:
    what it is now, from the store's collection lags)."""
    spec, quiet = rule.spec, rule.spec.quiet_hours
    growth = spec.growth_realert.label(spec.realert)
    parts = (spec.title or "", growth, quiet.label() if quiet else "", delay_note(rule, lags))
    return "；".join(p for p in parts if p)


def delay_note(rule: Rule, lags: Mapping[str, SourceLag] | None) -> str:
    """窗口截至 15 分钟前（采集延迟）, 窗口截至采集延迟之前：自动（当前 13 分钟）, or '' (none)."""
    setting = rule.delay
    if isinstance(setting, timedelta):
        return f"窗口截至 {interval_zh(setting)}前（采集延迟）" if setting else ""
    now = minutes_zh(auto_delay(rule, lags or {}).total_seconds())
    unknown = "" if rule_lag(rule, lags or {}) is not None else "，尚无足够的采集记录"
    return f"窗口截至采集延迟之前：自动（当前 {now}{unknown}）"


def replay(
    stream: Annotated[Path, typer.Argument(help="JSONL 文件，每行一条文档化的 Mention JSON")],
    alerts_out: Annotated[Path, typer.Option("--alerts-out", help="触发的预警写入此 JSONL 文件")],
    config: ConfigOption = None,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir", envvar="YUQING_DATA_DIR", help="数据目录；不指定则用一次性临时目录"
        ),
    ] = None,
    notify: Annotated[bool, typer.Option("--notify/--no-notify", help="是否真的发送通知")] = False,
    tail: Annotated[str, typer.Option(help="最后一条之后继续模拟的时长")] = "10m",
) -> None:
    """Replay a stream on a simulated clock through pipeline and rules; write fired alerts."""
    from alerting.replay import replay_stream, timeline_zh

    try:
        records = list(read_records(stream))
    except YuqingError as exc:
        raise _fail(exc) from None
    mentions = [r.mention for r in records if r.mention is not None]
    bad = [(r.ref, r.error) for r in records if r.mention is None]
    start = min((m.published_at for m in mentions), default=datetime.now(UTC))
    scratch = None if data_dir else Path(tempfile.mkdtemp(prefix="yuqing-replay-"))
    try:
        ctx = Context.load(
            config, data_dir or scratch, clock=SimulatedClock(start - timedelta(seconds=1))
        )
        if scratch is not None:  # a throw-away replay never writes into configured servers
            ctx.config.index, ctx.config.database = IndexConfig(), DatabaseConfig()
        alerts_out.parent.mkdir(parents=True, exist_ok=True)
        with alerts_out.open("w", encoding="utf-8") as out:
            summary = replay_stream(ctx, mentions, out, send=notify, tail=parse_duration(tail))
        ctx.close()
    except YuqingError as exc:
        raise _fail(exc) from None
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    for ref, error in [*bad, *summary.rejected]:
        console.print(f"[yellow]跳过[/yellow] {console_text(ref)}: {console_text(error)}")
    console.print(
        f"回放 {summary.mentions} 条，评估 {summary.ticks} 次，"
        f"触发预警 {summary.fired} 条 → {alerts_out}"
    )
    for line in timeline_zh(summary):
        console.print(line, markup=False, soft_wrap=True)
    _print_tallies(summary, ctx.config.tz, alerts_out)


SHOWN_ALERTS = 30


def _print_tallies(summary: ReplaySummary, tz: tzinfo, alerts_out: Path) -> None:
    """Per rule: new alerts, 持续扩大 messages (扩大), how many would notify, first and last,
    and whether it never fired or fires too often (every loaded rule, in load order); then
    the first alerts, each with its time, rule, reason and top post."""
    from alerting.replay import NEVER, NOISY, NOISY_PER_DAY, per_day, verdict

    if summary.start is None or summary.end is None:
        return
    span = f"{local_minute(summary.start, tz)} – {local_minute(summary.end, tz)}"
    table = Table(title=f"各规则回放结果（{span}，{zone_zh(tz)}）")
    table.add_column("规则", no_wrap=True)
    for column in ("新预警", "扩大", "通知"):
        table.add_column(column, no_wrap=True, justify="right")
    table.add_column("首次 – 最近", overflow="fold")  # wraps first, so 80 columns cut nothing
    table.add_column("判断", no_wrap=True)
    verdicts = {name: verdict(tally, summary) for name, tally in summary.rules.items()}
    for name, tally in summary.rules.items():
        first = local_minute(tally.first, tz, year=False) if tally.first else "—"
        last = local_minute(tally.last, tz, year=False) if tally.last else "—"
        table.add_row(
            # What people call the rule (its title), and under it the name its file gives it
            # (`alerts rules`, rules_dir): the list printed negative-spike, urgent-mention.
            name if tally.title == name else f"{tally.title}\n{name}",
            str(tally.opened),
            str(tally.realerted),
            str(tally.notified),
            first if first == last else f"{first} – {last}",
            verdicts[name] or "—",
        )
    console.print(table)
    named = {n: n if t.title == n else f"{t.title}（{n}）" for n, t in summary.rules.items()}
    never = [named[name] for name, said in verdicts.items() if said == NEVER]
    noisy = [
        f"{named[name]}（每天 {per_day(summary.rules[name], summary):.1f} 条）"
        for name, said in verdicts.items()
        if said == NOISY
    ]
    if never:
        console.print(
            f"{NEVER}（阈值可能过高，或过滤条件过窄）：{'、'.join(never)}",
            markup=False,
            soft_wrap=True,
        )
    if noisy:
        console.print(
            f"{NOISY}（平均每天超过 {NOISY_PER_DAY} 条新预警，值班的人会麻木；"
            f"考虑提高阈值、收窄过滤条件或加长 realert）：{'、'.join(noisy)}",
            markup=False,
            soft_wrap=True,
        )
    if not summary.lines:
        return
    more = len(summary.lines) - SHOWN_ALERTS
    head = f"预警明细（前 {SHOWN_ALERTS} 条，全部见 {alerts_out}）" if more > 0 else "预警明细"
    console.print(f"{head}：", markup=False, soft_wrap=True)
    for line in summary.lines[:SHOWN_ALERTS]:
        told = "会通知" if line.notified else "不单独通知（并入预警组）"
        if line.held:
            told = f"会通知（{line.held}，与其他消息汇总）"
        when = local_minute(line.at, tz, year=False)
        console.print(
            f"{when} {line.rule} {line.event}·{told}：{line.summary}",
            markup=False,
            soft_wrap=True,
        )
        if line.sample:
            console.print(f"    {line.sample}", markup=False, soft_wrap=True)
