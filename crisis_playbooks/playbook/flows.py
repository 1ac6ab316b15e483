"""Start a playbook on a case: its steps become tasks due relative to the case's opening."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.cases.models import Case
from crisis_playbooks.errors import CaseError
from crisis_playbooks.playbook.definition import Playbook
from crisis_playbooks.playbook.models import PlaybookRun
from crisis_playbooks.playbook.render import case_values, render
from crisis_playbooks.playbook.service import get_runs
from crisis_playbooks.tasks import service as tasks
from crisis_playbooks.tasks.models import TaskCreate


def start(
    session: Session, *, case: Case, playbook: Playbook, actor: str, now: datetime, tz: ZoneInfo
) -> PlaybookRun:
    """Instantiate the playbook's steps as tasks (once per playbook and case)."""
    if any(run.playbook_id == playbook.id for run in get_runs(session, case_id=case.id)):
        raise CaseError(f"案件 #{case.id} 已启动预案「{playbook.name}」（{playbook.id}）")
    run = PlaybookRun(
        case_id=case.id,
        playbook_id=playbook.id,
        playbook_name=playbook.name,
        started_at=now,
        started_by=actor,
    )
    session.add(run)
    session.flush()
    values = case_values(case, tz)
    offset = len(tasks.get_all(session, case_id=case.id))
    for position, step in enumerate(playbook.steps, start=offset):
        task_in = TaskCreate(
            title=step.title,
            owner_role=step.owner,
            due_at=case.opened_at + step.due,
            instructions=render(step.instructions, values),
            templates={kind.value: render(text, values) for kind, text in step.templates.items()},
            checklist=step.checklist,
            step_id=step.id,
            position=position,
        )
        tasks.create(session, case_id=case.id, task_in=task_in, run_id=run.id)
    case.proposed_playbook = playbook.id
    case.updated_at = now
    audit.create(
        session,
        case_id=case.id,
        actor=actor,
        at=now,
        kind=EventKind.PLAYBOOK_STARTED,
        after=playbook.id,
        text=f"{playbook.name}（{len(playbook.steps)} 个步骤）",
    )
    return run
