"""The case detail on ORM objects (the case page, `case show`); its card is computed by
crisis_playbooks.cards, as the board's (crisis_playbooks.board: `case list`, the dashboard)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.models import CaseEvent
from crisis_playbooks.cards import CaseCard, make_card
from crisis_playbooks.cases.models import Case
from crisis_playbooks.playbook import service as playbooks
from crisis_playbooks.playbook.models import PlaybookRun
from crisis_playbooks.recovery import service as recovery
from crisis_playbooks.recovery.models import RecoveryRecord
from crisis_playbooks.sla import service as sla
from crisis_playbooks.sla.clocks import SlaPolicy
from crisis_playbooks.tasks import service as tasks
from crisis_playbooks.tasks.models import CaseTask


@dataclass
class CaseDetail:
    """Everything the case page shows."""

    card: CaseCard[Case]
    tasks: list[CaseTask]
    runs: list[PlaybookRun]
    timeline: list[CaseEvent]
    recovery: RecoveryRecord | None


def detail(session: Session, *, case: Case, policy: SlaPolicy, now: datetime) -> CaseDetail:
    """The full detail of one case, with its board card."""
    checklist = tasks.get_all(session, case_id=case.id)
    pauses = sla.get_pauses(session, case_id=case.id)
    return CaseDetail(
        card=make_card(case, pauses, checklist, policy, now),
        tasks=checklist,
        runs=playbooks.get_runs(session, case_id=case.id),
        timeline=audit.get_all(session, case_id=case.id),
        recovery=recovery.get(session, case_id=case.id),
    )
