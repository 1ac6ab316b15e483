"""Start a playbook on a case: its steps become tasks due relative to its first alert (DOMAIN:
a deadline relative to the alert), or to the case's opening when it has none."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.timeutil import as_utc
from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.cases.models import Case, CaseAlert
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
    since = clock_start(session, case)
    offset = len(tasks.get_all(session, case_id=case.id))
    for position, step in enumerate(playbook.steps, start=offset):
        task_in = TaskCreate(
            title=step.title,
            owner_role=step.owner,
            due_at=since + step.due,
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


def clock_start(session: Session, case: Case) -> datetime:
    """When the playbook's deadlines count from: the first of the case's alerts, when it was
    raised before the case was opened (a leak alerted at 22:23 and taken up at 00:32 owes
    its holding statement by 23:23, not 01:32), else the case's opening."""
    opened = as_utc(case.opened_at)
    assert opened is not None
    ids = list(session.scalars(select(CaseAlert.alert_id).where(CaseAlert.case_id == case.id)))
    if not ids:
        return opened
    from alerting.models import Alert

    raised = [as_utc(a.opened_at) for a in session.scalars(select(Alert).where(Alert.id.in_(ids)))]
    return min([opened, *(t for t in raised if t is not None)])
