"""The `source_lag` table and the pipeline listener that keeps it (collectors.lag reads it).

The listener takes each batch of newly indexed mentions: a subtraction a mention, then one
transaction a batch that writes each of its sources' latest entries (no write a mention).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import String, Text, insert, select, update
from sqlalchemy.orm import Mapped, mapped_column

from collectors.lag import Entry, by_source, entry_of, kept
from core.db import Base
from core.dbtypes import UTCDateTime
from core.models import Mention
from core.timeutil import as_utc

if TYPE_CHECKING:
    from core.context import Context


class SourceLagRow(Base):
    """One row per source that ingested anything: its latest entries (collectors.lag.Entry)."""

    __tablename__ = "source_lag"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    recent: Mapped[str] = mapped_column(Text, default="[]")  # JSON list, oldest first
    # Its first batch: what was published before it was back-filled (collectors.lag.OLD).
    since: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class LagRecorder:
    """Pipeline listener: adds each batch's collection lags to its sources' rows. A source's
    row is read from the store the first time this process sees it (a restart carries on),
    then kept here: one UPDATE a source a batch, no read."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._rows: dict[str, tuple[datetime | None, list[Entry]]] = {}

    def __call__(self, mentions: list[Mention]) -> None:
        batch = by_source(mentions)
        if not batch:
            return
        now = self.ctx.clock()
        row = SourceLagRow
        with self.ctx.engine.begin() as connection:
            unseen = [name for name in batch if name not in self._rows]
            if unseen:
                stored = connection.execute(
                    select(row.name, row.since, row.recent).where(row.name.in_(unseen))
                )
                for name, since, text in stored:
                    self._rows[name] = (as_utc(since), json.loads(text))
                fresh = [n for n in unseen if n not in self._rows]
                if fresh:
                    connection.execute(
                        insert(row), [{"name": n, "since": now, "recent": "[]"} for n in fresh]
                    )
                    self._rows.update((n, (now, [])) for n in fresh)
            for name, posts in batch.items():
                since, previous = self._rows[name]
                recent = kept(previous, [entry_of(m, since) for m in posts])
                self._rows[name] = (since, recent)
                connection.execute(
                    update(row)
                    .where(row.name == name)
                    .values(recent=json.dumps(recent), updated_at=now)
                )


def running_since(ctx: Context, names: Iterable[str], since: datetime) -> None:
    """Take the sources as collecting since `since` (a replay of a stream the service was
    running through: its first records were no first run's back-fill)."""
    row = SourceLagRow
    with ctx.engine.begin() as connection:
        known = set(connection.scalars(select(row.name).where(row.name.in_(set(names)))))
        fresh = [{"name": n, "since": since, "recent": "[]"} for n in set(names) - known]
        if fresh:
            connection.execute(insert(row), fresh)


def recorder(ctx: Context) -> LagRecorder:
    """The listener factory the collectors domain registers (every pipeline gets one)."""
    return LagRecorder(ctx)
