"""Scheduled work for the service: rule ticks, escalation, delivery retries, ingest listener."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from alerting.config import ALERTING
from alerting.engine import AlertEngine
from alerting.rule_health import record, usable_rules
from core.timeutil import interval_zh

if TYPE_CHECKING:
    from core.context import Context

log = logging.getLogger(__name__)

JOB_ID = "alerting-tick"


def register_jobs(scheduler: Any, ctx: Context) -> None:
    """Add the evaluation tick (every alerting.eval_interval) and the urgent-mention listener."""
    config = ALERTING.of(ctx.config)
    if not config.enabled:
        log.info("预警已关闭（alerting.enabled: false）")
        record(ctx, [])  # an earlier start's rule problems are no longer news
        return
    rules, problems = usable_rules(ctx)
    for problem in problems:  # loud, one line each; the other rules run (rule_health)
        log.error("已跳过：%s", problem)
    engine = AlertEngine(ctx, rules)
    ctx.pipeline.add_listener(engine.listen)
    # One job does rule evaluation, auto-resolve, escalation and delivery retries so they
    # never race each other; coalesce keeps a slow tick from piling up.
    scheduler.add_job(
        engine.tick,
        "interval",
        seconds=config.eval_interval.total_seconds(),
        id=JOB_ID,
        replace_existing=True,
        coalesce=True,
        max_instances=1,
    )
    skipped = f"（{len(problems)} 处规则问题已跳过，见上）" if problems else ""
    log.info(
        "预警：%d 条规则，每 %s检查一次%s",
        len(engine.rules),
        interval_zh(config.eval_interval),
        skipped,
    )
    record(ctx, problems)  # 预警中心 shows them until a start without problems
