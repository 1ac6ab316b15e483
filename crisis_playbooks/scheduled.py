"""Scheduled jobs of the case domain: the SLA and overdue-task check."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from crisis_playbooks.config import CASES
from crisis_playbooks.runtime import run_checks

if TYPE_CHECKING:
    from core.context import Context

log = logging.getLogger(__name__)
JOB_ID = "cases-sla-check"


def check_job(ctx: Context) -> None:
    """One pass of SLA and overdue checks at the context's clock; errors are logged, not raised."""
    try:
        summary = run_checks(ctx, now=ctx.clock())
    except Exception:  # a failing pass must not kill the scheduler; the next one retries
        log.exception("案件 SLA 检查出错")
        return
    if summary.sla_notices or summary.overdue_tasks:
        log.info("案件检查：%s", summary)


def register_jobs(scheduler: Any, ctx: Context) -> None:
    """Add the SLA/overdue check to an APScheduler 3 scheduler (every cases.check_interval)."""
    scheduler.add_job(
        check_job,
        "interval",
        seconds=max(1, int(CASES.of(ctx.config).check_interval.total_seconds())),
        args=[ctx],
        id=JOB_ID,
        replace_existing=True,
        max_instances=1,
        coalesce=True,
    )
