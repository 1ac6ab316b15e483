"""Work sharing between `yuqing run` workers through the workflow store: named, expiring leases.

Every worker schedules every job; a lease decides who runs it. A source is collected only
by the worker holding `source:<name>`; rule evaluation, escalation, delivery retries, reports
and retention run only on the holder of `leader`. Holders renew their leases on a heartbeat;
a worker that dies (kill -9) stops renewing and its leases expire after `ttl`, when the next
heartbeat of another worker takes them. Sources are shared fairly: a worker holds at most
its share (sources / live workers, rounded up) and gives back the rest.

Leases are rows of `worker_leases`, taken by a conditional UPDATE (or an INSERT that loses
on the primary key), so they work on PostgreSQL and SQLite alike. Times are the workers'
clocks (epoch seconds): keep them in sync (NTP); `ttl` is far above normal drift.
"""

from __future__ import annotations

import logging
import math
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import CursorResult, Float, String, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from core.db import Base
from core.errors import YuqingError
from core.lease_view import LEADER, SOURCE_PREFIX, WORKER_PREFIX

if TYPE_CHECKING:
    from core.context import Context

log = logging.getLogger(__name__)

DEAD_AFTER = 86_400.0  # seconds a dead worker's heartbeat row is kept (seen in the table)
DEFAULT_TTL = 30.0  # seconds; a dead worker's sources and leader role move within ttl + beat
HEARTBEAT_JOB = "leases-heartbeat"
UNSHARED_JOBS = {"housekeeping", HEARTBEAT_JOB}  # every worker runs these for itself


class WorkerLease(Base):
    """One lease: who holds it and until when (epoch seconds)."""

    __tablename__ = "worker_leases"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[float] = mapped_column(Float)
    acquired_at: Mapped[float] = mapped_column(Float)


def worker_name() -> str:
    """host:pid:random — unique per process, readable in the lease table."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def lease_zh(name: str) -> str:
    """What taking lease `name` means, for the log: 开始采集数据源 weibo / 成为主进程 …; its own
    presence lease (worker:…) is only a heartbeat."""
    if name == LEADER:
        return "成为主进程（负责规则评估、升级、报告等共享任务）"
    if name.startswith(SOURCE_PREFIX):
        return f"开始负责采集数据源 {name.removeprefix(SOURCE_PREFIX)}"
    if name.startswith(WORKER_PREFIX):
        return "已登记在线（心跳租约）"
    return f"取得租约 {name}"


def configured_ttl() -> float:
    """The lease time-to-live: YUQING_LEASE_TTL seconds, 30 by default."""
    raw = os.environ.get("YUQING_LEASE_TTL")
    return float(raw) if raw else DEFAULT_TTL


class LeaseKeeper:
    """The leases of one worker: take, renew, share and give back."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        sources: list[str],
        *,
        worker: str | None = None,
        ttl: float | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.sessions = sessions
        self.sources = list(sources)
        self.worker = worker or worker_name()
        self.ttl = ttl if ttl is not None else configured_ttl()
        self.clock = clock
        self.held: set[str] = set()
        self.busy: set[str] = set()  # sources being collected now: never given back mid-run
        # Sources above our share the last heartbeat could not give back (all busy): each goes
        # back as soon as one of our runs ends (after_run).
        self.surplus = 0

    def acquire(self, name: str) -> bool:
        """Take the lease (free, expired or already ours) and extend it; False when taken."""
        now = self.clock()
        with self.sessions() as session:
            result = session.execute(
                update(WorkerLease)
                .where(WorkerLease.name == name)
                .where((WorkerLease.holder == self.worker) | (WorkerLease.expires_at < now))
                .values(holder=self.worker, expires_at=now + self.ttl)
                .execution_options(synchronize_session=False)
            )
            if not cast("CursorResult[Any]", result).rowcount:
                session.add(
                    WorkerLease(
                        name=name, holder=self.worker, expires_at=now + self.ttl, acquired_at=now
                    )
                )
                try:
                    session.flush()
                except IntegrityError:
                    session.rollback()
                    self.held.discard(name)
                    return False
            session.commit()
        if name not in self.held:
            level = logging.DEBUG if name.startswith(WORKER_PREFIX) else logging.INFO
            log.log(level, "工作进程 %s %s", self.worker, lease_zh(name))
        self.held.add(name)
        return True

    def release(self, name: str) -> None:
        """Give a lease back (only if still ours)."""
        with self.sessions() as session:
            session.execute(
                delete(WorkerLease)
                .where(WorkerLease.name == name, WorkerLease.holder == self.worker)
                .execution_options(synchronize_session=False)
            )
            session.commit()
        self.held.discard(name)

    def release_all(self) -> None:
        """Give back every lease (clean shutdown: the others take over at once)."""
        for name in list(self.held):
            self.release(name)
        self.release(WORKER_PREFIX + self.worker)

    def holder(self, name: str) -> str | None:
        """Who holds a lease now, or None."""
        with self.sessions() as session:
            row = session.get(WorkerLease, name)
        return row.holder if row is not None and row.expires_at >= self.clock() else None

    def live_workers(self) -> int:
        """Workers whose heartbeat lease is current (at least this one)."""
        with self.sessions() as session:
            count = session.scalar(
                select(func.count())
                .select_from(WorkerLease)
                .where(WorkerLease.name.like(WORKER_PREFIX + "%"))
                .where(WorkerLease.expires_at >= self.clock())
            )
        return max(int(count or 0), 1)

    def share(self) -> int:
        """How many sources this worker may hold: sources / live workers, rounded up."""
        return math.ceil(len(self.sources) / self.live_workers()) if self.sources else 0

    def is_leader(self) -> bool:
        """Take or keep the leader lease; True when this worker leads."""
        return self.acquire(LEADER)

    def may_collect(self, source: str) -> bool:
        """Take or keep a source's lease, within this worker's share."""
        name = SOURCE_PREFIX + source
        if name not in self.held and self._sources_held() >= self.share():
            return False
        return self.acquire(name)

    def after_run(self, name: str) -> None:
        """Give a source back once its run ends while the last heartbeat left a surplus: the
        heartbeat never gives back a source being collected, so on a loaded machine, where runs
        overlap every beat, a worker that joined late would otherwise wait for ever."""
        if self.surplus > 0 and name in self.held:
            self.release(name)
            self.surplus -= 1

    def _sources_held(self) -> int:
        return sum(1 for name in self.held if name.startswith(SOURCE_PREFIX))

    def heartbeat(self) -> None:
        """Renew what we hold, give back sources above our share, take expired ones and lead."""
        self.acquire(WORKER_PREFIX + self.worker)
        for name in sorted(self.held):
            if name != WORKER_PREFIX + self.worker:
                self.acquire(name)
        extra = max(self._sources_held() - self.share(), 0)
        spare = sorted(n for n in self.held if n.startswith(SOURCE_PREFIX) and n not in self.busy)
        for name in spare[:extra]:
            self.release(name)
        self.surplus = max(extra - len(spare), 0)
        for source in self.sources:
            self.may_collect(source)
        if self.is_leader():
            self._forget_dead()  # one worker does it, not every one every beat

    def _forget_dead(self) -> None:
        """Delete the heartbeat rows of workers gone for over DEAD_AFTER (a kill -9 leaves its
        row; every view already hides it, the table would keep it for ever)."""
        with self.sessions() as session:
            session.execute(
                delete(WorkerLease)
                .where(WorkerLease.name.like(WORKER_PREFIX + "%"))
                .where(WorkerLease.expires_at < self.clock() - DEAD_AFTER)
                .execution_options(synchronize_session=False)
            )
            session.commit()


def share_jobs(scheduler: Any, keeper: LeaseKeeper) -> None:
    """Guard every scheduled job by its lease (before the scheduler starts) and add the beat.

    `source:<name>` jobs run only with that source's lease; the worker's own jobs
    (UNSHARED_JOBS) always run; every other job runs only on the leader.
    """
    keeper.heartbeat()
    for job in scheduler.get_jobs():
        if job.id in UNSHARED_JOBS:
            continue
        if job.id.startswith(SOURCE_PREFIX):
            guard = _collecting(job.func, keeper, job.id.removeprefix(SOURCE_PREFIX))
        else:
            guard = _guarded(job.func, keeper.is_leader)
        scheduler.modify_job(job.id, func=guard)
    scheduler.add_job(
        keeper.heartbeat,
        "interval",
        seconds=max(keeper.ttl / 3, 1.0),
        id=HEARTBEAT_JOB,
        replace_existing=True,
    )


def share_work(scheduler: Any, ctx: Context) -> LeaseKeeper:
    """The service's entry: a keeper for the scheduled sources, every job guarded by it."""
    ids = [job.id for job in scheduler.get_jobs()]
    sources = [i.removeprefix(SOURCE_PREFIX) for i in ids if i.startswith(SOURCE_PREFIX)]
    keeper = LeaseKeeper(ctx.sessions, sources)
    share_jobs(scheduler, keeper)
    log.info("工作进程 %s 通过工作流数据库与其他进程分担任务", keeper.worker)
    return keeper


def _collecting(func: Callable[..., Any], keeper: LeaseKeeper, source: str) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        name = SOURCE_PREFIX + source
        keeper.busy.add(name)
        try:
            if not keeper.may_collect(source):
                return None
            return func(*args, **kwargs)
        finally:
            keeper.busy.discard(name)
            keeper.after_run(name)

    return run


def _guarded(func: Callable[..., Any], allowed: Callable[[], bool]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        if not allowed():
            return None
        return func(*args, **kwargs)

    run.__name__ = getattr(func, "__name__", "job")
    return run


class LeaseTaken(YuqingError):
    """Another live worker holds the lease (its holder is in the message and `.holder`)."""

    def __init__(self, message: str, holder: str) -> None:
        super().__init__(message)
        self.holder = holder


@contextmanager
def holding(sessions: sessionmaker[Session], name: str) -> Iterator[None]:
    """Hold lease `name` for the time of a one-off job (`yuqing sources run`), renewed in the
    background so a long run keeps it; raises LeaseTaken when a live worker holds it."""
    keeper = LeaseKeeper(sessions, [])
    if not keeper.acquire(name):
        holder = keeper.holder(name) or "另一个工作进程"
        raise LeaseTaken(f"租约 {name} 正由工作进程 {holder} 持有", holder)
    stop = threading.Event()

    def renew() -> None:
        while not stop.wait(keeper.ttl / 3):
            keeper.acquire(name)

    renewer = threading.Thread(target=renew, name=f"lease {name}", daemon=True)
    renewer.start()
    try:
        yield
    finally:
        stop.set()
        renewer.join()
        keeper.release(name)
