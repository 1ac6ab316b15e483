"""Which worker collects which source and who leads, as `yuqing sources list` and 数据源状态
show them for workers sharing one PostgreSQL store (only psql on `worker_leases` told it)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import streamlit as st
import yaml
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from app.cli import app
from core.context import Context
from core.leases import LeaseKeeper
from tests.conftest import require
from tests.postgres import PostgresServer

PAGE = str(Path(__file__).resolve().parents[2] / "dashboard" / "views" / "sources.py")
A, B, DEAD = "host-a:11:aaaaaa", "host-b:22:bbbbbb", "host-c:33:cccccc"


@pytest.fixture
def shared(tmp_path: Path, pg_server: PostgresServer | None) -> Path:
    """Two live workers sharing s1 and s2 (A leads) and one killed long ago, on PostgreSQL."""
    require(pg_server is not None, "PostgreSQL is not installed (scripts/system-deps.sh)")
    assert pg_server is not None
    sources = [
        {"name": n, "type": "rss", "options": {"urls": ["http://127.0.0.1:9/feed"]}}
        for n in ("s1", "s2")
    ]
    raw = {"database": {"url": pg_server.create_database()}, "sources": sources}
    config = tmp_path / "yuqing.yaml"
    config.write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    ctx = Context.load(config, tmp_path / "var")
    a = LeaseKeeper(ctx.sessions, ["s1", "s2"], worker=A)
    b = LeaseKeeper(ctx.sessions, ["s1", "s2"], worker=B)
    dead = LeaseKeeper(ctx.sessions, ["s1", "s2"], worker=DEAD, clock=lambda: time.time() - 600)
    a.heartbeat()  # alone: both sources and the leader
    b.heartbeat()  # two live workers: a share of one each, but A has not given one back yet
    a.heartbeat()  # gives one back
    b.heartbeat()  # takes it
    dead.heartbeat()  # its presence lease expired ten minutes ago: not a live worker
    ctx.close()
    return config


def test_sources_list_names_each_sources_worker_and_the_leader(shared: Path) -> None:
    result = CliRunner().invoke(app, ["sources", "list", "--config", str(shared)])
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "采集进程" in out
    holders = [line for line in result.output.splitlines() if "│ s1" in line or "│ s2" in line]
    # host:pid in the table (narrow terminals), the full names on the line below it
    assert {"host-a:11 " in line for line in holders} == {True, False}  # one source each
    assert {"host-b:22 " in line for line in holders} == {True, False}
    assert f"主进程：{A}；在线工作进程 2 个：{A}、{B}" in out
    assert DEAD not in out


def test_the_sources_page_names_them_too(
    shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("YUQING_CONFIG", str(shared))
    monkeypatch.setenv("YUQING_DATA_DIR", str(tmp_path / "var"))
    st.cache_resource.clear()
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert sorted(table["采集进程"]) == [A, B]
    assert any(c.value == f"主进程：{A}；在线工作进程 2 个：{A}、{B}" for c in at.caption)
    st.cache_resource.clear()
