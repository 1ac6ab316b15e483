"""Who holds what among the `yuqing run` workers, read without SQLAlchemy (core.store_read):
`yuqing sources list` and 数据源状态 show each source's collecting worker and the leader, so an
operator need not query `worker_leases` by hand. Only current leases count: a worker killed
with `kill -9` keeps its rows until they expire (YUQING_LEASE_TTL) and another takes them."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.store_read import read_rows

if TYPE_CHECKING:
    from core.context import Context

LEADER = "leader"
SOURCE_PREFIX = "source:"
WORKER_PREFIX = "worker:"
LEASES_SQL = "SELECT name, holder, expires_at FROM worker_leases WHERE expires_at >= :now"


@dataclass(frozen=True)
class Leases:
    """The current leases: source → worker, the leader, the live workers (host:pid:id)."""

    sources: dict[str, str] = field(default_factory=dict)
    leader: str | None = None
    workers: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One Chinese line: the leader and the live workers, or that none runs."""
        if not self.workers and self.leader is None:
            return "工作进程：没有正在运行的 yuqing run（没有未过期的租约）"
        leader = self.leader or "暂无（由下一次心跳选出）"
        return f"主进程：{leader}；在线工作进程 {len(self.workers)} 个：" + "、".join(self.workers)


def short_worker(worker: str) -> str:
    """host:pid of a worker name host:pid:id (narrow enough for a table column)."""
    return worker.rsplit(":", 1)[0] if worker.count(":") >= 2 else worker


def read_leases(ctx: Context, now: float | None = None) -> Leases:
    """The leases current at `now` (epoch seconds, default the wall clock as workers use)."""
    rows = read_rows(ctx, LEASES_SQL, {"now": time.time() if now is None else now})
    names = {str(r["name"]): str(r["holder"]) for r in rows}
    return Leases(
        sources={
            n.removeprefix(SOURCE_PREFIX): h
            for n, h in names.items()
            if n.startswith(SOURCE_PREFIX)
        },
        leader=names.get(LEADER),
        workers=sorted(n.removeprefix(WORKER_PREFIX) for n in names if n.startswith(WORKER_PREFIX)),
    )
