"""Read models for the case board and case detail (CLI and dashboard share them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.models import CaseEvent
from crisis_playbooks.cases import service as cases
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.cases.models import Case
from crisis_playbooks.playbook import service as playbooks
from crisis_playbooks.playbook.models import PlaybookRun
from crisis_playbooks.recovery import service as recovery
from crisis_playbooks.recovery.models import RecoveryRecord
from crisis_playbooks.sla import service as sla
from crisis_playbooks.sla.clocks import SlaClock, SlaPolicy, read_clocks
from crisis_playbooks.sla.enums import ClockState
from crisis_playbooks.tasks import service as tasks
from crisis_playbooks.tasks.models import CaseTask


@dataclass
class CaseCard:
    """One case on the board: its clocks and task counts at `now`."""

    case: Case
    now: datetime
    clocks: list[SlaClock]
    tasks_open: int
    tasks_total: int
    tasks_overdue: int

    @property
    def overdue(self) -> bool:
        """An open case with a breached clock or a task past due."""
        breached = any(c.state == ClockState.BREACHED for c in self.clocks)
        return self.case.status_enum.is_open and (breached or self.tasks_overdue > 0)

    @property
    def warning(self) -> bool:
        """A clock is close to its target."""
        return any(c.state == ClockState.WARNING for c in self.clocks)


@dataclass
class CaseDetail:
    """Everything the case page shows."""

    card: CaseCard
    tasks: list[CaseTask]
    runs: list[PlaybookRun]
    timeline: list[CaseEvent]
    recovery: RecoveryRecord | None


def card(session: Session, *, case: Case, policy: SlaPolicy, now: datetime) -> CaseCard:
    """The board card of one case."""
    pauses = sla.get_pauses(session, case_id=case.id)
    items = tasks.get_all(session, case_id=case.id)
    return CaseCard(
        case=case,
        now=now,
        clocks=read_clocks(case, pauses, policy, now),
        tasks_open=sum(1 for t in items if t.status == "open"),
        tasks_total=len(items),
        tasks_overdue=sum(1 for t in items if t.is_overdue(now)),
    )


def board(
    session: Session, *, policy: SlaPolicy, now: datetime, statuses: list[CaseStatus] | None = None
) -> dict[CaseStatus, list[CaseCard]]:
    """Cards grouped by status (every status present, possibly empty), overdue first."""
    grouped: dict[CaseStatus, list[CaseCard]] = {s: [] for s in CaseStatus}
    for case in cases.get_all(session, statuses=statuses or ()):
        grouped[case.status_enum].append(card(session, case=case, policy=policy, now=now))
    for cards in grouped.values():
        cards.sort(key=lambda c: (not c.overdue, not c.warning, -c.case.severity_enum.rank))
    return grouped


def detail(session: Session, *, case: Case, policy: SlaPolicy, now: datetime) -> CaseDetail:
    """The full detail of one case."""
    return CaseDetail(
        card=card(session, case=case, policy=policy, now=now),
        tasks=tasks.get_all(session, case_id=case.id),
        runs=playbooks.get_runs(session, case_id=case.id),
        timeline=audit.get_all(session, case_id=case.id),
        recovery=recovery.get(session, case_id=case.id),
    )
