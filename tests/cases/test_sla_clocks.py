"""SLA clocks on a real database: pauses, states, and warning/breach notices sent once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from core.enums import Severity
from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.cases import flows
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.cases.models import Case
from crisis_playbooks.sla import flows as sla_flows
from crisis_playbooks.sla import service as sla
from crisis_playbooks.sla.clocks import SlaPolicy, read_clock
from crisis_playbooks.sla.enums import ClockKind, ClockState, ClockThreshold
from tests.cases.conftest import Recorder, local, make_case

HOUR = timedelta(hours=1)
URL = "http://dash.example"


def _first(session: Session, case: Case, policy: SlaPolicy, now):  # type: ignore[no-untyped-def]
    pauses = sla.get_pauses(session, case_id=case.id)
    return read_clock(case, pauses, ClockKind.FIRST_RESPONSE, policy, now)


def _check(session: Session, case: Case, policy: SlaPolicy, recorder: Recorder, now):  # type: ignore[no-untyped-def]
    sent = sla_flows.check_case(
        session, case=case, policy=policy, now=now, send=recorder, public_url=URL
    )
    session.commit()
    return sent


def test_waiting_for_customer_pauses_the_clock(session: Session, policy: SlaPolicy) -> None:
    case = make_case(session)  # Monday 10:00, high: first response within 2 business hours
    flows.set_waiting(session, case=case, waiting=True, actor="a", now=local(2026, 11, 23, 11))
    session.commit()
    paused = _first(session, case, policy, local(2026, 11, 24, 10))
    assert paused.state == ClockState.PAUSED
    assert paused.elapsed == HOUR and paused.due_at is None
    flows.set_waiting(session, case=case, waiting=False, actor="a", now=local(2026, 11, 24, 11))
    session.commit()
    clock = _first(session, case, policy, local(2026, 11, 24, 11, 30))
    # Mon 10–18 (8 h) + Tue 9–11:30 (2.5 h) − paused Mon 11–18 + Tue 9–11 (9 h) = 1.5 h
    assert clock.elapsed == timedelta(hours=1, minutes=30)
    assert clock.state == ClockState.RUNNING
    assert clock.due_at == local(2026, 11, 24, 12)
    changes = audit.get_all(session, case_id=case.id, kinds=[EventKind.FIELD_CHANGED])
    assert [(e.field, e.before, e.after) for e in changes] == [
        ("waiting_on_customer", "False", "True"),
        ("waiting_on_customer", "True", "False"),
    ]


def test_clock_counts_only_business_hours_overnight(session: Session, policy: SlaPolicy) -> None:
    case = make_case(session, now=local(2026, 11, 20, 17, 0))  # Friday 17:00
    clock = _first(session, case, policy, local(2026, 11, 23, 9, 30))
    assert clock.elapsed == timedelta(hours=1, minutes=30)
    assert clock.state == ClockState.RUNNING
    assert clock.due_at == local(2026, 11, 23, 10)


def test_critical_cases_run_around_the_clock(session: Session, policy: SlaPolicy) -> None:
    case = make_case(session, now=local(2026, 11, 21, 23), severity=Severity.CRITICAL)
    clock = _first(session, case, policy, local(2026, 11, 22, 0, 30))
    assert clock.state == ClockState.BREACHED and clock.consumed == 1.5
    # and the case page says so (it said 按工作时间计 for every case)
    assert policy.counted_zh(Severity.CRITICAL) == "全天候计时"
    assert policy.counted_zh(Severity.HIGH) == "按工作时间计"


def test_warning_then_breach_each_notified_once(
    session: Session, policy: SlaPolicy, recorder: Recorder
) -> None:
    case = make_case(session, owner="李娜")
    assert _check(session, case, policy, recorder, local(2026, 11, 23, 11, 30)) == []  # 75 %
    warn = [(ClockKind.FIRST_RESPONSE, ClockThreshold.WARNING)]
    assert _check(session, case, policy, recorder, local(2026, 11, 23, 11, 40)) == warn
    assert _check(session, case, policy, recorder, local(2026, 11, 23, 11, 50)) == []
    breach = [(ClockKind.FIRST_RESPONSE, ClockThreshold.BREACH)]
    assert _check(session, case, policy, recorder, local(2026, 11, 23, 12, 1)) == breach
    assert _check(session, case, policy, recorder, local(2026, 11, 23, 15)) == []
    assert len(recorder.notices) == 2
    warning, breached = recorder.notices
    assert "即将超时" in warning.title and warning.targets == ["lina-dingtalk"]
    assert "已超时" in breached.title and breached.targets == ["lina-dingtalk", "lead"]
    assert "李娜" in breached.body_markdown and "升级" in breached.body_markdown
    assert breached.link == f"{URL}/case_detail?case_id={case.id}"
    assert case.first_response_met is False
    flows.transition(
        session,
        case=case,
        to=CaseStatus.ACKNOWLEDGED,
        actor="a",
        now=local(2026, 11, 23, 15),
        policy=policy,
    )
    flows.transition(
        session,
        case=case,
        to=CaseStatus.RESPONDING,
        actor="a",
        now=local(2026, 11, 23, 15),
        policy=policy,
    )
    assert case.first_response_met is False
    notices = audit.get_all(session, case_id=case.id, kinds=[EventKind.SLA_NOTICE])
    assert [e.after for e in notices] == ["warning", "breach"]


def test_met_clock_sends_nothing(session: Session, policy: SlaPolicy, recorder: Recorder) -> None:
    case = make_case(session)
    for status in (CaseStatus.ACKNOWLEDGED, CaseStatus.RESPONDING):
        flows.transition(
            session, case=case, to=status, actor="a", now=local(2026, 11, 23, 11), policy=policy
        )
    session.commit()
    assert case.first_response_met is True
    _check(session, case, policy, recorder, local(2026, 11, 23, 17))
    assert recorder.notices == []
    assert _first(session, case, policy, local(2026, 11, 23, 17)).state == ClockState.MET


def test_paused_case_gets_no_warning(
    session: Session, policy: SlaPolicy, recorder: Recorder
) -> None:
    case = make_case(session)
    flows.set_waiting(session, case=case, waiting=True, actor="a", now=local(2026, 11, 23, 11))
    session.commit()
    _check(session, case, policy, recorder, local(2026, 11, 26, 17))
    assert recorder.notices == []


def test_check_all_skips_closed_cases(
    session: Session, policy: SlaPolicy, recorder: Recorder
) -> None:
    open_case = make_case(session, title="open")
    done = make_case(session, title="done")
    for status in (CaseStatus.ACKNOWLEDGED, CaseStatus.RESPONDING, CaseStatus.RESOLVED):
        flows.transition(
            session, case=done, to=status, actor="a", now=local(2026, 11, 23, 10, 5), policy=policy
        )
    sent = sla_flows.check_all(
        session, policy=policy, now=local(2026, 11, 30, 12), send=recorder, public_url=URL
    )
    assert set(sent) == {open_case.id}
    assert len(recorder.notices) == 2  # first-response and resolution breaches, once each


def test_notice_routing(cases_config) -> None:  # type: ignore[no-untyped-def]
    assert cases_config.targets_for("李娜", escalate=False) == ["lina-dingtalk"]
    assert cases_config.targets_for("王五", escalate=False) == ["duty"]
    assert cases_config.targets_for(None, escalate=True) == ["duty", "lead"]
    everyone = cases_config.model_copy(update={"notify_targets": None})
    assert everyone.targets_for("王五", escalate=True) is None  # every enabled notifier
