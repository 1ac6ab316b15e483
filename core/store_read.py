"""Read-only queries on the workflow store that start fast: one SQL text, two ways to run it.

Small read-only commands (`yuqing sources list`) would spend most of their start-up importing
SQLAlchemy (~0.3 s of CPU) to run one SELECT. On the embedded default (no `database.url`)
`read_rows` runs the query with the standard library's sqlite3 on the store file, read-only;
on a configured database (PostgreSQL), or once this process has opened the store anyway, it
runs the same SQL through SQLAlchemy. Code that already holds a session (the dashboard, a
flow) passes the session instead of the context: the same SQL then runs in that session's
transaction. So the query is written once, in portable SQL with `:name` parameters, and its
rows come back as plain dicts every way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.timeutil import to_utc

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from core.context import Context

EMBEDDED_STORE = "yuqing.db"  # the workflow store's file in the data dir (embedded default)
SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy's SQLite DateTime stores a (UTC) time


def read_rows(
    source: Context | Session, sql: str, params: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """The rows of one read-only query (a dict per row) on the context's store or in an open
    session; a store not yet created has none."""
    from core.context import Context  # loaded already by any caller holding one

    params = params or {}
    if not isinstance(source, Context):
        if source.autoflush:  # as an ORM query would: the session's pending writes count
            source.flush()
        return _on_connection(source.connection(), sql, params)
    if source.config.database.url or "engine" in source.__dict__:
        with source.engine.connect() as connection:
            return _on_connection(connection, sql, params)
    return _on_embedded_file(source.data_dir / EMBEDDED_STORE, sql, params)


def _on_embedded_file(path: Path, sql: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    if not path.exists():
        return []  # never opened: every table is empty
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in connection.execute(sql, _stored_params(params))]
    except sqlite3.OperationalError as exc:
        if str(exc).startswith("no such table"):
            return []  # made by a version without this table: nothing stored in it yet
        raise
    finally:
        connection.close()


def _stored_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as the embedded store holds them: a datetime as SQLAlchemy's SQLite text
    (naive UTC, microseconds always written), so text comparisons order like instants."""
    return {
        name: to_utc(value).strftime(SQLITE_TIME) if isinstance(value, datetime) else value
        for name, value in params.items()
    }


def _on_connection(
    connection: Connection, sql: str, params: Mapping[str, Any]
) -> list[dict[str, Any]]:
    from sqlalchemy import text

    if connection.dialect.name == "sqlite":  # a raw text query: no column types bind the times
        params = _stored_params(params)
    return [dict(row._mapping) for row in connection.execute(text(sql), dict(params))]


def stored_time(value: datetime | str | None) -> datetime | None:
    """A stored timestamp as an aware UTC datetime (sqlite3 hands back SQLAlchemy's text form)."""
    if value is None:
        return None
    return to_utc(datetime.fromisoformat(value) if isinstance(value, str) else value)
