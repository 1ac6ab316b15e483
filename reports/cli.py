"""`yuqing report daily|weekly|monthly`: render a report to HTML + PDF, optionally e-mail it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from core.cli_options import DEFAULT_DATA_DIR, ConfigOption, DataDirOption
from core.context import Context
from core.errors import YuqingError
from reports.brief import send_brief
from reports.config import REPORTS, Period
from reports.period import WindowError, resolve_window
from reports.service import email_report, generate
from reports.store import HTML_NAME, PDF_NAME

report_app = typer.Typer(
    help="舆情报告：日报 / 周报 / 月报（HTML + PDF，可发送邮件）", no_args_is_help=True
)
console = Console()

FromOption = Annotated[
    str | None, typer.Option("--from", help="第一天（YYYY-MM-DD）；默认上一个完整周期")
]
ToOption = Annotated[str | None, typer.Option("--to", help="最后一天，含当天（YYYY-MM-DD）")]
PlanOption = Annotated[str | None, typer.Option("--plan", help="只统计该监测方案（方案 id）")]
OutOption = Annotated[
    Path | None, typer.Option("--out", help="输出目录；默认 <data-dir>/reports/<period>-<date>/")
]
EmailOption = Annotated[bool, typer.Option("--email", help="发送给 reports.recipients")]
NotifyOption = Annotated[
    bool,
    typer.Option("--notify", help="把简报发到 reports.notifiers 里的群（钉钉、企业微信、飞书…）"),
]
NowOption = Annotated[
    str | None, typer.Option("--now", help="固定当前时间（ISO 8601，如 2026-11-23T09:00）")
]


class ReportCommandError(YuqingError):
    """A command-line value is invalid; the message names the option."""


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ReportCommandError(
            f"{option} {value!r}：日期请写成 YYYY-MM-DD，如 2026-11-16"
        ) from None


def _clock_at(value: str, ctx: Context) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ReportCommandError(
            f"--now {value!r}：时间请写成 ISO 8601，如 2026-11-23T09:00"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=ctx.config.tz)


def run_report(
    period: Period,
    *,
    first: str | None,
    last: str | None,
    plan: str | None,
    out: Path | None,
    email: bool,
    notify: bool,
    config: Path | None,
    data_dir: Path,
    now: str | None,
) -> None:
    """Shared body of the daily/weekly/monthly commands."""
    ctx = Context.load(config, data_dir, existing=True)
    try:
        if now:
            fixed = _clock_at(now, ctx)
            ctx.clock = lambda: fixed
        cfg = REPORTS.of(ctx.config)
        plan = plan or cfg.plan
        audience = cfg.audience(plan)
        targets = audience.notifiers
        if notify and not targets:
            raise ReportCommandError(
                "reports.notifiers 为空：写上要收简报的通知渠道名（alerting.notifiers 的 name）"
            )
        try:
            window = resolve_window(
                period, _day(first, "--from"), _day(last, "--to"), ctx.clock(), ctx.config.tz
            )
        except WindowError as exc:
            raise ReportCommandError(str(exc)) from None
        report = generate(ctx, window, plan=plan, out_dir=out)
        console.print(f"{window.title_zh} {window.label}：{report.data.headline.mentions} 条提及")
        console.print(f"  {report.directory / HTML_NAME}")
        console.print(f"  {report.directory / PDF_NAME}")
        console.print(f"  用时 {report.seconds:.1f} 秒", style="dim")
        if email:
            sent_to = email_report(ctx, report, audience.recipients)
            console.print(f"  已发送至 {', '.join(sent_to)}")
        if notify:
            reached = send_brief(ctx, report, targets)
            missed = [t for t in targets if t not in reached]
            if reached:
                console.print(f"  简报已发到 {'、'.join(reached)}")
            if missed:
                console.print(
                    f"  简报未能发到 {'、'.join(missed)}（稍后自动重试，见 预警中心 的发送记录）"
                )
    finally:
        ctx.close()


@report_app.command(help="周报（或 --period daily|monthly）：默认为上一个完整的周一至周日")
def weekly(
    first: FromOption = None,
    last: ToOption = None,
    plan: PlanOption = None,
    period: Annotated[
        Period, typer.Option("--period", help="周期：daily 日报 / weekly 周报 / monthly 月报")
    ] = Period.WEEKLY,
    out: OutOption = None,
    email: EmailOption = False,
    notify: NotifyOption = False,
    config: ConfigOption = None,
    data_dir: DataDirOption = DEFAULT_DATA_DIR,
    now: NowOption = None,
) -> None:
    """周报 (or --period daily|monthly): the last full Monday–Sunday week by default."""
    run_report(
        period,
        first=first,
        last=last,
        plan=plan,
        out=out,
        email=email,
        notify=notify,
        config=config,
        data_dir=data_dir,
        now=now,
    )


def _fixed_period_command(period: Period, doc: str) -> Callable[..., None]:
    """A report command for one period; daily and monthly differ only in period and help."""

    def command(
        first: FromOption = None,
        last: ToOption = None,
        plan: PlanOption = None,
        out: OutOption = None,
        email: EmailOption = False,
        notify: NotifyOption = False,
        config: ConfigOption = None,
        data_dir: DataDirOption = DEFAULT_DATA_DIR,
        now: NowOption = None,
    ) -> None:
        run_report(
            period,
            first=first,
            last=last,
            plan=plan,
            out=out,
            email=email,
            notify=notify,
            config=config,
            data_dir=data_dir,
            now=now,
        )

    command.__doc__ = doc
    return command


daily = report_app.command("daily", help="日报：默认为昨天")(
    _fixed_period_command(Period.DAILY, "日报：默认为昨天")
)
monthly = report_app.command("monthly", help="月报：默认为上一个完整自然月")(
    _fixed_period_command(Period.MONTHLY, "月报：默认为上一个完整自然月")
)
