"""Runs one source: resume from its cursor, index each batch, then save cursor and health.

Health rules: a run with failed pages but some data ends DEGRADED (last_error says which
pages); a run that lost something on the way (4xx follow-up pages, skipped items, mentions
the pipeline rejected or kept only in part) ends PARTIAL with the count and the first
reason in losses_last_run / last_loss, never "ok"; a block puts the source in cooldown,
doubled for every further block in a row (capped at MAX_COOLDOWN) so a blocking site is not
hammered.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from collectors.base import DEFAULT_COOLDOWN, Batch, CollectRequest, SourceBlocked, SourceFailed
from collectors.config import SourceConfig
from collectors.registry import collector_class
from collectors.state import SourceState, SourceStatus, state_of
from core.context import Context
from core.errors import ConfigError, MentionIndexError, NotConfigured
from core.pipeline.normalize import MAX_TEXT
from core.pipeline.pipeline import IngestReport

log = logging.getLogger(__name__)

MAX_COOLDOWN = timedelta(hours=24)
# A batch the index could not take is not recorded in the cursor: the next run fetches it again.
INDEX_FAILED = "写入搜索索引失败（数据源本身正常；本批未记入游标，下次运行重新采集）："
DEGRADED_AFTER = 1


@dataclass
class SourceRun:
    """The outcome of one run of one source."""

    source: str
    status: SourceStatus
    report: IngestReport = field(default_factory=IngestReport)
    error: str | None = None
    skipped: bool = False
    warnings: list[str] = field(default_factory=list)
    losses: list[str] = field(default_factory=list)
    pages: int = 0


def load_state(session: Session, source: SourceConfig) -> SourceState:
    """The stored state of a source, created on first use."""
    return state_of(session, source.name, source.type)


def run_source(ctx: Context, source: SourceConfig) -> SourceRun:
    """Collect, index and checkpoint one source; never raises for source-side failures."""
    now = ctx.clock()
    with ctx.sessions.begin() as session:
        state = load_state(session, source)
        cooldown = state.cooldown_until
        if cooldown and cooldown > now:
            return SourceRun(source.name, SourceStatus(state.status), skipped=True)
        cursor = state.cursor
        state.last_run_at = now
    run = SourceRun(source.name, SourceStatus.OK)
    items = 0
    try:
        collector = collector_class(source.type).from_config(source, ctx)
        request = CollectRequest(cursor=cursor, backfill_since=now - source.backfill, now=now)
        for batch in collector.collect(request):
            items += _ingest(ctx, source, run, batch)
    except (ConfigError, NotConfigured) as exc:
        run.status, run.error = SourceStatus.MISCONFIGURED, f"配置错误：{exc}"
    except SourceBlocked as exc:
        run.status, run.error = SourceStatus.BLOCKED, blocked_text(source, exc)
        _finish(ctx, source, run, items, blocked=exc.cooldown or DEFAULT_COOLDOWN)
        return run
    except SourceFailed as exc:
        run.status, run.error = SourceStatus.DEGRADED, str(exc)
    except MentionIndexError as exc:  # the search cluster, not the source: retried next run
        run.status, run.error = SourceStatus.DEGRADED, f"{INDEX_FAILED}{exc}"
    except Exception as exc:  # a broken source must not stop the others
        log.exception("数据源 %s 采集出错", source.name)
        run.status, run.error = SourceStatus.DEGRADED, f"{type(exc).__name__}: {exc}"
    if run.error is None and run.warnings:
        run.status = SourceStatus.DEGRADED
    elif run.error is None and run.losses:
        run.status = SourceStatus.PARTIAL
    _finish(ctx, source, run, items)
    return run


def _ingest(ctx: Context, source: SourceConfig, run: SourceRun, batch: Batch) -> int:
    """Index one batch, then persist its cursor; returns the number of mentions."""
    report = ctx.pipeline.process(batch.mentions)
    run.report.merge(report)
    run.warnings.extend(batch.warnings)
    run.losses.extend(batch.losses)
    run.losses.extend(f"入库被拒 {ref}: {why}" for ref, why in report.rejected)
    run.losses.extend(f"入库时已修正 {ref}: {why}" for ref, why in report.repaired)
    run.losses.extend(
        f"入库时已截断 {ref}: 正文 {length} 字，超过 {MAX_TEXT} 字的部分未保存"
        for ref, length in report.truncated
    )
    run.pages += batch.pages
    _checkpoint(ctx, source, batch.cursor, len(report.new))
    return len(batch.mentions)


def _checkpoint(ctx: Context, source: SourceConfig, cursor: str | None, new_items: int) -> None:
    with ctx.sessions.begin() as session:
        state = load_state(session, source)
        if cursor is not None:
            state.cursor = cursor
        state.items_total = (state.items_total or 0) + new_items


def blocked_text(source: SourceConfig, block: SourceBlocked) -> str:
    """The error of a blocked run: why, and what the operator can do about it."""
    return (
        f"被目标站点拦截：{block}；更新 cookie 或放慢频率（delay/concurrency），"
        f"冷却结束后自动重试，或执行 yuqing sources reset {source.name}"
    )


def blocked_cooldown(base: timedelta, previous_status: str, previous_failures: int) -> timedelta:
    """base, doubled for every block in a row before this one, at most MAX_COOLDOWN."""
    streak = previous_failures if previous_status == SourceStatus.BLOCKED else 0
    return min(base * 2 ** min(streak, 10), MAX_COOLDOWN)


SHOWN_LOSSES = 3  # reasons kept in the health record's loss line


def loss_summary(losses: list[str]) -> str:
    """The health record's loss line: the count and the first SHOWN_LOSSES reasons, numbered,
    so an operator sees what each loss was ("" for none)."""
    if not losses:
        return ""
    listed = "；".join(f"{n}. {why}" for n, why in enumerate(losses[:SHOWN_LOSSES], start=1))
    more = f"；另有 {len(losses) - SHOWN_LOSSES} 处" if len(losses) > SHOWN_LOSSES else ""
    return f"{len(losses)} 处损失：{listed}{more}"


def _record_losses(state: SourceState, losses: list[str], now: datetime) -> None:
    state.losses_last_run = len(losses)
    state.losses_total = (state.losses_total or 0) + len(losses)
    if losses:
        state.last_loss, state.last_loss_at = loss_summary(losses), now


def _finish(
    ctx: Context,
    source: SourceConfig,
    run: SourceRun,
    items: int,
    blocked: timedelta | None = None,
) -> None:
    now = ctx.clock()
    with ctx.sessions.begin() as session:
        state = load_state(session, source)
        previous_status, previous_failures = state.status, state.consecutive_failures or 0
        state.status = run.status
        state.items_last_run = items
        _record_losses(state, run.losses, now)
        if run.error is None:
            state.last_success_at = now
            state.consecutive_failures = 0
            state.last_error = "部分页面失败：" + "；".join(run.warnings) if run.warnings else None
            state.last_error_at = now if run.warnings else state.last_error_at
            state.cooldown_until = None
            return
        state.last_error = run.error
        state.last_error_at = now
        state.consecutive_failures = previous_failures + 1
        cooldown = (
            blocked_cooldown(blocked, previous_status, previous_failures) if blocked else None
        )
        state.cooldown_until = now + cooldown if cooldown else None
