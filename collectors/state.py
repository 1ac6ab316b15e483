"""Per-source state in the workflow store: the resume cursor and the health record."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from collectors.status import SOURCE_STATUS_ZH, SourceStatus
from core.db import Base
from core.dbtypes import UTCDateTime

__all__ = ["SOURCE_STATUS_ZH", "SourceState", "SourceStatus", "state_of"]


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
