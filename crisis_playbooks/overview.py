"""Read models for the case board and case detail on ORM objects (the dashboard, `case show`);
the cards themselves are computed in crisis_playbooks.cards (`case list` reads plain rows:
crisis_playbooks.board)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.models import CaseEvent
from crisis_playbooks.cards import CaseCard, group_cards, make_card
from crisis_playbooks.cases import service as cases
from crisis_playbooks.cases.enums import CaseStatus
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


def card(session: Session, *, case: Case, policy: SlaPolicy, now: datetime) -> CaseCard[Case]:
    """The board card of one case."""
    pauses = sla.get_pauses(session, case_id=case.id)
    return make_card(case, pauses, tasks.get_all(session, case_id=case.id), policy, now)


def board(
    session: Session, *, policy: SlaPolicy, now: datetime, statuses: list[CaseStatus] | None = None
) -> dict[CaseStatus, list[CaseCard[Case]]]:
    """Cards grouped by status (every status present, possibly empty), overdue first."""
    found = cases.get_all(session, statuses=statuses or ())
    return group_cards(card(session, case=c, policy=policy, now=now) for c in found)


def detail(session: Session, *, case: Case, policy: SlaPolicy, now: datetime) -> CaseDetail:
    """The full detail of one case."""
    return CaseDetail(
        card=card(session, case=case, policy=policy, now=now),
        tasks=tasks.get_all(session, case_id=case.id),
        runs=playbooks.get_runs(session, case_id=case.id),
        timeline=audit.get_all(session, case_id=case.id),
        recovery=recovery.get(session, case_id=case.id),
    )
