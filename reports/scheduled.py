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
    """Render the last full period into <data_dir>/reports/ and e-mail it when configured."""
    cfg = REPORTS.of(ctx.config)
    window = last_full(period, ctx.clock(), ctx.config.tz)
    try:
        report = generate(ctx, window, plan=cfg.plan)
    except YuqingError as exc:
        log.error("报告 %s %s 生成失败：%s", period, window.label, exc)
        return None
    log.info(
        "报告 %s %s 已写入 %s（%.1f 秒）", period, window.label, report.directory, report.seconds
    )
    if cfg.email_scheduled and cfg.recipients and cfg.smtp.host:
        try:
            sent_to = email_report(ctx, report)
        except YuqingError as exc:
            log.error("报告 %s %s 邮件未发出：%s", period, window.label, exc)
        else:
            log.info("报告 %s 已发送给 %s", period, ", ".join(sent_to))
    elif cfg.recipients:
        log.warning("未设置 reports.smtp.host：%s 报告已保存，未发邮件", period)
    if cfg.notifiers:
        reached = send_brief(ctx, report, cfg.notifiers)
        if reached:
            log.info("报告 %s 简报已发到 %s", period, "、".join(reached))
    return report
