"""Scheduled reports: cron jobs (weekly by default, Monday 09:00 local) that render and e-mail."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from apscheduler.triggers.cron import CronTrigger

from core.errors import YuqingError
from reports.brief import send_brief
from reports.config import REPORTS, Period
from reports.period import last_full
from reports.service import GeneratedReport, email_report, generate

if TYPE_CHECKING:
    from core.context import Context

log = logging.getLogger(__name__)
MISFIRE_GRACE_SECONDS = 6 * 3600


def job_id(period: Period) -> str:
    """The scheduler id of a period's job."""
    return f"reports:{period}"


def register_jobs(scheduler: Any, ctx: Context) -> None:
    """Add one cron job per scheduled period (reports.weekly/daily/monthly crontabs)."""
    cfg = REPORTS.of(ctx.config)
    if not cfg.enabled:
        log.info("报告已关闭（reports.enabled: false），不安排定时报告")
        return
    for period in Period:
        crontab = cfg.schedule(period)
        if crontab is None:
            continue
        scheduler.add_job(
            run_scheduled_report,
            CronTrigger.from_crontab(crontab, timezone=ctx.config.tz),
            args=[ctx, period],
            id=job_id(period),
            name=f"report {period}",
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=MISFIRE_GRACE_SECONDS,
        )
        log.info("报告 %s 已安排（%s，%s）", period, crontab, ctx.config.timezone)


def run_scheduled_report(ctx: Context, period: Period) -> GeneratedReport | None:
    """Render the last full period into <data_dir>/reports/, e-mail it and send its brief when
    configured; then the same for each reports.per_plan entry. Returns the first report."""
    cfg = REPORTS.of(ctx.config)
    first = _deliver(ctx, period, cfg.plan)
    for entry in cfg.per_plan:
        _deliver(ctx, period, entry.plan)
    return first


def _deliver(ctx: Context, period: Period, plan: str | None) -> GeneratedReport | None:
    """One scheduled report: render, mail to its recipients, brief to its chat groups."""
    cfg = REPORTS.of(ctx.config)
    audience = cfg.audience(plan)
    window = last_full(period, ctx.clock(), ctx.config.tz)
    what = f"{period} {window.label}" + (f"（监测方案 {plan}）" if plan else "")
    try:
        report = generate(ctx, window, plan=plan)
    except YuqingError as exc:
        log.error("报告 %s 生成失败：%s", what, exc)
        return None
    log.info("报告 %s 已写入 %s（%.1f 秒）", what, report.directory, report.seconds)
    if cfg.email_scheduled and audience.recipients and cfg.smtp.host:
        try:
            sent_to = email_report(ctx, report, audience.recipients)
        except YuqingError as exc:
            log.error("报告 %s 邮件未发出：%s", what, exc)
        else:
            log.info("报告 %s 已发送给 %s", what, ", ".join(sent_to))
    elif audience.recipients and cfg.email_scheduled:
        log.warning("未设置 reports.smtp.host：报告 %s 已保存，未发邮件", what)
    if audience.notifiers:
        reached = send_brief(ctx, report, audience.notifiers)
        if reached:
            log.info("报告 %s 简报已发到 %s", what, "、".join(reached))
    return report
