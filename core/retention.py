"""Index retention: delete mentions older than `index.retention`, daily at 03:30 local time.

Near-duplicate groups first seen before the cutoff are forgotten too (near_groups and their
near_bands rows), so the band table does not grow forever. Cases keep their own snapshot of
linked mentions (case_mentions), and alerts tolerate sample mentions that are gone, so pruning
the index loses no case history.
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
    """One retention pass: the cutoff, how many mentions were deleted, and how many
    near-duplicate groups (with their band keys) first seen before the cutoff were forgotten."""

    cutoff: datetime
    removed: int
    near_groups: int = 0
    near_bands: int = 0


def prune(ctx: Context, now: datetime | None = None) -> Pruned | None:
    """Apply index.retention at now (the context clock by default); None when it is unset."""
    keep = ctx.config.index.retention
    if keep is None:
        return None
    cutoff = (now or ctx.clock()) - keep
    removed = ctx.index.prune_before(cutoff)
    log.info("数据保留：已删除 %d 条发布于 %s 之前的提及", removed, cutoff.isoformat())
    from core.pipeline.neardup import prune_groups_before  # numpy: only when the pass runs

    with ctx.sessions.begin() as session:
        groups, bands = prune_groups_before(session, cutoff)
    log.info(
        "数据保留：已清理 %d 个首次出现于 %s 之前的近似重复组（%d 条分段索引）",
        groups,
        cutoff.isoformat(),
        bands,
    )
    return Pruned(cutoff, removed, groups, bands)


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
