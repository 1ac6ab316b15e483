"""Task data access."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from crisis_playbooks.errors import CaseNotFound
from crisis_playbooks.tasks.enums import TaskStatus
from crisis_playbooks.tasks.models import CaseTask, TaskCreate


def get(session: Session, *, task_id: int) -> CaseTask:
    """The task with this id; CaseNotFound otherwise."""
    task = session.get(CaseTask, task_id)
    if task is None:
        raise CaseNotFound(f"任务 #{task_id} 不存在")
    return task


def get_all(session: Session, *, case_id: int) -> list[CaseTask]:
    """A case's tasks in checklist order."""
    query = select(CaseTask).where(CaseTask.case_id == case_id)
    return list(session.scalars(query.order_by(CaseTask.position, CaseTask.id)))


def get_overdue(
    session: Session, *, now: datetime, unnotified_only: bool = False
) -> list[CaseTask]:
    """Open tasks past their due time, across all cases."""
    query = select(CaseTask).where(
        CaseTask.status == TaskStatus.OPEN.value,
        CaseTask.due_at.is_not(None),
        CaseTask.due_at < now,
    )
    if unnotified_only:
        query = query.where(CaseTask.overdue_notified_at.is_(None))
    return list(session.scalars(query.order_by(CaseTask.due_at, CaseTask.id)))


def create(
    session: Session, *, case_id: int, task_in: TaskCreate, run_id: int | None = None
) -> CaseTask:
    """Insert an open task."""
    task = CaseTask(
        case_id=case_id, run_id=run_id, status=TaskStatus.OPEN.value, **task_in.model_dump()
    )
    session.add(task)
    session.flush()
    return task
