"""The case status machine on a real database: lifecycle, stamps, illegal moves, reopen."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.cases import flows, transitions
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.errors import IllegalTransition
from crisis_playbooks.sla.clocks import SlaPolicy
from tests.cases.conftest import local, make_case

LIFECYCLE = [
    CaseStatus.ACKNOWLEDGED,
    CaseStatus.RESPONDING,
    CaseStatus.RECOVERING,
    CaseStatus.RESOLVED,
    CaseStatus.CLOSED,
]


def test_full_lifecycle_stamps_times_and_audits(session: Session, policy: SlaPolicy) -> None:
    case = make_case(session)
    start = local(2026, 11, 23, 10, 0)
    for minutes, status in enumerate(LIFECYCLE, start=1):
        flows.transition(
            session,
            case=case,
            to=status,
            actor="王主管",
            now=start + timedelta(minutes=10 * minutes),
            policy=policy,
        )
    session.commit()
    session.expire_all()
    assert case.status == CaseStatus.CLOSED
    assert case.acknowledged_at == start + timedelta(minutes=10)
    assert case.first_response_at == start + timedelta(minutes=20)
    assert case.resolved_at == start + timedelta(minutes=40)
    assert case.closed_at == start + timedelta(minutes=50)
    assert case.first_response_met is True and case.resolution_met is True
    changes = audit.get_all(session, case_id=case.id, kinds=[EventKind.STATUS_CHANGED])
    assert [(e.before, e.after, e.actor) for e in changes] == [
        ("new", "acknowledged", "王主管"),
        ("acknowledged", "responding", "王主管"),
        ("responding", "recovering", "王主管"),
        ("recovering", "resolved", "王主管"),
        ("resolved", "closed", "王主管"),
    ]


def test_illegal_transition_is_explained_in_chinese_and_changes_nothing(
    session: Session, policy: SlaPolicy
) -> None:
    case = make_case(session)
    with pytest.raises(IllegalTransition) as raised:
        flows.transition(
            session,
            case=case,
            to=CaseStatus.CLOSED,
            actor="x",
            now=local(2026, 11, 23, 11, 0),
            policy=policy,
        )
    message = str(raised.value)
    assert message == "案件 #1 不能从「新建」直接变更为「已关闭」：当前状态下只能变更为「已受理」"
    assert raised.value.allowed == ["acknowledged"]
    assert case.status == CaseStatus.NEW
    assert not audit.get_all(session, case_id=case.id, kinds=[EventKind.STATUS_CHANGED])


def test_reopen_from_closed_clears_resolution(session: Session, policy: SlaPolicy) -> None:
    case = make_case(session)
    moment = local(2026, 11, 23, 10, 30)
    for status in [CaseStatus.ACKNOWLEDGED, CaseStatus.RESPONDING, CaseStatus.RESOLVED]:
        flows.transition(session, case=case, to=status, actor="a", now=moment, policy=policy)
    flows.transition(session, case=case, to=CaseStatus.CLOSED, actor="a", now=moment, policy=policy)
    flows.transition(
        session, case=case, to=CaseStatus.RESPONDING, actor="客户又投诉", now=moment, policy=policy
    )
    session.commit()
    assert case.status == CaseStatus.RESPONDING
    assert case.resolved_at is None and case.closed_at is None
    assert case.resolution_met is None
    assert case.first_response_at == moment  # the first response stays on record


def test_same_status_is_a_no_op(session: Session, policy: SlaPolicy) -> None:
    case = make_case(session)
    flows.transition(
        session, case=case, to=CaseStatus.NEW, actor="a", now=local(2026, 11, 23, 11), policy=policy
    )
    assert not audit.get_all(session, case_id=case.id, kinds=[EventKind.STATUS_CHANGED])


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (a, b)
        for a, b in itertools.product(CaseStatus, CaseStatus)
        if a != b and b not in transitions.ALLOWED[a]
    ],
)
def test_every_move_outside_the_table_is_illegal(current: CaseStatus, target: CaseStatus) -> None:
    with pytest.raises(IllegalTransition):
        transitions.check(7, current, target)


def test_every_status_can_reach_closed() -> None:
    for start in CaseStatus:
        seen, frontier = {start}, [start]
        while frontier:
            for nxt in transitions.ALLOWED[frontier.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        assert CaseStatus.CLOSED in seen
