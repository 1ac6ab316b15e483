"""The case_tasks table (playbook steps of a run, or ad-hoc tasks) and its schemas."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

# The tables our foreign keys point at (cases, playbook_runs) must be declared too.
import crisis_playbooks.cases.models
import crisis_playbooks.playbook.models  # noqa: F401
from core.db import Base
from core.dbtypes import UTCDateTime
from crisis_playbooks.tasks.enums import OwnerRole, TaskStatus, is_overdue


class CaseTask(Base):
    """One step to do for a case: owner role, due time, rendered message templates."""

    __tablename__ = "case_tasks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("playbook_runs.id", ondelete="CASCADE"), nullable=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    step_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    title: Mapped[str] = mapped_column(String(300))
    owner_role: Mapped[str] = mapped_column(String(30))
    assignee: Mapped[str | None] = mapped_column(String(100), nullable=True)
    instructions: Mapped[str] = mapped_column(Text, default="")
    templates: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    checklist: Mapped[list[str]] = mapped_column(JSON, default=list)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(20), default=TaskStatus.OPEN.value)
    note: Mapped[str] = mapped_column(Text, default="")
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    completed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    overdue_notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    @property
    def status_enum(self) -> TaskStatus:
        """The status as an enum."""
        return TaskStatus(self.status)

    def is_overdue(self, now: datetime) -> bool:
        """Open and past its due time."""
        return is_overdue(self.status, self.due_at, now)


class TaskCreate(BaseModel):
    """An ad-hoc or playbook task to add to a case."""

    model_config = ConfigDict(extra="forbid")

    title: str
    owner_role: OwnerRole
    due_at: datetime | None = None
    instructions: str = ""
    templates: dict[str, str] = {}
    checklist: list[str] = []
    step_id: str | None = None
    position: int = 0
    assignee: str | None = None


class TaskRead(BaseModel):
    """A task as shown on the checklist."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int
    position: int
    title: str
    owner_role: OwnerRole
    assignee: str | None
    due_at: datetime | None
    status: TaskStatus
    note: str
    completed_at: datetime | None
