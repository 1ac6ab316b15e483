"""The case_events table: the audit log and the case timeline in one."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

import crisis_playbooks.cases.models  # noqa: F401  (declares cases, the target of case_id)
from core.db import Base
from core.dbtypes import UTCDateTime
from crisis_playbooks.audit.enums import EventKind


class CaseEvent(Base):
    """One audit entry: who, when, what kind, which field, before → after, free text."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(30))
    field: Mapped[str | None] = mapped_column(String(60), nullable=True)
    before: Mapped[str | None] = mapped_column(Text, nullable=True)
    after: Mapped[str | None] = mapped_column(Text, nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")

    def describe(self) -> str:
        """'field: before → after' for changes (or the linked value), then the free text."""
        change = ""
        if self.field and (self.before is not None or self.after is not None):
            change = f"{self.field}: {self.before or '—'} → {self.after or '—'}"
        elif self.after:
            change = self.after
        return " ".join(p for p in (change, self.text) if p)


class CaseEventRead(BaseModel):
    """An audit entry as shown on the timeline."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    at: datetime
    actor: str
    kind: EventKind
    field: str | None
    before: str | None
    after: str | None
    text: str
