"""The one event list (brand_events.listing) on every route its SQL runs: stdlib sqlite3 on the
embedded store, SQLAlchemy on PostgreSQL or an already-open store, a caller's session; the
`yuqing events list` command, the dashboard and the report all read it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from app.cli import app
from brand_events import service
from brand_events.listing import read_data_now, read_events
from brand_events.models import Event
from brand_events.status import summary
from core.config import DatabaseConfig
from core.context import Context
from core.errors import StoreMissing
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


def _orm_summaries(ctx: Context, ids: list[str]) -> list[dict[str, object]]:
    """The same events as ORM objects, summarised: what the rows must carry, field by field."""
    now = read_data_now(ctx, ctx.clock())
    with ctx.sessions() as session:
        return [summary(service.get(session, event_id=i), now) for i in ids]  # type: ignore[arg-type]


def _row_summaries(source: Context | Session, **query: object) -> list[dict[str, object]]:
    now = read_data_now(source, datetime.now(UTC))
    return [summary(e, now) for e in read_events(source, **query)]  # type: ignore[arg-type]


def _session_summaries(ctx: Context) -> list[list[dict[str, object]]]:
    """Every query read in one session of the caller's (as the dashboard and reports read)."""
    with ctx.sessions() as session:
        return [_row_summaries(session, **q) for q, _ in QUERIES]


QUERIES: list[tuple[dict[str, object], list[str]]] = [  # a query and the ids it lists, in order
    ({}, ["d", "c", "a", "b", "g"]),  # biggest first; a and b tie: the earlier start first
    ({"include_forming": True}, ["d", "c", "a", "b", "g", "e"]),
    ({"since": T0 + timedelta(hours=2, minutes=30)}, ["c", "b"]),  # b's last_at, to the µs
    ({"until": T0 + timedelta(minutes=30)}, ["d", "a", "g"]),  # b's start, to the µs: left out
    (
        {"since": T0, "until": T0 + timedelta(hours=1), "include_forming": True},
        ["a", "b", "g", "e"],
    ),
    ({"started_since": T0 + timedelta(minutes=5)}, ["c", "b", "g"]),  # g's start, to the µs
    ({"limit": 2}, ["d", "c"]),
]
STATUSES = {"d": "over", "c": "rising", "a": "rising", "b": "rising", "g": "cooling"}
B_SUMMARY = {
    "id": "b",
    "title": "外卖b投诉",
    "status": "rising",
    "started_at": "2026-11-30T08:30:00.250000+00:00",
    "last_at": "2026-11-30T10:30:00.250000+00:00",
    "mention_count": 12,
    "author_count": 11,
    "first": {"source": "weibo_search", "native_id": "n-b", "mention_id": "m-b", "author": "作者b"},
}


def _check(got: list[list[dict[str, object]]], ctx: Context) -> None:
    """The listed ids of every query, the statuses, one summary in full, and every listed
    event's summary equal to its ORM object's."""
    assert [[e["id"] for e in rows] for rows in got] == [ids for _, ids in QUERIES]
    assert {str(e["id"]): e["status"] for e in got[0]} == STATUSES
    assert next(e for e in got[0] if e["id"] == "b") == B_SUMMARY
    assert next(e for e in got[0] if e["id"] == "g")["first"] == {
        "source": "weibo_search",
        "native_id": "n-g",
        "mention_id": "m-g",
        "author": None,
    }
    assert got[1] == _orm_summaries(ctx, [str(e["id"]) for e in got[1]])


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


def test_the_list_on_sqlite_through_sqlite3_an_open_engine_and_a_session(
    config: Path, tmp_path: Path
) -> None:
    writer = Context.load(config, tmp_path / "var")
    _store(writer)
    writer.close()

    reader = Context.load(config, tmp_path / "var")
    got = [_row_summaries(reader, **q) for q, _ in QUERIES]
    assert "engine" not in reader.__dict__  # read with stdlib sqlite3, the ORM never opened
    _check(got, reader)  # opens the engine: the same SQL now runs through SQLAlchemy
    assert [_row_summaries(reader, **q) for q, _ in QUERIES] == got
    assert _session_summaries(reader) == got
    reader.close()


def test_the_list_on_postgresql_through_sqlalchemy_and_a_session(
    config: Path, tmp_path: Path, pg_url: str
) -> None:
    ctx = Context.load(config, tmp_path / "var")
    ctx.config.database = DatabaseConfig(url=pg_url)
    _store(ctx)
    ctx.close()

    reader = Context.load(config, tmp_path / "var")
    reader.config.database = DatabaseConfig(url=pg_url)
    got = [_row_summaries(reader, **q) for q, _ in QUERIES]
    _check(got, reader)
    assert _session_summaries(reader) == got
    reader.close()
    assert not (tmp_path / "var" / EMBEDDED_STORE).exists()  # PostgreSQL, not the file


def _cli(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_command_prints_the_list(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    text = CONFIG
    if backend == "postgresql":
        text += f"database:\n  url: {request.getfixturevalue('pg_url')}\n"
    config = tmp_path / "yuqing.yaml"
    config.write_text(text, encoding="utf-8")
    ctx = Context.load(config, tmp_path / "var")
    _store(ctx)
    expected = _row_summaries(ctx, include_forming=True)
    ctx.close()
    where = ("--data-dir", str(tmp_path / "var"), "--config", str(config))

    lines = _cli("events", "list", "--all", "--json", *where).splitlines()
    table = _cli("events", "list", *where)

    assert [json.loads(line) for line in lines] == expected
    assert [e["id"] for e in expected] == QUERIES[1][1]
    assert lines[0] == json.dumps(expected[0], ensure_ascii=False)  # byte for byte
    for cell in ("事件", "首发作者", "外卖c投诉", "已平息", "作者a", "—"):
        assert cell in table
    assert "外卖e投诉" not in table and "外卖f投诉" not in table


def test_a_store_never_opened_is_refused_and_stays_uncreated(config: Path, tmp_path: Path) -> None:
    where = ("--data-dir", str(tmp_path / "var"), "--config", str(config))

    for args in (("events", "list", *where), ("events", "list", "--json", *where)):
        result = runner.invoke(app, list(args))
        assert isinstance(result.exception, StoreMissing)  # `yuqing` prints it, exit 2
        assert f"数据目录 {tmp_path / 'var'} 不存在" in str(result.exception)
    assert not (tmp_path / "var" / EMBEDDED_STORE).exists()


def test_a_forming_cluster_is_listed_as_untitled_not_blank(config: Path, tmp_path: Path) -> None:
    from core.models import Author, Mention

    ctx = Context.load(config, tmp_path / "var")
    ctx.pipeline.process(
        [
            Mention(
                source="weibo",
                native_id="lone",
                text="鲜味坊的酸菜鱼里吃出一只虫子",
                published_at=T0,
                author=Author(name="吃货小王"),
            )
        ]
    )
    ctx.close()
    where = ("--data-dir", str(tmp_path / "var"), "--config", str(config))
    table = _cli("events", "list", "--all", *where)
    assert "未成形" in table and "吃货小王" in table  # (the cell wraps in a narrow table)
