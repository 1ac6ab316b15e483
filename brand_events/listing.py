"""The event list and the data clock: the one read of which events are listed, as plain rows.

Every list of events reads here: `yuqing events list`, the dashboard's 事件 page and the
report's 事件 section. Through core.store_read the SELECT runs with stdlib sqlite3 on the
embedded store (so the command starts without the ORM), with SQLAlchemy on a configured
database, or in a session a caller already holds: the same SQL every way. Status and the JSON
summary come from brand_events.status, as for the ORM `Event`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from brand_events.status import data_clock
from core.store_read import read_rows, stored_time

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from core.context import Context

COLUMNS = (
    "id, title, visible, started_at, last_at, mention_count, author_count, first_mention_id,"
    " first_source, first_native_id, first_author, hourly"
)
NEWEST_SQL = "SELECT max(last_at) AS newest FROM events"
# Forming events include the one-post ones, kept in their own table (brand_events.seed_rows) and
# read on their own: a store written by an older version has no such table yet.
SEEDS = (
    "(SELECT mention_id AS id, '' AS title, 0 AS visible, published_at AS started_at,"
    " published_at AS last_at, 1 AS mention_count, 1 AS author_count,"
    " mention_id AS first_mention_id, source AS first_source, native_id AS first_native_id,"
    " author AS first_author, NULL AS hourly, NULL AS merged_into FROM event_seeds) AS events"
)
SEEDS_NEWEST_SQL = "SELECT max(published_at) AS newest FROM event_seeds"


@dataclass(frozen=True)
class EventRow:
    """One listed event: a read-only copy of the `events` columns the list shows."""

    id: str
    title: str
    visible: bool
    started_at: datetime
    last_at: datetime
    mention_count: int
    author_count: int
    first_mention_id: str
    first_source: str
    first_native_id: str
    first_author: str | None
    hourly: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> EventRow:
        """From a row of `events` (sqlite3 gives JSON as text and times as SQLAlchemy's text)."""
        hourly = row["hourly"]
        started, last = stored_time(row["started_at"]), stored_time(row["last_at"])
        assert started is not None and last is not None  # NOT NULL in every stored event
        if hourly is None:  # a one-post event (seed_rows)
            hourly = seed_hourly(started)
        return cls(
            id=str(row["id"]),
            title=row["title"] or "",
            visible=bool(row["visible"]),
            started_at=started,
            last_at=last,
            mention_count=row["mention_count"] or 0,
            author_count=row["author_count"] or 0,
            first_mention_id=row["first_mention_id"] or "",
            first_source=row["first_source"] or "",
            first_native_id=row["first_native_id"] or "",
            first_author=row["first_author"],
            hourly=(json.loads(hourly) if isinstance(hourly, str) else hourly) or {},
        )


def seed_hourly(at: datetime) -> dict[str, int]:
    """A one-post event's `hourly`: its post in the clock hour of its time."""
    return {str(int(at.timestamp() // 3600)): 1}


def read_events(
    source: Context | Session,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    started_since: datetime | None = None,
    include_forming: bool = False,
    limit: int | None = None,
) -> list[EventRow]:
    """Events active in [since, until) (and started at `started_since` or later), biggest
    first, ties the earlier start first; forming clusters only when asked; events merged into
    another left out; at most `limit`."""
    where, params = ["merged_into IS NULL"], dict[str, object]()
    if not include_forming:
        where.append("visible = :visible")
        params["visible"] = True
    if since is not None:
        where.append("last_at >= :since")
        params["since"] = since
    if until is not None:
        where.append("started_at < :until")
        params["until"] = until
    if started_since is not None:
        where.append("started_at >= :started_since")
        params["started_since"] = started_since
    rows = []
    for table in ("events", SEEDS) if include_forming else ("events",):
        sql = (
            f"SELECT {COLUMNS} FROM {table} WHERE {' AND '.join(where)}"
            " ORDER BY mention_count DESC, started_at"
        )
        if limit:
            sql += " LIMIT :limit"
            params["limit"] = limit
        rows += [EventRow.from_row(row) for row in read_rows(source, sql, params)]
    if include_forming:  # (stable: events before one-post events of the same size and start)
        rows.sort(key=lambda row: (-row.mention_count, row.started_at))
    return rows[:limit] if limit else rows


def read_data_now(
    source: Context | Session, wall: datetime, now: datetime | None = None
) -> datetime:
    """The moment statuses and growth are computed at (the data clock): an explicit `now`, else
    the newest mention the event store has seen, never later than the wall clock — so a replay
    of last month's data shows its events as they stood when the data ends, not 已平息."""
    if now is not None:
        return now
    return data_clock(newest_seen(source), wall)


def newest_seen(source: Context | Session) -> datetime | None:
    """The time of the newest post the event store holds (events and one-post events), or None."""
    found = [
        stored_time(row["newest"])
        for sql in (NEWEST_SQL, SEEDS_NEWEST_SQL)
        for row in read_rows(source, sql)
    ]
    return max((at for at in found if at is not None), default=None)
