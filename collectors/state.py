"""Per-source state in the workflow store: the resume cursor and the health record."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.db import Base
from core.dbtypes import UTCDateTime


class SourceStatus(StrEnum):
    """Health of a source as shown on the dashboard and read by flatline rules."""

    PENDING = "pending"
    OK = "ok"
    # Collected and indexed, but something was lost on the way (4xx follow-up pages, skipped
    # or rejected items, dropped garbled parts): counted in losses_last_run, never "ok".
    PARTIAL = "partial"
    DEGRADED = "degraded"
    BLOCKED = "blocked"
    MISCONFIGURED = "misconfigured"


SOURCE_STATUS_ZH: dict[SourceStatus, str] = {
    SourceStatus.PENDING: "未运行",
    SourceStatus.OK: "正常",
    SourceStatus.PARTIAL: "部分成功(有损失)",
    SourceStatus.DEGRADED: "异常",
    SourceStatus.BLOCKED: "被封锁/冷却中",
    SourceStatus.MISCONFIGURED: "配置错误",
}


class SourceState(Base):
    """One row per configured source."""

    __tablename__ = "source_state"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    type: Mapped[str] = mapped_column(String(50))
    cursor: Mapped[str | None] = mapped_column(Text, default=None)
    status: Mapped[str] = mapped_column(String(20), default=SourceStatus.PENDING)
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_error_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    items_last_run: Mapped[int] = mapped_column(Integer, default=0)
    items_total: Mapped[int] = mapped_column(Integer, default=0)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    # Losses (items or pages that did not make it, or only in part): count of the last run,
    # running total, and the first reason of the last run that had any.
    losses_last_run: Mapped[int | None] = mapped_column(Integer, default=0)
    losses_total: Mapped[int | None] = mapped_column(Integer, default=0)
    last_loss: Mapped[str | None] = mapped_column(Text, default=None)
    last_loss_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    cooldown_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


def state_of(session: Session, name: str, type_: str) -> SourceState:
    """The stored state of a source (or of the webhook), created pending on first use."""
    state = session.get(SourceState, name)
    if state is None:
        state = SourceState(name=name, type=type_, status=SourceStatus.PENDING)
        session.add(state)
        session.flush()
    return state
