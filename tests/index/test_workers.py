"""N workers: three `yuqing run` processes share sources and the leader role through one
PostgreSQL workflow store and one OpenSearch cluster; one is killed with SIGKILL."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from sqlalchemy import select

from alerting.enums import DeliveryStatus
from alerting.models import Delivery
from core.db import init_db, make_engine, make_session_factory
from core.leases import LEADER, WorkerLease
from tests.conftest import require
from tests.postgres import PostgresServer

pytestmark = pytest.mark.engine

SOURCES = [f"s{n}" for n in range(6)]
TTL = 6.0
LAUNCH = (
    "import sys\n"
    "from collectors.registry import COLLECTORS\n"
    "from tests.index.probe_collector import ProbeCollector\n"
    "COLLECTORS.add('probe', ProbeCollector)\n"
    "from app.cli import main\n"
    "sys.argv = ['yuqing', *sys.argv[1:]]\n"
    "main()\n"
)


class Hook(BaseHTTPRequestHandler):
    """Counts the titles of the notifications it receives."""

    received: ClassVar[Counter[str]] = Counter()

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Hook.received[str(body.get("title"))] += 1
        self.send_response(200)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        """Quiet."""


@pytest.fixture
def pg(pg_server: PostgresServer | None) -> PostgresServer:
    """The session's PostgreSQL server (the workers share one workflow store on it)."""
    require(pg_server is not None, "PostgreSQL is not installed (scripts/system-deps.sh)")
    assert pg_server is not None
    return pg_server


@pytest.fixture
def hook() -> Iterator[str]:
    Hook.received = Counter()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()


def write_config(folder: Path, db_url: str, opensearch: str, hook: str) -> Path:
    config = {
        "brand": "测试",
        "index": {
            "backend": "opensearch",
            "urls": [opensearch],
            "index_prefix": f"yqw-{uuid.uuid4().hex[:8]}",
            "replicas": 0,
        },
        "database": {"url": db_url},
        "sources": [
            {
                "name": n,
                "type": "probe",
                "interval": "2s",
                "options": {"log": str(folder / "runs.log")},
            }
            for n in SOURCES
        ],
        "alerting": {
            "builtin_rules": False,
            "eval_interval": "1s",
            "retry_backoff": "1s",
            "notifiers": [
                {
                    "name": "hook",
                    "type": "webhook",
                    "options": {"endpoint": hook},
                    "rate_limit": 1000,
                }
            ],
        },
    }
    path = folder / "yuqing.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def start_worker(config: Path, folder: Path, number: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, YUQING_LEASE_TTL=str(TTL))
    data = folder / f"worker{number}"
    log = open(folder / f"worker{number}.log", "wb")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [sys.executable, "-c", LAUNCH, "run", "--config", str(config), "--data-dir", str(data)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=Path(__file__).resolve().parents[2],
    )


def wait_for(what: str, check, timeout: float) -> float:
    """Poll until check() is true; returns when (time.time())."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if check():
            return time.time()
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


def alive(workers: list[subprocess.Popen[bytes]], folder: Path) -> bool:
    """True while every worker runs; a worker that exited fails the test with its log."""
    for number, worker in enumerate(workers):
        if worker.poll() is not None:
            log = (folder / f"worker{number}.log").read_text(encoding="utf-8", errors="replace")
            raise AssertionError(f"worker {number} exited early:\n{log[-3000:]}")
    return True


def runs(folder: Path) -> list[tuple[str, int, float, float, str]]:
    path = folder / "runs.log"
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        source, pid, start, end, mention = line.split()
        out.append((source, int(pid), float(start), float(end), mention))
    return out


def enqueue(sessions, titles: list[str]) -> None:
    now = datetime.now(UTC)
    with sessions() as session:
        for title in titles:
            session.add(
                Delivery(
                    notifier="hook",
                    severity="warning",
                    title=title,
                    body="正文",
                    status=DeliveryStatus.PENDING,
                    created_at=now,
                    next_attempt_at=now,
                )
            )
        session.commit()


def all_sent(sessions, titles: list[str]) -> bool:
    with sessions() as session:
        rows = session.scalars(select(Delivery).where(Delivery.title.in_(titles))).all()
    return len(rows) == len(titles) and all(r.status == DeliveryStatus.SENT for r in rows)


def leader_pid(sessions) -> int | None:
    with sessions() as session:
        row = session.get(WorkerLease, LEADER)
    if row is None or row.expires_at < time.time():
        return None
    return int(row.holder.split(":")[1])


def test_three_workers_share_sources_and_survive_a_kill(
    pg: PostgresServer, opensearch_url: str, hook: str, tmp_path: Path
) -> None:
    db_url = pg.create_database()
    engine = make_engine(db_url)
    init_db(engine)
    sessions = make_session_factory(engine)
    config = write_config(tmp_path, db_url, opensearch_url, hook)
    workers = [start_worker(config, tmp_path, n) for n in range(3)]
    try:
        # A worker that starts late gets its share at the others' next heartbeat or run end.
        wait_for(
            "every source collected twice and every worker collecting",
            lambda: (
                alive(workers, tmp_path)
                and all(Counter(r[0] for r in runs(tmp_path))[s] >= 2 for s in SOURCES)
                and {r[1] for r in runs(tmp_path)} == {w.pid for w in workers}
            ),
            300,  # three processes start on a busy machine
        )
        first = [f"第一批-{n}" for n in range(15)]
        enqueue(sessions, first)
        wait_for("the first deliveries", lambda: all_sent(sessions, first), 60)

        victim_pid = leader_pid(sessions)
        assert victim_pid in {w.pid for w in workers}
        victim = next(w for w in workers if w.pid == victim_pid)
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        killed_at = time.time()
        second = [f"第二批-{n}" for n in range(15)]
        enqueue(sessions, second)

        new_leader = wait_for(
            "a new leader", lambda: leader_pid(sessions) not in (None, victim_pid), 60
        )
        wait_for("the second deliveries", lambda: all_sent(sessions, second), 60)
        resumed = wait_for(
            "every source collected after the kill",
            lambda: {r[0] for r in runs(tmp_path) if r[2] > killed_at + TTL} == set(SOURCES),
            60,
        )
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
        for worker in workers:
            worker.wait(timeout=60)

    assert new_leader - killed_at <= 60
    assert resumed - killed_at <= 60
    assert Hook.received == Counter({title: 1 for title in first + second})
    collected = runs(tmp_path)
    for source in SOURCES:  # one worker at a time per source: runs never overlap
        spans = sorted((start, end) for name, _, start, end, _ in collected if name == source)
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))
    assert len({r[4] for r in collected}) == len(collected)
