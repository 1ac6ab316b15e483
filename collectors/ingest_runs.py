"""Files loaded with `yuqing ingest`, one row per run: what came in besides the configured
sources. 数据源状态 lists them (when, which file, lines read, stored, duplicates, rejected lines
with their first reasons), so a week imported from a file is not shown as "no sources"."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base
from core.dbtypes import UTCDateTime
from core.store_read import read_rows, stored_time

if TYPE_CHECKING:
    from core.context import Context

KEPT_REASONS = 20  # rejected lines stored with their reason; the command printed them all
COUNTS = ("new", "updated", "duplicates", "rejected", "truncated", "repaired")
RECENT_SQL = "SELECT * FROM ingest_runs ORDER BY started_at DESC, id DESC LIMIT :limit"


class IngestRun(Base):
    """One `yuqing ingest` of one file; `finished_at` stays empty when the run broke off."""

    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    file: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(100), default=None)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    new: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    truncated: Mapped[int] = mapped_column(Integer, default=0)
    repaired: Mapped[int] = mapped_column(Integer, default=0)
    # JSON list of [ref, reason] of the first KEPT_REASONS rejected lines, in line order.
    reasons: Mapped[str] = mapped_column(Text, default="[]")


@dataclass(frozen=True)
class IngestOutcome:
    """What a finished run counted (app.commands.intake.Tally has these)."""

    new: int
    updated: int
    duplicates: int
    rejected: int
    truncated: int
    repaired: int
    reasons: Sequence[tuple[str, str]]


def start(ctx: Context, file: str, source: str | None, now: datetime) -> int:
    """Record a run as begun (so one that breaks off still shows); its id."""
    with ctx.sessions() as session:
        run = IngestRun(file=file, source=source, started_at=now)
        session.add(run)
        session.commit()
        return run.id


def finish(ctx: Context, run_id: int, outcome: IngestOutcome, now: datetime) -> None:
    """Record what the run counted and when it ended."""
    with ctx.sessions() as session:
        run = session.get(IngestRun, run_id)
        if run is None:
            return
        for name in COUNTS:
            setattr(run, name, getattr(outcome, name))
        kept = [list(pair) for pair in outcome.reasons[:KEPT_REASONS]]
        run.reasons = json.dumps(kept, ensure_ascii=False)
        run.finished_at = now
        session.commit()


@dataclass(frozen=True)
class IngestRecord(IngestOutcome):
    """A read-only copy of one `ingest_runs` row: the run's counts, file and times."""

    file: str
    source: str | None
    started_at: datetime | None
    finished_at: datetime | None

    @property
    def lines(self) -> int:
        """Lines (records) read: each is new, updated, a duplicate or rejected."""
        return self.new + self.updated + self.duplicates + self.rejected

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> IngestRecord:
        """From a row of `ingest_runs`."""
        return cls(
            file=str(row["file"]),
            source=row.get("source"),
            started_at=stored_time(row.get("started_at")),
            finished_at=stored_time(row.get("finished_at")),
            **{name: int(row.get(name) or 0) for name in COUNTS},
            reasons=[(str(ref), str(why)) for ref, why in json.loads(row.get("reasons") or "[]")],
        )


def recent_runs(ctx: Context, limit: int = 50) -> list[IngestRecord]:
    """The latest ingest runs, newest first."""
    return [IngestRecord.from_row(r) for r in read_rows(ctx, RECENT_SQL, {"limit": limit})]
