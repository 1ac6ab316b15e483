"""The `source_lag` table and the pipeline listener that keeps it (collectors.lag reads it).

The listener takes each batch of newly indexed mentions: a subtraction a mention, then one
transaction a batch that writes each of its sources' latest entries (no write a mention).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import String, Text, insert, select, update
from sqlalchemy.orm import Mapped, mapped_column

from collectors.lag import Entry, entries_by_source, kept
from core.db import Base
from core.dbtypes import UTCDateTime
from core.models import Mention

if TYPE_CHECKING:
    from core.context import Context


class SourceLagRow(Base):
    """One row per source that ingested anything: its latest entries (collectors.lag.Entry)."""

    __tablename__ = "source_lag"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    recent: Mapped[str] = mapped_column(Text, default="[]")  # JSON list, oldest first
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class LagRecorder:
    """Pipeline listener: adds each batch's collection lags to its sources' rows. A source's
    entries are read from the store the first time this process sees it (a restart carries
    on), then kept here: one UPDATE a source a batch, no read."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._entries: dict[str, list[Entry]] = {}

    def __call__(self, mentions: list[Mention]) -> None:
        batch = entries_by_source(mentions)
        if not batch:
            return
        now = self.ctx.clock()
        row = SourceLagRow
        with self.ctx.engine.begin() as connection:
            unseen = [name for name in batch if name not in self._entries]
            if unseen:
                stored = connection.execute(
                    select(row.name, row.recent).where(row.name.in_(unseen))
                )
                self._entries.update((name, json.loads(recent)) for name, recent in stored)
                fresh = [{"name": n, "recent": "[]"} for n in unseen if n not in self._entries]
                if fresh:
                    connection.execute(insert(row), fresh)
            for name, entries in batch.items():
                recent = self._entries[name] = kept(self._entries.get(name, []), entries)
                connection.execute(
                    update(row)
                    .where(row.name == name)
                    .values(recent=json.dumps(recent), updated_at=now)
                )


def recorder(ctx: Context) -> LagRecorder:
    """The listener factory the collectors domain registers (every pipeline gets one)."""
    return LagRecorder(ctx)
