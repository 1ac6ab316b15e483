"""The long-running service: APScheduler runs collectors, alert evaluation and housekeeping.

Sources run as interval jobs in the scheduler's thread pool (one instance per source at a
time, missed runs coalesced); domain packages add their own jobs via `register_jobs`.
"""

from __future__ import annotations

import importlib
import logging
import signal
import threading
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler

from collectors.runner import run_source
from collectors.webhook import WebhookServer
from core.context import AppContext

log = logging.getLogger(__name__)

SCHEDULED_MODULES = [
    "core.retention",
    "alerting.scheduled",
    "crisis_playbooks.scheduled",
    "reports.scheduled",
]


class Service:
    """Owns the scheduler; start() schedules everything, stop() waits for running jobs."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.scheduler = BackgroundScheduler(
            timezone=ctx.config.tz,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 60},
        )
        self._stopped = threading.Event()
        self.webhook: WebhookServer | None = None

    def start(self) -> None:
        """Schedule sources (first run immediately), domain jobs and housekeeping."""
        now = self.ctx.clock()
        for source in self.ctx.config.sources:
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
        for module_name in SCHEDULED_MODULES:
            self._register(module_name)
        self.scheduler.add_job(
            self._housekeeping,
            "interval",
            seconds=self.ctx.config.housekeeping_interval.total_seconds(),
            id="housekeeping",
        )
        self.scheduler.start()
        if self.ctx.config.webhook.enabled:
            self.webhook = WebhookServer(self.ctx).start()
        log.info("service started with %d jobs", len(self.scheduler.get_jobs()))

    def _register(self, module_name: str) -> None:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            log.warning("%s not available; its jobs are not scheduled", module_name)
            return
        module.register_jobs(self.scheduler, self.ctx)

    def _run_source(self, name: str) -> None:
        source = next(s for s in self.ctx.config.sources if s.name == name)
        run = run_source(self.ctx, source)
        if run.skipped:
            log.info("source %s cooling down, skipped", name)
        elif run.error:
            log.warning("source %s: %s", name, run.error)
        elif run.report.new or run.report.updated or run.report.rejected:
            log.info("source %s: %s", name, run.report.summary())
        else:
            log.debug("source %s: nothing new", name)

    def _housekeeping(self) -> None:
        """Periodic maintenance: make recent index writes visible, checkpoint the WAL."""
        self.ctx.index.refresh()

    def run_forever(self) -> None:
        """Start and block until Ctrl-C or SIGTERM, then shut down cleanly."""
        self.start()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, self._on_signal)
        while not self._stopped.wait(timeout=1):
            pass
        self.stop()

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        log.info("received %s, stopping", signal.Signals(signum).name)
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
        log.info("service stopped")
