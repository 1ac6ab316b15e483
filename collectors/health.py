"""The stored health of every source, read without SQLAlchemy on the embedded default.

`yuqing sources list` and the dashboard's 数据源状态 page show the same rows; both read them
here (core.store_read: stdlib sqlite3 on the embedded store, SQLAlchemy on PostgreSQL), so the
command starts without importing the ORM (~0.4 s of CPU less).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from collectors.status import SourceStatus
from core.store_read import read_rows, stored_time

if TYPE_CHECKING:
    from core.context import Context

HEALTH_SQL = "SELECT * FROM source_state"


@dataclass(frozen=True)
class SourceHealth:
    """One source's stored health record (a read-only copy of its `source_state` row)."""

    name: str
    type: str
    status: SourceStatus
    last_success_at: datetime | None = None
    last_error: str | None = None
    items_last_run: int = 0
    items_total: int = 0
    consecutive_failures: int = 0
    losses_last_run: int = 0
    losses_total: int = 0
    last_loss: str | None = None
    cooldown_until: datetime | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> SourceHealth:
        """From a row of `source_state` (columns an older store lacks take their defaults)."""
        return cls(
            name=str(row["name"]),
            type=str(row["type"]),
            status=SourceStatus(row.get("status") or SourceStatus.PENDING),
            last_success_at=stored_time(row.get("last_success_at")),
            last_error=row.get("last_error"),
            items_last_run=row.get("items_last_run") or 0,
            items_total=row.get("items_total") or 0,
            consecutive_failures=row.get("consecutive_failures") or 0,
            losses_last_run=row.get("losses_last_run") or 0,
            losses_total=row.get("losses_total") or 0,
            last_loss=row.get("last_loss"),
            cooldown_until=stored_time(row.get("cooldown_until")),
        )


def read_health(ctx: Context) -> dict[str, SourceHealth]:
    """Every stored source health record by source name (configured or pushed by webhook)."""
    return {h.name: h for h in map(SourceHealth.from_row, read_rows(ctx, HEALTH_SQL))}


def cooldown_note(ctx: Context, name: str) -> str:
    """ "冷却至 11-23 18:00（北京时间）" for a source in cooldown ("冷却中" without a time)."""
    health = read_health(ctx).get(name)
    until = health.cooldown_until if health else None
    if until is None:
        return "冷却中"
    zone = (
        "北京时间"
        if str(ctx.config.tz) in ("Asia/Shanghai", "Asia/Chongqing")
        else str(ctx.config.tz)
    )
    return f"冷却至 {until.astimezone(ctx.config.tz):%m-%d %H:%M}（{zone}）"
