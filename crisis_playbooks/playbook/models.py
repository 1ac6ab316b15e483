"""The playbook_runs table: a playbook started on a case."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

import crisis_playbooks.cases.models  # noqa: F401  (declares cases, the target of case_id)
from core.db import Base
from core.dbtypes import UTCDateTime


class PlaybookRun(Base):
    """A playbook instantiated on a case; its steps became case_tasks."""

    __tablename__ = "playbook_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    playbook_id: Mapped[str] = mapped_column(String(100))
    playbook_name: Mapped[str] = mapped_column(String(200))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_by: Mapped[str] = mapped_column(String(100))


class PlaybookRunRead(BaseModel):
    """A run as shown on a case."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    playbook_id: str
    playbook_name: str
    started_at: datetime
    started_by: str
