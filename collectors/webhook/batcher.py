"""One writer thread that runs webhook requests through the pipeline in small groups.

Concurrent requests are merged into one pipeline run (one index commit), then each request
gets back only its own share of the result. Requests wait at most until the next run ends.
"""

from __future__ import annotations

import logging
import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from collectors.state import SourceStatus, state_of
from collectors.webhook.records import Intake
from core.pipeline.pipeline import IngestReport

if TYPE_CHECKING:
    from core.context import Context

log = logging.getLogger(__name__)

STATE_NAME = "webhook"  # its row in source_state (the webhook is not a configured source)
MAX_GROUP = 500  # mentions per pipeline run
_REF_SEP = "\x1f"


@dataclass
class Share:
    """What the pipeline did with one request's records."""

    accepted: int = 0
    new: int = 0
    duplicates: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)
    results: list[dict[str, str]] = field(default_factory=list)
    truncated: list[dict[str, Any]] = field(default_factory=list)

    def answer(self, detailed: bool = False) -> dict[str, Any]:
        """The JSON answer of the request."""
        data: dict[str, Any] = {
            "accepted": self.accepted,
            "new": self.new,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
        }
        if self.truncated:  # texts over the length limit were cut, not refused
            data["truncated"] = self.truncated
        if detailed:
            data["results"] = self.results
        return data


@dataclass
class _Job:
    intake: Intake
    future: Future[Share]


class Overloaded(RuntimeError):
    """More mentions are waiting than the writer may queue; the client should retry later."""


class IntakeBatcher:
    """The single writer: queue of request intakes, drained by one daemon thread."""

    def __init__(self, ctx: Context, max_pending: int = 20_000) -> None:
        self.ctx = ctx
        self.max_pending = max_pending
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._pending = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="yuqing-webhook-writer", daemon=True)

    @property
    def pending(self) -> int:
        """Mentions waiting for the writer."""
        return self._pending

    @property
    def alive(self) -> bool:
        """True while the writer thread runs."""
        return self._thread.is_alive()

    def start(self) -> None:
        """Start the writer thread."""
        self._thread.start()

    def stop(self) -> None:
        """Let the writer finish what is queued, then end it."""
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join(timeout=30)

    def submit(self, intake: Intake) -> Future[Share]:
        """Queue one request's records; raises Overloaded when too much is waiting."""
        with self._lock:
            if self._pending + len(intake.mentions) > self.max_pending and self._pending:
                raise Overloaded(f"{self._pending} 条提及等待写入")
            self._pending += len(intake.mentions)
        job = _Job(intake, Future())
        self._jobs.put(job)
        return job.future

    def _run(self) -> None:
        while True:
            first = self._jobs.get()
            if first is None:
                return
            group, size = [first], len(first.intake.mentions)
            while size < MAX_GROUP:
                try:
                    job = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if job is None:
                    self._jobs.put(None)
                    break
                group.append(job)
                size += len(job.intake.mentions)
            self._process(group)
            with self._lock:
                self._pending -= size

    def _process(self, group: list[_Job]) -> None:
        mentions = [m for job in group for m in job.intake.mentions]
        refs = [f"{n}{_REF_SEP}{ref}" for n, job in enumerate(group) for ref in job.intake.refs]
        try:
            report = self.ctx.pipeline.process(mentions, refs) if mentions else IngestReport()
        except Exception as exc:  # the clients hear about it (500) and the health row shows it
            log.exception("Webhook 批次入库失败（%d 条提及）", len(mentions))
            self._record_failure(f"入库失败：{type(exc).__name__}: {exc}")
            for job in group:
                job.future.set_exception(exc)
            return
        shares = split_report(group, report)
        self._record(shares)
        for job, share in zip(group, shares, strict=True):
            job.future.set_result(share)

    def _record(self, shares: list[Share]) -> None:
        """Health of the webhook in source_state, shown with the collectors on 数据源."""
        accepted = sum(s.accepted for s in shares)
        new = sum(s.new for s in shares)
        rejected = [r for s in shares for r in s.rejected]
        now = self.ctx.clock()
        with self.ctx.sessions.begin() as session:
            state = state_of(session, STATE_NAME, "webhook")
            state.last_run_at, state.items_last_run = now, accepted
            state.items_total = (state.items_total or 0) + new
            if accepted:
                state.last_success_at, state.consecutive_failures = now, 0
            if rejected:
                first = rejected[0]
                state.status = SourceStatus.DEGRADED
                state.last_error = f"{len(rejected)} 条被拒，如 {first['ref']}：{first['error']}"
                state.last_error_at = now
                if not accepted:
                    state.consecutive_failures = (state.consecutive_failures or 0) + 1
            else:
                state.status, state.last_error = SourceStatus.OK, None

    def _record_failure(self, error: str) -> None:
        now = self.ctx.clock()
        with self.ctx.sessions.begin() as session:
            state = state_of(session, STATE_NAME, "webhook")
            state.status, state.last_error, state.last_error_at = SourceStatus.DEGRADED, error, now
            state.consecutive_failures = (state.consecutive_failures or 0) + 1


def split_report(group: list[_Job], report: IngestReport) -> list[Share]:
    """Each request's share of one pipeline report over the merged group."""
    shares = [Share(rejected=list(job.intake.errors)) for job in group]
    owner_of_native: dict[str, int] = {}
    for n, job in enumerate(group):
        for mention in job.intake.mentions:
            owner_of_native.setdefault(mention.native_id, n)
    failed: list[set[str]] = [set() for _ in group]
    for ref, why in report.rejected:
        index, sep, own_ref = ref.partition(_REF_SEP)
        if sep and index.isdigit():
            n = int(index)
        else:  # index errors name the native id
            n, own_ref = owner_of_native.get(ref, 0), ref
        shares[n].rejected.append({"ref": own_ref, "error": why})
        failed[n].add(own_ref)
    for ref, length in report.truncated:
        index, sep, own_ref = ref.partition(_REF_SEP)
        if sep and index.isdigit():
            shares[int(index)].truncated.append({"ref": own_ref, "length": length})
    new_ids = {m.id for m in report.new}
    updated_ids = {m.id for m in report.updated}
    stored = new_ids | updated_ids
    claimed: set[str] = set()
    for n, job in enumerate(group):
        share = shares[n]
        for ref, mention in zip(job.intake.refs, job.intake.mentions, strict=True):
            if ref in failed[n] or mention.native_id in failed[n]:
                share.results.append({"ref": ref, "id": mention.id, "status": "rejected"})
                continue
            share.accepted += 1
            status = "duplicate"
            if mention.id not in claimed and mention.id in stored:
                status = "new" if mention.id in new_ids else "updated"
                claimed.add(mention.id)
            share.new += status == "new"
            share.duplicates += status == "duplicate"
            share.results.append({"ref": ref, "id": mention.id, "status": status})
    return shares
