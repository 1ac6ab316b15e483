"""The tracker's driver-SQL writes leave the rows the ORM writes did, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from brand_events import seed_rows
from brand_events.cluster import AnyCluster, Decision, Post
from brand_events.clustering import Clusterer
from brand_events.event_sql import GROW_SEEDS, SEED_COLUMNS, EventSQL, seed_values
from brand_events.join_thresholds import WINDOW
from brand_events.models import Event, EventMember, TermHours
from brand_events.seed import Seed
from brand_events.synthetic import build_stream
from brand_events.tracker import CHUNK, EventTracker, from_cluster, is_visible
from core.config import DatabaseConfig
from core.context import Context
from core.store_read import EMBEDDED_STORE, SQLITE_TIME, stored_time
from core.timeutil import to_utc
from tests.conftest import require
from tests.core.conftest import make_config
from tests.postgres import PostgresServer

PLANS = [{"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊|鲜味坊外卖|XWF"}]
BATCH = 60
EVENT_UPDATED_AT_INDEX = [c.name for c in cast(Table, Event.__table__).columns].index("updated_at")


class OrmTracker(EventTracker):
    """The writes as first written: ORM/Core statements with SQLAlchemy's type processing."""

    def _write(
        self,
        session: Session,
        members: list[tuple[Post, Decision]],
        touched: set[str],
        folded: list[AnyCluster],
    ) -> None:
        rows_of_members = [_member(post, decision) for post, decision in members]
        for member in rows_of_members:
            live = self.clusterer.resolve(str(member["event_id"]))
            member["event_id"] = live.id if live else member["event_id"]
        for cluster in folded:
            live = self.clusterer.resolve(cluster.id)
            if live is None or cluster.id not in self.persisted:
                continue
            session.execute(
                update(EventMember)
                .where(EventMember.event_id == cluster.id)
                .values(event_id=live.id, reason="merge")
            )
        if rows_of_members:
            session.execute(insert(cast(Table, EventMember.__table__)), rows_of_members)
        resolved = map(self.clusterer.resolve, touched | {c.id for c in folded})
        survivors = {c.id: c for c in resolved if c is not None}
        rows = [from_cluster(c, self._visible(c)) for c in survivors.values()]
        current = self.clusterer.clusters
        rows += [
            from_cluster(current.get(c.id, c), self._visible(current.get(c.id, c)))
            for c in folded
            if c.id in self.persisted
        ]
        new = [r for r in rows if r["id"] not in self.persisted]
        old = [r for r in rows if r["id"] in self.persisted]
        if new:
            session.execute(insert(cast(Table, Event.__table__)), new)
        if old:
            session.execute(update(Event), old)
        self.persisted |= {str(r["id"]) for r in new}

    def _expire(self, session: Session, horizon: datetime) -> int:
        gone = self.clusterer.expire(horizon)
        small = [c.id for c in gone if c.merged_into is None and not is_visible(c)]
        for start in range(0, len(small), CHUNK):
            chunk = small[start : start + CHUNK]
            session.execute(delete(EventMember).where(EventMember.event_id.in_(chunk)))
            session.execute(delete(Event).where(Event.id.in_(chunk)))
        self.persisted -= {c.id for c in gone}
        return len(gone)

    def _live_rows(self, session: Session, ids: set[str]) -> list[Event]:
        rows = []
        for event_id in ids:  # a query per event
            live = self._live_id(session, event_id)
            row = session.get(Event, live) if live else None
            if row is not None:
                rows.append(row)
        return rows


def _member(post: Post, decision: Decision) -> dict[str, object]:
    return {
        "mention_id": post.id,
        "event_id": decision.cluster.id,
        "source": post.source,
        "native_id": post.native_id,
        "published_at": post.published_at,
        "author": post.author_name,
        "parent_id": post.parent_id,
        "reason": str(decision.reason),
    }


def _replay(ctx: Context, tracker_type: type[EventTracker], window: timedelta) -> int:
    """The stream through a tracker whose events close after `window`; returns how many did."""
    mentions = build_stream(seed=5, hours=30, per_hour=30).mentions
    tracker = tracker_type(ctx.sessions, ctx.config)
    tracker.clusterer = Clusterer(window)
    expired = 0
    for start in range(0, len(mentions), BATCH):
        expired += tracker.track(mentions[start : start + BATCH]).expired
    return expired


def _orm_rows(ctx: Context) -> dict[str, list[tuple[Any, ...]]]:
    """Every event-table row as the ORM reads it back (events without updated_at), the
    one-post events' compact rows read as the rows they stand for."""
    out = {}
    with ctx.sessions() as session:
        stored: dict[type[Any], Callable[[Session], Sequence[Any]]] = {
            Event: seed_rows.every_event,
            EventMember: seed_rows.every_member,
        }
        for model, read in stored.items():
            table = cast(Table, model.__table__)
            names = [c.name for c in table.columns if c.name != "updated_at"]
            out[table.name] = [tuple(getattr(r, n) for n in names) for r in read(session)]
        out["event_term_hours"] = [
            tuple(r) for r in session.execute(select(TermHours.__table__).order_by(TermHours.term))
        ]
    return out


def _stored_text(data_dir: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The rows as SQLite holds them (JSON and time text byte for byte); a one-post event's
    compact row as the text of the rows it stands for (event_sql.seed_values, GROW_SEEDS)."""
    connection = sqlite3.connect(data_dir / EMBEDDED_STORE)
    try:
        events = connection.execute("SELECT * FROM events").fetchall()
        members = connection.execute("SELECT * FROM event_members").fetchall()
        for seed in connection.execute(f"SELECT {', '.join(SEED_COLUMNS)} FROM event_seeds"):
            events.append(_seed_text(seed))
            grown = "SELECT " + GROW_SEEDS.split(" SELECT ", 1)[1]  # its event_members row
            members.append(connection.execute(grown, seed[:1]).fetchone())
    finally:
        connection.close()
    return {"events": sorted(events), "event_members": sorted(members)}


def _seed_text(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """The events row text of an event_seeds row (SEED_COLUMNS order)."""
    mention_id, at_text, source, native_id, author, author_id, _, terms, exemplar, updated = row
    at = stored_time(at_text)
    assert at is not None
    seed = Seed(
        mention_id, at, tuple(json.loads(terms)), author_id, author, source, native_id, exemplar
    )
    values = seed_values(cast(EventSQL, _TextTimes()), seed, False, updated)
    return tuple(int(v) if isinstance(v, bool) else v for v in values)


class _TextTimes:
    """EventSQL's `time` on SQLite, without a session."""

    def time(self, moment: datetime) -> str:
        return to_utc(moment).strftime(SQLITE_TIME)


def _context(data_dir: Path, url: str | None = None) -> Context:
    ctx = Context(config=make_config(plans=PLANS), data_dir=data_dir)
    if url:
        ctx.config.database = DatabaseConfig(url=url)
    return ctx


def _both_writers(
    fast: Context, orm: Context, window: timedelta = WINDOW
) -> tuple[dict[str, list[tuple[Any, ...]]], dict[str, list[tuple[Any, ...]]]]:
    """The same stream replayed through the driver-SQL writer and the ORM one: their rows."""
    expired = _replay(fast, EventTracker, window)
    assert _replay(orm, OrmTracker, window) == expired
    assert (expired > 0) == (window < timedelta(hours=15))  # the stream spans 30 hours
    got, expected = _orm_rows(fast), _orm_rows(orm)
    fast.close()
    orm.close()
    return got, expected


def test_sqlite_rows_equal_the_orm_writes_byte_for_byte(tmp_path: Path) -> None:
    got, expected = _both_writers(_context(tmp_path / "fast"), _context(tmp_path / "orm"))

    assert got == expected
    reasons = {row[-1] for row in got["event_members"]}
    assert {"merge", "topic", "seed"} <= reasons  # moved members and updated events included
    assert any(row[2] for row in got["events"])  # some events became visible (titled)
    text, expected_text = _stored_text(tmp_path / "fast"), _stored_text(tmp_path / "orm")
    assert text["event_members"] == expected_text["event_members"]
    at = EVENT_UPDATED_AT_INDEX
    assert [r[:at] + r[at + 1 :] for r in text["events"]] == [
        r[:at] + r[at + 1 :] for r in expected_text["events"]
    ]


@pytest.fixture
def two_pg_urls(pg_server: PostgresServer | None) -> Iterator[tuple[str, str]]:
    """Two fresh databases on the session's PostgreSQL server."""
    require(pg_server is not None, "PostgreSQL is not installed (scripts/system-deps.sh)")
    assert pg_server is not None
    yield pg_server.create_database(), pg_server.create_database()


def test_postgresql_rows_equal_the_orm_writes(tmp_path: Path, two_pg_urls: tuple[str, str]) -> None:
    fast_url, orm_url = two_pg_urls
    fast, orm = _context(tmp_path / "fast", fast_url), _context(tmp_path / "orm", orm_url)
    got, expected = _both_writers(fast, orm)

    assert got == expected
    assert {row[-1] for row in got["event_members"]} >= {"merge", "topic", "seed"}
    assert got["event_term_hours"]
    assert not (tmp_path / "fast" / EMBEDDED_STORE).exists()  # PostgreSQL, not the file


def test_expiry_deletes_the_rows_the_orm_deleted(tmp_path: Path) -> None:
    # 3-hour events on a 30-hour stream: closed ones forgotten, and re-adopted when a post
    # replies to one of their members.
    fast, orm = _context(tmp_path / "fast"), _context(tmp_path / "orm")
    got, expected = _both_writers(fast, orm, timedelta(hours=3))

    assert got == expected
    assert got["events"]


def test_expiry_on_postgresql_deletes_the_rows_the_orm_deleted(
    tmp_path: Path, two_pg_urls: tuple[str, str]
) -> None:
    fast_url, orm_url = two_pg_urls
    fast, orm = _context(tmp_path / "fast", fast_url), _context(tmp_path / "orm", orm_url)
    got, expected = _both_writers(fast, orm, timedelta(hours=3))

    assert got == expected
    assert got["events"]
