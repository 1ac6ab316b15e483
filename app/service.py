"""The long-running service: APScheduler runs collectors, alert evaluation and housekeeping.

Sources run as interval jobs in the scheduler's thread pool (one instance per source at a
time, missed runs coalesced); each domain adds its own jobs (`Domain.jobs`).
"""

from __future__ import annotations

import functools
import logging
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler

from app.domains import DOMAINS
from app.logformat import log_in_timezone
from collectors.config import SOURCES, WEBHOOK
from collectors.health import cooldown_note
from collectors.runner import run_source
from collectors.webhook import WebhookServer
from core.context import Context
from core.errors import MentionIndexError
from core.leases import LeaseKeeper, share_work

log = logging.getLogger(__name__)
# Full-text pages merged per housekeeping tick (10 min by default): ≈ 0.3 CPU-s at most; an
# index of 1M mentions (≈ 95k pages) that ingest left in segments is merged within ~3 hours.
HOUSEKEEPING_MERGE_PAGES = 5_000


def index_outage_guard(func: Callable[..., Any], name: str) -> Callable[..., Any]:
    """The job, with a search-cluster outage logged as one Chinese line (the job runs again
    at its next tick) instead of the scheduler's English "Job … raised an exception" and a
    traceback every tick."""

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MentionIndexError as exc:
            log.warning("定时任务 %s 本轮未完成，下一轮重试：%s", name, exc)
            return None

    return guarded


class Service:
    """Owns the scheduler; start() schedules everything, stop() waits for running jobs."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        log_in_timezone(ctx.config.tz)  # the log's times as the dashboard shows them
        self.scheduler = BackgroundScheduler(
            timezone=ctx.config.tz,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 60},
        )
        self._stopped = threading.Event()
        self.webhook: WebhookServer | None = None
        self.leases: LeaseKeeper | None = None

    def start(self) -> None:
        """Schedule sources (first run immediately), domain jobs and housekeeping."""
        now = self.ctx.clock()
        for source in SOURCES.of(self.ctx.config):
            if not source.enabled:
                continue
            self.scheduler.add_job(
                self._run_source,
                "interval",
                args=[source.name],
                seconds=max(source.interval.total_seconds(), 1),
                next_run_time=now,
                id=f"source:{source.name}",
                name=f"collect {source.name}",
            )
        for domain in DOMAINS:
            if domain.jobs:
                domain.jobs(self.scheduler, self.ctx)
        self.scheduler.add_job(
            self._housekeeping,
            "interval",
            seconds=self.ctx.config.housekeeping_interval.total_seconds(),
            id="housekeeping",
        )
        for job in self.scheduler.get_jobs():
            self.scheduler.modify_job(job.id, func=index_outage_guard(job.func, job.name))
        self.leases = share_work(self.scheduler, self.ctx)  # N workers share through the DB
        self.scheduler.start()
        if WEBHOOK.of(self.ctx.config).enabled:
            self.webhook = WebhookServer(self.ctx).start()
        log.info("服务已启动，共 %d 个定时任务", len(self.scheduler.get_jobs()))

    def _run_source(self, name: str) -> None:
        source = next(s for s in SOURCES.of(self.ctx.config) if s.name == name)
        run = run_source(self.ctx, source)
        if run.skipped:
            log.info("数据源 %s 处于冷却期，%s，本轮跳过", name, cooldown_note(self.ctx, name))
        elif run.error:
            log.warning("数据源 %s 采集失败：%s", name, run.error)
        elif run.report.new or run.report.updated or run.report.rejected:
            log.info("数据源 %s：%s", name, run.report.summary())
        else:
            log.debug("数据源 %s：没有新内容", name)

    def _housekeeping(self) -> None:
        """Periodic maintenance: make recent index writes visible, checkpoint the WAL, merge
        the embedded index's full-text segments a step further (nothing once merged)."""
        self.ctx.index.refresh()
        self.ctx.index.merge_segments(HOUSEKEEPING_MERGE_PAGES)

    def run_forever(self) -> None:
        """Start and block until Ctrl-C or SIGTERM, then shut down cleanly."""
        # Before start(): a signal while it schedules (seconds on a loaded machine) stops the
        # service once started, instead of a KeyboardInterrupt in the middle of scheduling.
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, self._on_signal)
        self.start()
        while not self._stopped.wait(timeout=1):
            pass
        self.stop()

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        log.info("收到信号 %s，正在停止", signal.Signals(signum).name)
        self._stopped.set()

    def request_stop(self) -> None:
        """Ask run_forever to return."""
        self._stopped.set()

    def stop(self) -> None:
        """Stop scheduling and wait for running jobs."""
        if self.webhook is not None:
            self.webhook.stop()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)
        if self.leases is not None:
            self.leases.release_all()
        log.info("服务已停止")
