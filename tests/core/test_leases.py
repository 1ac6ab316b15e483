"""Lease sharing between workers on a real (SQLite) workflow store: a worker above its share
gives sources back even when every one of them is being collected at each heartbeat."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from core.db import init_db, make_engine, make_session_factory
from core.leases import SOURCE_PREFIX, LeaseKeeper, WorkerLease, _collecting

SOURCES = [f"s{n}" for n in range(6)]


def test_a_busy_worker_above_its_share_gives_a_source_back_after_the_run(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'workflow.db'}")
    init_db(engine)
    sessions = make_session_factory(engine)
    first = LeaseKeeper(sessions, SOURCES, worker="first", ttl=60)
    first.heartbeat()
    assert first._sources_held() == 6  # alone: every source is its share
    late = LeaseKeeper(sessions, SOURCES, worker="late", ttl=60)
    late.heartbeat()
    assert late._sources_held() == 0 and first.share() == 3

    # Every source of the first worker is being collected whenever its heartbeat runs.
    first.busy = {SOURCE_PREFIX + s for s in SOURCES}
    first.heartbeat()
    assert first._sources_held() == 6

    runs: list[str] = []
    for source in SOURCES:
        first.busy.discard(SOURCE_PREFIX + source)
        _collecting(lambda source=source: runs.append(source), first, source)()
        first.busy.add(SOURCE_PREFIX + source)
    assert runs == SOURCES  # each ran once, then went back while above the share
    assert first._sources_held() == 3
    late.heartbeat()
    assert late._sources_held() == 3
    assert {late.holder(SOURCE_PREFIX + s) for s in SOURCES} == {"first", "late"}


def test_taking_leases_is_logged_in_words_and_the_own_heartbeat_only_at_debug(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'workflow.db'}")
    init_db(engine)
    keeper = LeaseKeeper(make_session_factory(engine), ["weibo"], worker="vm:7941:c50602", ttl=60)
    with caplog.at_level(logging.INFO, logger="core.leases"):
        keeper.heartbeat()
        keeper.is_leader()
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert "工作进程 vm:7941:c50602 开始负责采集数据源 weibo" in said, said
    assert any("成为主进程" in line for line in said), said
    assert not any("worker:" in line or "取得租约" in line for line in said), said


def test_a_dead_workers_heartbeat_row_is_forgotten_after_a_day(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'workflow.db'}")
    init_db(engine)
    sessions = make_session_factory(engine)
    now = [1_000_000.0]
    dead = LeaseKeeper(sessions, ["weibo"], worker="gone:1:aaaaaa", ttl=30, clock=lambda: now[0])
    dead.heartbeat()  # then killed with -9: nothing given back
    alive = LeaseKeeper(sessions, ["weibo"], worker="up:2:bbbbbb", ttl=30, clock=lambda: now[0])

    now[0] += 3600
    alive.heartbeat()
    assert rows(sessions) >= {"worker:gone:1:aaaaaa", "worker:up:2:bbbbbb"}  # an hour: kept
    now[0] += 86_400
    alive.heartbeat()
    assert "worker:gone:1:aaaaaa" not in rows(sessions)
    assert "worker:up:2:bbbbbb" in rows(sessions) and alive.holder("source:weibo") == "up:2:bbbbbb"


def rows(sessions: sessionmaker[Session]) -> set[str]:
    with sessions() as session:
        return set(session.scalars(select(WorkerLease.name)))
