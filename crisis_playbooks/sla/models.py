"""SLA tables: pauses while waiting for the customer, and notices already sent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

import crisis_playbooks.cases.models  # noqa: F401  (declares cases, the target of case_id)
from core.db import Base
from core.dbtypes import UTCDateTime


class SlaPause(Base):
    """A period when the SLA clocks of a case stood still (waiting for the customer)."""

    __tablename__ = "case_sla_pauses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SlaNotice(Base):
    """A warning or breach notice sent for one clock; the unique key prevents repeats."""

    __tablename__ = "case_sla_notices"
    __table_args__ = (UniqueConstraint("case_id", "clock", "level"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    clock: Mapped[str] = mapped_column(String(30))
    level: Mapped[str] = mapped_column(String(20))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
