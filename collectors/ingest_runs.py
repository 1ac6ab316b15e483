"""Files loaded with `yuqing ingest`, one row per run: what came in besides the configured
sources. 数据源状态 and `yuqing sources list` show them (collectors.ingest_log reads them), so a
week imported from a file is not shown as "no sources"."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from collectors.ingest_log import COUNTS, IngestOutcome
from core.db import Base
from core.dbtypes import UTCDateTime

if TYPE_CHECKING:
    from core.context import Context

KEPT_REASONS = 20  # rejected lines stored with their reason; the command printed them all


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
