"""Index retention: delete mentions older than `index.retention`, daily at 03:30 local time.

Cases keep their own snapshot of linked mentions (case_mentions), and alerts tolerate sample
mentions that are gone, so pruning the index loses no case history.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.context import Context

log = logging.getLogger(__name__)
JOB_ID = "index-retention"


@dataclass(frozen=True)
class Pruned:
    """One retention pass: the cutoff and how many mentions were deleted."""

    cutoff: datetime
    removed: int


def prune(ctx: Context, now: datetime | None = None) -> Pruned | None:
    """Apply index.retention at now (the context clock by default); None when it is unset."""
    keep = ctx.config.index.retention
    if keep is None:
        return None
    cutoff = (now or ctx.clock()) - keep
    removed = ctx.index.prune_before(cutoff)
    log.info("数据保留：已删除 %d 条发布于 %s 之前的提及", removed, cutoff.isoformat())
    return Pruned(cutoff, removed)


def retention_job(ctx: Context) -> None:
    """The scheduled pass; a failure is logged and retried the next day."""
    try:
        prune(ctx)
    except Exception:
        log.exception("索引数据保留清理失败")


def register_jobs(scheduler: Any, ctx: Context) -> None:
    """Schedule the daily pass when index.retention is set."""
    if ctx.config.index.retention is None:
        return
    scheduler.add_job(
        retention_job,
        "cron",
        hour=3,
        minute=30,
        timezone=ctx.config.tz,
        args=[ctx],
        id=JOB_ID,
        replace_existing=True,
        coalesce=True,
        max_instances=1,
    )
