"""The workflow store (system of record): SQLAlchemy 2 on SQLite by default, PostgreSQL by URL.

Domain packages declare their tables on `Base` in their own models modules; the app registers
each domain's loader (`Domain.models`) in TABLES, and `init_db` imports them all before it
creates every table (so commands that never open the store never import SQLAlchemy models). Schema
changes so far are additive: a column added to a model is added to an existing table at
start (nullable, with its index), so a store written by an older version keeps its rows.
"""

from __future__ import annotations

import logging
import operator
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, select, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import DeclarativeBase, InstrumentedAttribute, Session, sessionmaker

from core import schema_stamp
from core.store_read import EMBEDDED_STORE, SQLITE_TIME
from core.tables import TABLES
from core.timeutil import to_utc

log = logging.getLogger(__name__)
LOOKUP_CHUNK = 500  # keys per `IN (…)` query
WAL_CHECKPOINT_PAGES = 10_000  # SQLite's default is 1,000 (pages of 4 KiB)
CACHE_KIB = 16_384  # page cache per connection; SQLite's default is 2,000 KiB


class Base(DeclarativeBase):
    """Declarative base shared by every workflow table."""


def database_url(configured: str | None, data_dir: Path) -> str:
    """The configured URL, or an SQLite file in the data directory."""
    if configured:
        return configured
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(data_dir / EMBEDDED_STORE).resolve()}"


def make_engine(url: str) -> Engine:
    """An engine; SQLite gets WAL, a busy timeout and foreign keys so readers never block."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    _wal(cursor)
    # WAL + NORMAL survives a killed process (only a power cut can lose the last commits)
    # and spares an fsync per commit, which bounded webhook intake.
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Checkpoint every ~40 MB of WAL instead of 4 MB: dedup's random-key indexes dirty a
    # few thousand pages per ingest batch, so the default copied them back at every commit;
    # a page dirtied by several batches is now copied once (commit CPU -25 to -40 % at 100k).
    cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
    # An ingest batch dirties ~2,500 pages of the dedup tables (10 MB): in the default 2 MB
    # cache they spilled to the WAL mid-transaction and were read back, and every lookup
    # re-read its b-tree pages from the file (read syscalls per 10k mentions 30k → 190k
    # from 10k to 70k rows). The cache grows only as pages are used: small commands keep
    # a small one.
    cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


LOCKED_TRIES = 10


def _wal(cursor: Any) -> None:
    """WAL mode; on a fresh file several processes (or threads) switching it at once are
    refused at once ("database is locked": SQLite does not wait for that lock), so the
    refused ones try again until the first has switched it (the mode then persists)."""
    for attempt in range(LOCKED_TRIES * 5):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "database is locked" not in str(exc) or attempt == LOCKED_TRIES * 5 - 1:
                raise
            time.sleep(0.02 * (attempt + 1))


def init_db(engine: Engine) -> None:
    """Import every registered domain's models, create missing tables, add missing columns.

    Skipped when the store's schema stamp matches the model files (core.schema_stamp): each
    command then imports only the models it uses.
    """
    domains = TABLES.names()
    if schema_stamp.is_current(engine, domains):
        return
    for name in domains:
        TABLES.get(name)()
    for attempt in range(LOCKED_TRIES):
        try:
            existing = set(inspect(engine).get_table_names())
            _create_missing(engine)
            _add_missing_columns(engine, existing)
            schema_stamp.record(engine, Base, domains)
            return
        except OperationalError as exc:
            # SQLite: two processes creating a fresh store both read the schema, then both
            # want to write it; one is refused at once ("database is locked", no busy wait
            # for a lock upgrade). It tries again once the other is done.
            if "database is locked" not in str(exc.orig) or attempt == LOCKED_TRIES - 1:
                raise
            time.sleep(0.1 * (attempt + 1))


def _create_missing(engine: Engine) -> None:
    """create_all, again when another process created a table between our check and our
    CREATE (`run` and the dashboard opening a fresh store at once): its next check sees it.
    Each lost race means one more table exists, so a try per table is enough."""
    tries = len(Base.metadata.tables) + 1
    for attempt in range(tries):
        try:
            Base.metadata.create_all(engine)
            return
        except DBAPIError as exc:
            said = str(exc.orig)
            raced = "already exists" in said or "duplicate key value" in said
            if not raced or attempt == tries - 1:
                raise


def _add_missing_columns(engine: Engine, tables: set[str]) -> None:
    """ALTER TABLE … ADD COLUMN for model columns an older store lacks (added nullable)."""
    inspector = inspect(engine)
    preparer = engine.dialect.identifier_preparer
    for table in Base.metadata.sorted_tables:
        if table.name not in tables:
            continue
        have = {c["name"] for c in inspector.get_columns(table.name)}
        missing = [c for c in table.columns if c.name not in have]
        if not missing:
            continue
        with engine.begin() as conn:
            for column in missing:
                kind = column.type.compile(dialect=engine.dialect)
                conn.execute(
                    text(
                        f"ALTER TABLE {preparer.format_table(table)} "
                        f"ADD COLUMN {preparer.format_column(column)} {kind}"
                    )
                )
                log.info("工作流数据库：新增列 %s.%s", table.name, column.name)
            for index in table.indexes:
                if {c.name for c in index.columns} & {c.name for c in missing}:
                    index.create(conn, checkfirst=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


def driver_marker(session: Session) -> str | None:
    """The DB-API placeholder of the session's driver (None: go through SQLAlchemy)."""
    style = session.get_bind().dialect.paramstyle
    return "?" if style == "qmark" else "%s" if style in ("format", "pyformat") else None


def driver_cursor(session: Session) -> Any:
    """A DB-API cursor in the session's transaction: rows come back as plain tuples, with none
    of SQLAlchemy's per-row and per-parameter work (use where driver_marker is known)."""
    return session.connection().connection.cursor()


def driver_time(session: Session, value: datetime) -> datetime | str:
    """A time as a UTCDateTime column stores it, for driver SQL: SQLAlchemy's text form on
    SQLite (naive UTC, microseconds always written), the aware UTC datetime elsewhere."""
    return driver_times(session)(value)


def driver_times(session: Session) -> Callable[[datetime], datetime | str]:
    """`driver_time` for the session's store, its dialect looked up once (for many times)."""
    if session.get_bind().dialect.name == "sqlite":
        return lambda value: to_utc(value).strftime(SQLITE_TIME)
    return to_utc


def is_key_conflict(exc: BaseException) -> bool:
    """Whether exc is a unique or primary-key violation, raised through SQLAlchemy or by the
    driver's own cursor (driver_run): every DB-API driver names that class IntegrityError."""
    return any(kind.__name__ == "IntegrityError" for kind in type(exc).__mro__)


def driver_run(session: Session, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """Run one statement written with `?` placeholders once per row, in the session's
    transaction: the driver's own executemany where its placeholder is known (none of
    SQLAlchemy's per-row and per-parameter work), else named parameters through SQLAlchemy.
    Values must already be as the store keeps them (driver_time, JSON text)."""
    if not rows:
        return
    mark = driver_marker(session)
    if mark is not None:
        driver_cursor(session).executemany(sql if mark == "?" else sql.replace("?", mark), rows)
        return
    session.execute(text(_named(sql)), [_params(row) for row in rows])


def driver_rows(session: Session, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Run one statement written with `?` placeholders (e.g. INSERT … RETURNING) in the
    session's transaction and return its rows as plain tuples, as driver_run runs it."""
    mark = driver_marker(session)
    if mark is not None:
        cursor = driver_cursor(session)
        cursor.execute(sql if mark == "?" else sql.replace("?", mark), params)
        return list(cursor.fetchall())
    return [tuple(row) for row in session.execute(text(_named(sql)), _params(params))]


def _named(sql: str) -> str:
    """`?` placeholders as SQLAlchemy's named ones (:p0, :p1, …), for a driver whose own
    placeholder is unknown."""
    parts = sql.split("?")
    return "".join(f"{p}:p{i}" for i, p in enumerate(parts[:-1])) + parts[-1]


def _params(row: Sequence[Any]) -> dict[str, Any]:
    return {f"p{i}": v for i, v in enumerate(row)}


def in_key_order(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows sorted by their first column, the key (unique within a batch). Inserted in that
    order, consecutive rows land on the same or the next page of a random-key index instead
    of a random one: on a 300k-row band table, 1,800 inserts and their commit took 22–25 ms
    instead of 28–30 (the commit 6.5–7 instead of 11–12)."""
    return sorted(rows, key=operator.itemgetter(0))


def lookup(
    session: Session,
    key: InstrumentedAttribute[Any],
    value: InstrumentedAttribute[Any],
    wanted: Iterable[Any],
) -> dict[Any, Any]:
    """key → value for the wanted keys that are stored (None and "" skipped): a chunk of keys
    per query through the key's index, never a table scan. Plain driver SQL where the
    placeholder is known: ingest asks for thousands of keys per batch, and SQLAlchemy's
    per-parameter and per-row work cost more than SQLite's (keys and values are plain strings
    or ints)."""
    return dict(lookup_rows(session, key, (value,), wanted))


def lookup_rows(
    session: Session,
    key: InstrumentedAttribute[Any],
    values: Sequence[InstrumentedAttribute[Any]],
    wanted: Iterable[Any],
) -> list[tuple[Any, ...]]:
    """(key, *values) rows of the wanted keys that are stored, found as `lookup` finds them."""
    ordered = sorted({k for k in wanted if k is not None and k != ""})
    found: list[tuple[Any, ...]] = []
    mark = driver_marker(session)
    table = key.class_.__tablename__
    if mark is None:
        for start in range(0, len(ordered), LOOKUP_CHUNK):
            chunk = ordered[start : start + LOOKUP_CHUNK]
            query = select(key, *values).where(key.in_(chunk))
            found.extend(tuple(row) for row in session.execute(query))
        return found
    cursor = driver_cursor(session)
    columns = ", ".join(c.key for c in (key, *values))
    for start in range(0, len(ordered), LOOKUP_CHUNK):
        chunk = ordered[start : start + LOOKUP_CHUNK]
        marks = ",".join([mark] * len(chunk))
        cursor.execute(f"SELECT {columns} FROM {table} WHERE {key.key} IN ({marks})", tuple(chunk))
        found.extend(cursor.fetchall())
    return found
