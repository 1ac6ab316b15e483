"""What `yuqing ingest` runs loaded, read from the `ingest_runs` table without the ORM (so
`yuqing sources list` starts fast, as with source health): the counts and first rejected lines
of each run, for 数据源状态 and `sources list`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from core.store_read import read_rows, stored_time

if TYPE_CHECKING:
    from core.context import Context

COUNTS = ("new", "updated", "duplicates", "rejected", "truncated", "repaired")
RECENT_SQL = "SELECT * FROM ingest_runs ORDER BY started_at DESC, id DESC LIMIT :limit"


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


def summary_zh(run: IngestRecord) -> str:
    """One line: 读取 5 行：新增 3，更新 0，重复 1，拒绝 1，截断 0 (未完成 when it broke off)."""
    done = "" if run.finished_at else "，未完成（导入中断）"
    return (
        f"读取 {run.lines} 行：新增 {run.new}，更新 {run.updated}，重复 {run.duplicates}，"
        f"拒绝 {run.rejected}，截断 {run.truncated}{done}"
    )
