"""compute_kpis: Nones without data, correct medians, attainment and recovery figures."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from crisis_playbooks.cases import flows
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.cases.models import Case
from crisis_playbooks.kpis import compute_kpis
from crisis_playbooks.playbook.definition import Playbook
from crisis_playbooks.recovery import service as recovery
from crisis_playbooks.recovery.models import RecoveryUpdate
from crisis_playbooks.sla.clocks import SlaPolicy
from tests.cases.conftest import local, make_case, start_playbook

WEEK_START = local(2026, 11, 23)
WEEK_END = local(2026, 11, 30)


def walk(session: Session, case: Case, policy: SlaPolicy, *steps: tuple[CaseStatus, int]) -> None:
    """Move the case through statuses, each `minutes` after it opened."""
    for status, minutes in steps:
        flows.transition(
            session,
            case=case,
            to=status,
            actor="a",
            policy=policy,
            now=case.opened_at + timedelta(minutes=minutes),
        )


def test_first_contact_resolution_counts_one_pass_cases(
    session: Session, policy: SlaPolicy
) -> None:
    one_pass = make_case(session, title="one pass", now=local(2026, 11, 23, 10))
    walk(
        session,
        one_pass,
        policy,
        (CaseStatus.ACKNOWLEDGED, 5),
        (CaseStatus.RESPONDING, 10),
        (CaseStatus.RESOLVED, 60),
    )
    reopened = make_case(session, title="reopened", now=local(2026, 11, 23, 11))
    walk(
        session,
        reopened,
        policy,
        (CaseStatus.ACKNOWLEDGED, 5),
        (CaseStatus.RESPONDING, 10),
        (CaseStatus.RESOLVED, 60),
        (CaseStatus.RESPONDING, 120),  # the customer came back: not solved the first time
        (CaseStatus.RESOLVED, 180),
    )
    waited = make_case(session, title="waited", now=local(2026, 11, 23, 12))
    walk(session, waited, policy, (CaseStatus.ACKNOWLEDGED, 5), (CaseStatus.RESPONDING, 10))
    flows.set_waiting(
        session, case=waited, waiting=True, actor="a", now=local(2026, 11, 23, 12, 20)
    )
    flows.set_waiting(session, case=waited, waiting=False, actor="a", now=local(2026, 11, 23, 14))
    walk(session, waited, policy, (CaseStatus.RESOLVED, 150))
    open_case = make_case(session, title="open", now=local(2026, 11, 23, 13))
    session.commit()
    assert open_case.resolved_at is None

    kpis = compute_kpis(session, start=WEEK_START, end=WEEK_END)
    assert kpis.first_contact_resolution == 1 / 3


def test_empty_period_gives_nones(session: Session) -> None:
    kpis = compute_kpis(session, start=WEEK_START, end=WEEK_END)
    assert kpis.first_contact_resolution is None
    assert kpis.cases_opened == kpis.cases_closed == kpis.overdue_open == 0
    assert kpis.first_response_median is None and kpis.resolution_median is None
    assert kpis.sla_attainment is None and kpis.recovery_closure_rate is None
    assert kpis.post_recovery_satisfaction is None


def test_kpis_of_a_week(session: Session, policy: SlaPolicy, library: dict[str, Playbook]) -> None:
    fast = make_case(session, title="fast", now=local(2026, 11, 23, 10))
    walk(
        session,
        fast,
        policy,
        (CaseStatus.ACKNOWLEDGED, 10),
        (CaseStatus.RESPONDING, 30),
        (CaseStatus.RESOLVED, 120),
        (CaseStatus.CLOSED, 180),
    )
    slow = make_case(session, title="slow", now=local(2026, 11, 24, 10))
    walk(
        session,
        slow,
        policy,
        (CaseStatus.ACKNOWLEDGED, 60),
        (CaseStatus.RESPONDING, 180),
        (CaseStatus.RESOLVED, 240),
    )
    stuck = make_case(session, title="stuck", now=local(2026, 11, 25, 10))
    start_playbook(session, stuck, library["food_safety"], now=local(2026, 11, 25, 10, 1))
    make_case(session, title="last week", now=local(2026, 11, 16, 10))
    recovery.update(
        session,
        case_id=fast.id,
        actor="a",
        now=local(2026, 11, 26),
        recovery_in=RecoveryUpdate(satisfaction=5, followed_up_at=local(2026, 11, 26)),
    )
    recovery.update(
        session,
        case_id=slow.id,
        actor="a",
        now=local(2026, 11, 26),
        recovery_in=RecoveryUpdate(satisfaction=2),
    )
    session.commit()

    kpis = compute_kpis(session, start=WEEK_START, end=WEEK_END, now=local(2026, 11, 25, 12))
    assert kpis.cases_opened == 3 and kpis.cases_closed == 1
    assert kpis.first_response_median == timedelta(minutes=105)  # median of 30 and 180
    assert kpis.resolution_median == timedelta(minutes=180)  # median of 120 and 240
    assert kpis.sla_attainment == 0.75  # slow missed its 2-hour first response
    assert kpis.recovery_closure_rate == 0.5
    assert kpis.post_recovery_satisfaction == 3.5
    assert kpis.overdue_open == 1  # stuck: its 1-hour steps are late
    assert kpis.first_contact_resolution == 1.0  # fast and slow, each resolved in one pass
    assert (
        compute_kpis(
            session, start=WEEK_START, end=WEEK_END, now=local(2026, 11, 25, 10, 30)
        ).overdue_open
        == 0
    )
