"""`yuqing events list` reads plain rows (stdlib sqlite3 on the embedded store, SQLAlchemy on
PostgreSQL) and prints exactly what the ORM read gives: same events, order, status and JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from brand_events import service
from brand_events.listing import read_data_now, read_events
from brand_events.models import Event
from brand_events.status import summary
from core.config import DatabaseConfig
from core.context import Context
from core.store_read import EMBEDDED_STORE
from tests.conftest import require
from tests.postgres import PostgresServer

T0 = datetime(2026, 11, 30, 8, 0, 0, 250_000, tzinfo=UTC)
HOUR = int(T0.timestamp() // 3600)
CONFIG = "brand: 鲜味坊\nplans:\n  - id: xwf\n    name: 鲜味坊\n    expression: 鲜味坊\n"
runner = CliRunner()


def _event(key: str, minutes: int, count: int, **fields: object) -> Event:
    """An event started `minutes` after T0, last seen two hours later, `count` mentions."""
    started = T0 + timedelta(minutes=minutes)
    values: dict[str, object] = {
        "id": key,
        "title": f"外卖{key}投诉",
        "visible": True,
        "started_at": started,
        "last_at": started + timedelta(hours=2),
        "mention_count": count,
        "author_count": count - 1,
        "first_mention_id": f"m-{key}",
        "first_source": "weibo_search",
        "first_native_id": f"n-{key}",
        "first_author": f"作者{key}",
        "hourly": {str(HOUR + 2): count // 2, str(HOUR + 1): count - count // 2},
        "updated_at": started,
    }
    values.update(fields)
    return Event(**values)


def _store(ctx: Context) -> None:
    """Rising, cooling, over, forming, merged and tied events; one without a first author."""
    with ctx.sessions.begin() as session:
        session.add_all(
            [
                _event("a", 0, 12),
                _event("b", 30, 12),  # ties with a on size: the earlier start comes first
                _event("c", 60, 30, hourly={str(HOUR + 2): 30}),
                _event("d", -2000, 40),  # over by T0 + 3h
                _event("e", 10, 3, visible=False),  # forming: only with --all
                _event("f", 20, 50, merged_into="c"),  # merged away: never listed
                _event("g", 5, 7, first_author=None, hourly={}),
            ]
        )


def _orm_summaries(ctx: Context, **query: object) -> list[dict[str, object]]:
    with ctx.sessions() as session:
        now = service.data_now(session, ctx.clock())
        return [summary(e, now) for e in service.get_all(session, **query)]  # type: ignore[arg-type]


def _row_summaries(ctx: Context, **query: object) -> list[dict[str, object]]:
    now = read_data_now(ctx, ctx.clock())
    return [summary(e, now) for e in read_events(ctx, **query)]  # type: ignore[arg-type]


QUERIES: list[dict[str, object]] = [
    {},
    {"include_forming": True},
    {"since": T0 + timedelta(hours=2, minutes=30)},  # exactly b's last_at (with microseconds)
    {"until": T0 + timedelta(minutes=30)},  # exactly b's start: b is left out
    {"since": T0, "until": T0 + timedelta(hours=1), "include_forming": True},
]


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A minimal yuqing.yaml."""
    path = tmp_path / "yuqing.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


@pytest.fixture
def pg_url(pg_server: PostgresServer | None) -> Iterator[str]:
    """A fresh PostgreSQL database."""
    require(pg_server is not None, "PostgreSQL is not installed (scripts/system-deps.sh)")
    assert pg_server is not None
    yield pg_server.create_database()


def test_sqlite3_rows_equal_the_orm_read(config: Path, tmp_path: Path) -> None:
    writer = Context.load(config, tmp_path / "var")
    _store(writer)
    expected = [_orm_summaries(writer, **q) for q in QUERIES]
    writer.close()

    reader = Context.load(config, tmp_path / "var")
    got = [_row_summaries(reader, **q) for q in QUERIES]

    assert "engine" not in reader.__dict__  # read with stdlib sqlite3, the ORM never opened
    assert got == expected
    listed = [e["id"] for e in got[0]]
    assert listed == ["d", "c", "a", "b", "g"]
    assert {e["status"] for e in got[0]} >= {"over", "cooling"}
    assert [e["id"] for e in got[1]].count("e") == 1 and "f" not in listed
    assert [e["id"] for e in got[2]] == ["c", "b"]  # last_at >= since, to the µs
    assert [e["id"] for e in got[3]] == ["d", "a", "g"]  # started_at < until, to the µs


def test_postgresql_rows_equal_the_orm_read(config: Path, tmp_path: Path, pg_url: str) -> None:
    ctx = Context.load(config, tmp_path / "var")
    ctx.config.database = DatabaseConfig(url=pg_url)
    _store(ctx)
    expected = [_orm_summaries(ctx, **q) for q in QUERIES]
    ctx.close()

    reader = Context.load(config, tmp_path / "var")
    reader.config.database = DatabaseConfig(url=pg_url)
    got = [_row_summaries(reader, **q) for q in QUERIES]
    reader.close()

    assert got == expected
    assert [e["id"] for e in got[0]] == ["d", "c", "a", "b", "g"]
    assert not (tmp_path / "var" / EMBEDDED_STORE).exists()  # PostgreSQL, not the file


def _cli(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_command_prints_the_orm_summaries(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    text = CONFIG
    if backend == "postgresql":
        text += f"database:\n  url: {request.getfixturevalue('pg_url')}\n"
    config = tmp_path / "yuqing.yaml"
    config.write_text(text, encoding="utf-8")
    ctx = Context.load(config, tmp_path / "var")
    _store(ctx)
    expected = _orm_summaries(ctx, include_forming=True)
    ctx.close()
    where = ("--data-dir", str(tmp_path / "var"), "--config", str(config))

    lines = _cli("events", "list", "--all", "--json", *where).splitlines()
    table = _cli("events", "list", *where)

    assert [json.loads(line) for line in lines] == expected
    assert lines[0] == json.dumps(expected[0], ensure_ascii=False)  # byte for byte
    for cell in ("事件", "首发作者", "外卖c投诉", "已平息", "作者a", "—"):
        assert cell in table
    assert "外卖e投诉" not in table and "外卖f投诉" not in table


def test_a_store_never_opened_lists_nothing_and_stays_uncreated(
    config: Path, tmp_path: Path
) -> None:
    where = ("--data-dir", str(tmp_path / "var"), "--config", str(config))

    assert _cli("events", "list", *where).strip() == "没有事件。"
    assert _cli("events", "list", "--json", *where) == ""
    assert not (tmp_path / "var" / EMBEDDED_STORE).exists()


def test_rows_read_through_an_open_engine_equal_the_orm_read(config: Path, tmp_path: Path) -> None:
    """Once the process has opened the embedded store, the same SQL runs through SQLAlchemy:
    time parameters must compare as they do through stdlib sqlite3 (to the microsecond)."""
    ctx = Context.load(config, tmp_path / "var")
    _store(ctx)
    assert "engine" in ctx.__dict__
    expected = [_orm_summaries(ctx, **q) for q in QUERIES]
    got = [_row_summaries(ctx, **q) for q in QUERIES]
    ctx.close()
    assert got == expected
