"""The event list as plain rows, read without SQLAlchemy on the embedded default.

`yuqing events list` needs one SELECT; through core.store_read it runs with stdlib sqlite3 on
the embedded store (SQLAlchemy on a configured database: the same SQL), so the command starts
without the ORM. Status and the JSON summary come from brand_events.status, as for the ORM
`Event`.
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
    from core.context import Context

COLUMNS = (
    "id, title, visible, started_at, last_at, mention_count, author_count, first_mention_id,"
    " first_source, first_native_id, first_author, hourly"
)
NEWEST_SQL = "SELECT max(last_at) AS newest FROM events"


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


def read_events(
    ctx: Context,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    include_forming: bool = False,
) -> list[EventRow]:
    """Events active in [since, until), biggest first (as service.get_all orders them); forming
    clusters only when asked; events merged into another are left out."""
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
    sql = (
        f"SELECT {COLUMNS} FROM events WHERE {' AND '.join(where)}"
        " ORDER BY mention_count DESC, started_at"
    )
    return [EventRow.from_row(row) for row in read_rows(ctx, sql, params)]


def read_data_now(ctx: Context, wall: datetime, now: datetime | None = None) -> datetime:
    """The data clock (brand_events.status.data_clock) from the newest stored event time."""
    if now is not None:
        return now
    rows = read_rows(ctx, NEWEST_SQL)
    return data_clock(stored_time(rows[0]["newest"]) if rows else None, wall)
