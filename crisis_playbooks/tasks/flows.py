"""Task flows: tick a step done or skip it (with a note), and flag overdue tasks once."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from alerting.notifiers import Notification
from core.enums import Severity
from core.escaping import chat_text
from core.timeutil import interval_zh
from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.cases.models import Case
from crisis_playbooks.config import CasesConfig
from crisis_playbooks.errors import CaseError
from crisis_playbooks.notices import NoticeSender, case_link
from crisis_playbooks.tasks import service
from crisis_playbooks.tasks.enums import OwnerRole, TaskStatus
from crisis_playbooks.tasks.models import CaseTask


def set_status(
    session: Session,
    *,
    task: CaseTask,
    status: TaskStatus,
    actor: str,
    now: datetime,
    note: str = "",
) -> CaseTask:
    """Mark a task done, skipped or open again; skipping needs a reason. Done again (or skipped
    again) changes nothing: the first completer, time and note stay."""
    if status == TaskStatus.SKIPPED and not note.strip():
        raise CaseError("跳过步骤需要填写原因")
    before = task.status
    if before == status.value and (status != TaskStatus.OPEN or note == task.note):
        return task  # ticked again: whoever completed (or skipped) it first stays on record
    field, text = f"task#{task.id}", f"{task.title}" + (f"：{note}" if note else "")
    changed = audit.apply_changes(
        session,
        target=task,
        changes={"status": status},
        case_id=task.case_id,
        actor=actor,
        at=now,
        kind=EventKind.TASK_CHANGED,
        field=field,
        text=text,
    )
    if not changed:  # same status with a new note: the note still goes on the timeline
        audit.create(
            session,
            case_id=task.case_id,
            actor=actor,
            at=now,
            kind=EventKind.TASK_CHANGED,
            field=field,
            before=before,
            after=status,
            text=text,
        )
    task.note = note or task.note
    closing = status != TaskStatus.OPEN
    task.completed_at = now if closing else None
    task.completed_by = actor if closing else None
    session.flush()
    return task


def settled_zh(task: CaseTask, tz: ZoneInfo) -> str:
    """'已由 李娜 于 12-03 03:55 完成' (or 跳过) for a done or skipped step."""
    verb = {TaskStatus.DONE: "完成", TaskStatus.SKIPPED: "跳过"}.get(task.status_enum, "处理")
    at = f"{task.completed_at.astimezone(tz):%m-%d %H:%M}" if task.completed_at else "—"
    return f"已由 {task.completed_by or '—'} 于 {at} {verb}"


def _due_zh(task: CaseTask, now: datetime, tz: ZoneInfo) -> str:
    """'12-03 04:55（已逾期 1 小时 35 分钟）' in the configured zone."""
    if task.due_at is None:
        return "—"
    late = interval_zh(now - task.due_at, units=2)
    return f"{task.due_at.astimezone(tz):%m-%d %H:%M}（已逾期 {late}）"


def notify_overdue(
    session: Session,
    *,
    now: datetime,
    send: NoticeSender,
    public_url: str,
    tz: ZoneInfo,
    config: CasesConfig | None = None,
) -> list[CaseTask]:
    """Send one notice per newly overdue task (to the case owner's notifiers) and remember it;
    the due time is written in `tz`, with how long ago it passed."""
    flagged = service.get_overdue(session, now=now, unnotified_only=True)
    for task in flagged:
        case = session.get(Case, task.case_id)
        owner = case.owner if case else None
        task_zh = chat_text(task.title)
        send(
            Notification(
                title=f"案件 #{task.case_id} 任务逾期：{task_zh}",
                body_markdown=(
                    f"**任务**：{task_zh}\n\n**负责角色**：{OwnerRole(task.owner_role).label_zh}"
                    f"\n\n**案件负责人**：{chat_text(owner or '（未指派）')}\n\n"
                    f"**截止时间**：{_due_zh(task, now, tz)}\n\n"
                    "请尽快处理或在案件中注明跳过原因。"
                ),
                severity=Severity.MEDIUM,
                link=case_link(public_url, task.case_id),
                targets=config.targets_for(owner, escalate=False) if config else None,
            )
        )
        task.overdue_notified_at = now
        audit.create(
            session,
            case_id=task.case_id,
            actor="system",
            at=now,
            kind=EventKind.TASK_OVERDUE,
            field=f"task#{task.id}",
            text=task.title,
        )
    session.flush()
    return flagged
