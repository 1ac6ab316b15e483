"""Starting a playbook on a case: tasks with due times, rendered templates, overdue notices."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.config import CasesConfig
from crisis_playbooks.errors import CaseError
from crisis_playbooks.playbook.definition import Playbook
from crisis_playbooks.tasks import flows as task_flows
from crisis_playbooks.tasks import service as tasks
from crisis_playbooks.tasks.enums import TaskStatus
from tests.cases.conftest import TZ, Recorder, local, make_case, start_playbook


def test_start_turns_steps_into_due_tasks(session: Session, library: dict[str, Playbook]) -> None:
    case = make_case(session, summary="酸菜鱼吃出虫子", channel="weibo", owner="李娜")
    playbook = library["food_safety"]
    run = start_playbook(session, case, playbook, actor="李娜")
    session.commit()
    items = tasks.get_all(session, case_id=case.id)
    assert [t.step_id for t in items] == [s.id for s in playbook.steps]
    assert all(t.run_id == run.id and t.status == TaskStatus.OPEN for t in items)
    assert [t.due_at for t in items] == [case.opened_at + s.due for s in playbook.steps]
    holding = next(t for t in items if "holding_statement" in t.templates)
    text = holding.templates["holding_statement"]
    assert "鲜味坊" in text and "{" not in text
    assert "微博" in holding.instructions  # {channel} rendered with the Chinese label
    assert case.proposed_playbook == "food_safety"
    started = audit.get_all(session, case_id=case.id, kinds=[EventKind.PLAYBOOK_STARTED])
    assert started[0].after == "food_safety" and started[0].actor == "李娜"


def test_missing_values_are_marked_for_a_human(
    session: Session, library: dict[str, Playbook]
) -> None:
    case = make_case(session)  # no mention: the complainant is unknown
    start_playbook(session, case, library["food_safety"])
    private = next(
        t for t in tasks.get_all(session, case_id=case.id) if "private_message" in t.templates
    )
    assert "〔待补充：当事人〕" in private.templates["private_message"]


def test_a_playbook_starts_once_per_case(session: Session, library: dict[str, Playbook]) -> None:
    case = make_case(session)
    start_playbook(session, case, library["food_safety"])
    with pytest.raises(CaseError, match="已启动预案"):
        start_playbook(session, case, library["food_safety"])


def test_tick_and_skip_steps(session: Session, library: dict[str, Playbook]) -> None:
    case = make_case(session)
    start_playbook(session, case, library["kol_media_complaint"])
    first, second, *_ = tasks.get_all(session, case_id=case.id)
    task_flows.set_status(
        session,
        task=first,
        status=TaskStatus.DONE,
        actor="张三",
        now=local(2026, 11, 23, 10, 30),
        note="已核实",
    )
    with pytest.raises(CaseError, match="跳过步骤需要填写原因"):
        task_flows.set_status(
            session,
            task=second,
            status=TaskStatus.SKIPPED,
            actor="张三",
            now=local(2026, 11, 23, 10, 30),
        )
    task_flows.set_status(
        session,
        task=second,
        status=TaskStatus.SKIPPED,
        actor="张三",
        now=local(2026, 11, 23, 10, 31),
        note="作者已删帖，改为私信沟通",
    )
    session.commit()
    assert first.status == TaskStatus.DONE and first.completed_by == "张三"
    assert second.status == TaskStatus.SKIPPED and "私信" in second.note
    entries = audit.get_all(session, case_id=case.id, kinds=[EventKind.TASK_CHANGED])
    assert [(e.before, e.after) for e in entries] == [("open", "done"), ("open", "skipped")]
    task_flows.set_status(
        session, task=first, status=TaskStatus.OPEN, actor="张三", now=local(2026, 11, 23, 11)
    )
    assert first.completed_at is None


def test_overdue_tasks_are_flagged_and_notified_once(
    session: Session, library: dict[str, Playbook], recorder: Recorder, cases_config: CasesConfig
) -> None:
    case = make_case(session, owner="李娜")
    start_playbook(session, case, library["food_safety"])
    items = tasks.get_all(session, case_id=case.id)
    done = items[0]
    task_flows.set_status(
        session, task=done, status=TaskStatus.DONE, actor="a", now=local(2026, 11, 23, 10, 40)
    )
    later = local(2026, 11, 23, 11, 1)  # the 1-hour steps are now late
    assert not done.is_overdue(later)
    flagged = task_flows.notify_overdue(
        session, now=later, send=recorder, public_url="http://d", tz=TZ, config=cases_config
    )
    one_hour = [t for t in items[1:] if t.due_at == case.opened_at + timedelta(hours=1)]
    assert {t.id for t in flagged} == {t.id for t in one_hour}
    assert len(recorder.notices) == len(one_hour)
    assert "任务逾期" in recorder.notices[0].title
    assert (
        recorder.notices[0].targets == ["lina-dingtalk"]
        and "李娜" in recorder.notices[0].body_markdown
    )
    # the due time in the configured zone (not UTC ISO), with how long it is overdue
    assert "**截止时间**：11-23 11:00（已逾期 1 分钟）" in recorder.notices[0].body_markdown
    again = task_flows.notify_overdue(session, now=later, send=recorder, public_url="u", tz=TZ)
    assert again == []
    assert len(tasks.get_overdue(session, now=later)) == len(one_hour)


def test_an_owner_set_after_the_start_fills_the_open_steps(
    session: Session, library: dict[str, Playbook]
) -> None:
    from crisis_playbooks.cases import flows as case_flows
    from crisis_playbooks.cases.models import CaseUpdate

    case = make_case(session, title="高危舆情：食品安全/人身安全", summary="酸菜鱼吃出虫子")
    start_playbook(session, case, library["food_safety"], actor="李娜")
    items = tasks.get_all(session, case_id=case.id)
    done, notice = items[0], next(t for t in items if "internal_notice" in t.templates)
    done.status = TaskStatus.DONE.value  # a step already worked keeps what it said
    done_text = done.instructions
    assert "〔待补充：负责人〕" in notice.templates["internal_notice"]

    case_flows.update_case(
        session,
        case=case,
        case_in=CaseUpdate(owner="李娜"),
        actor="李娜",
        now=local(2026, 11, 23, 10, 9),
    )
    session.commit()

    notice = tasks.get(session, task_id=notice.id)
    assert "负责人：李娜" in notice.templates["internal_notice"]
    assert "〔待补充：负责人〕" not in notice.templates["internal_notice"]
    assert tasks.get(session, task_id=done.id).instructions == done_text
    # Public statements never quote the internal alert title.
    statements = [text for t in items for k, text in t.templates.items() if k == "apology"]
    assert statements and all("高危舆情" not in text for text in statements)


def test_steps_are_due_from_the_alert_not_from_the_case(
    session: Session, alert_table: None, library: dict[str, Playbook]
) -> None:
    """DOMAIN: each step's deadline is relative to the alert. A leak alerted at 22:23 and taken
    up at 00:32 owed its holding statement by 23:23; counted from the case it got until 01:32."""
    from crisis_playbooks.cases import service as cases
    from tests.support.alerts import alert_row

    case = make_case(session, summary="冒充客服理赔诈骗")
    raised = case.opened_at - timedelta(hours=2, minutes=9)
    alert = alert_row(raised, key="privacy_fraud", title="高危舆情：快递信息泄露")
    session.add(alert)
    session.flush()
    cases.link_alert(
        session,
        case=case,
        alert_id=alert.id,
        title=alert.title,
        rule_type=alert.rule_type,
        actor="李娜",
        now=case.opened_at,
    )
    playbook = library["food_safety"]
    start_playbook(session, case, playbook, actor="李娜")
    session.commit()
    items = tasks.get_all(session, case_id=case.id)
    assert [t.due_at for t in items] == [raised + s.due for s in playbook.steps]
    assert items[0].due_at < case.opened_at + playbook.steps[0].due
