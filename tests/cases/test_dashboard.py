"""The done criterion in Streamlit: alert → case → playbook → ticks → recovery → closed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import streamlit as st
import yaml
from streamlit.testing.v1 import AppTest

from core.context import Context
from core.enums import Category, Channel, Severity
from core.models import Author, Mention, Urgency
from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.cases import service
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.recovery import service as recovery
from crisis_playbooks.tasks import service as tasks
from crisis_playbooks.tasks.enums import TaskStatus
from tests.support.pages import serve, write_config

APP = str(Path(__file__).resolve().parents[2] / "app" / "dashboard_main.py")
INCIDENT = Path(__file__).resolve().parents[2] / "collectors" / "demo" / "incident.yaml"


@pytest.fixture
def app_env(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Context]:
    """A config on the test database with the demo's food-safety incident and its alert stored."""
    config = {"brand": "鲜味坊", "database": {"url": db_url}}
    path = write_config(tmp_path, config)
    serve(monkeypatch, path, tmp_path / "var")
    ctx = Context.load(path, tmp_path / "var")
    now = datetime.now(UTC)
    script = yaml.safe_load(INCIDENT.read_text(encoding="utf-8"))[:3]
    mentions = [
        Mention(
            source="demo",
            channel=Channel(item["channel"]),
            native_id=f"demo-{n}",
            author=Author(**item["author"]),
            text=item["text"],
            published_at=now - timedelta(minutes=30 - n),
            category=Category.FOOD_SAFETY_HEALTH,
            urgency=Urgency(level=Severity.CRITICAL, score=92),
        )
        for n, item in enumerate(script)
    ]
    ctx.index.upsert_many(mentions)
    from alerting.models import Alert

    with ctx.sessions() as session:
        session.add(
            Alert(
                rule="urgent",
                rule_type="urgent_mention",
                key=mentions[0].id,
                severity="critical",
                status="open",
                title="紧急舆情：鲜味坊外卖疑似食物中毒",
                summary=mentions[0].text[:80],
                opened_at=now,
                updated_at=now,
                last_fired_at=now,
                sample_mention_ids=[m.id for m in mentions],
                plans=[],
            )
        )
        session.commit()
    yield ctx
    ctx.close()
    st.cache_resource.clear()


def button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label)


def operator(at: AppTest):  # type: ignore[no-untyped-def]
    return next(t for t in at.sidebar.text_input if t.label == "操作人")


def test_food_safety_incident_handled_end_to_end(app_env: Context) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["operator"] = "李娜"  # typed earlier in the session
    at.run()
    at.switch_page("../dashboard/views/cases.py").run()
    assert not at.exception, at.exception
    assert any("鲜味坊外卖疑似食物中毒" in m.value for m in at.markdown)
    button(at, "立案").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value.startswith("案件 #1")
    # AppTest reruns the page it was told to show, so follow the in-app switch_page explicitly
    at.switch_page("../dashboard/views/case_detail.py").run()
    assert at.title[0].value.startswith("案件 #1")

    at.button(key="start-playbook").click().run()
    with app_env.sessions() as session:
        steps = tasks.get_all(session, case_id=1)
    assert len(steps) == 9 and steps[0].step_id == "verify_facts"
    for step in steps[:3]:
        at.checkbox(key=f"task-{step.id}").check().run()
    at.text_input(key=f"skip-note-{steps[6].id}").input("未达到召开发布会的条件").run()
    at.button(key=f"skip-{steps[6].id}").click().run()

    for target in ["acknowledged", "responding", "recovering"]:
        next(s for s in at.selectbox if s.label == "变更状态为").select(CaseStatus(target)).run()
        button(at, "变更状态").click().run()

    next(t for t in at.text_area if t.label == "服务失误原因").input("后厨冷链温控失效").run()
    next(c for c in at.checkbox if c.label == "已主动联系客户").check()
    next(c for c in at.checkbox if c.label == "已致歉").check()
    next(t for t in at.text_area if t.label.startswith("补救方案")).input("全额退款并承担医药费")
    next(r for r in at.radio if r.label == "客户是否接受").set_value("客户接受")
    next(c for c in at.checkbox if c.label == "已回访").check()
    next(s for s in at.select_slider if s.label == "补救后满意度").set_value(4)
    button(at, "保存服务补救记录").click().run()
    assert not at.exception, at.exception

    # 5 of the 9 steps are still open: resolving needs them settled, or a confirmed reason
    next(s for s in at.selectbox if s.label == "变更状态为").select(CaseStatus.RESOLVED).run()
    assert any("还有 5 个步骤未完成" in w.value for w in at.warning)
    button(at, "变更状态").click().run()
    assert any("还有 5 个步骤未完成" in e.value for e in at.error), "refused without confirming"
    at.checkbox(key="force-status").check()
    at.text_input(key="status-note").input("顾客已接受补救，后续步骤由品控另行跟进")
    button(at, "变更状态").click().run()
    next(s for s in at.selectbox if s.label == "变更状态为").select(CaseStatus.CLOSED).run()
    button(at, "变更状态").click().run()
    assert not at.exception, at.exception

    with app_env.sessions() as session:
        case = service.get_or_raise(session, case_id=1)
        assert case.status == CaseStatus.CLOSED and case.proposed_playbook == "food_safety"
        assert [a.rule_type for a in case.alerts] == ["urgent_mention"]
        assert len(case.mentions) == 3
        states = [t.status for t in tasks.get_all(session, case_id=1)]
        assert states[:3] == [TaskStatus.DONE] * 3 and states[6] == TaskStatus.SKIPPED
        assert states[3:] == [TaskStatus.SKIPPED] * 6, "the forced resolve skipped the rest"
        record = recovery.get(session, case_id=1)
        assert record is not None and record.remedy_accepted is True
        assert record.satisfaction == 4 and record.is_closed_out and record.apology_made
        actors = {e.actor for e in audit.get_all(session, case_id=1)}
        assert actors == {"李娜"}, actors


def test_case_changes_without_an_operator_are_refused(app_env: Context) -> None:
    """The 操作人 box started as 值班专员: cases were opened and changed in the name of nobody."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("../dashboard/views/cases.py").run()
    assert operator(at).value == "", "no made-up name is offered"
    button(at, "立案").click().run()
    assert [e.value for e in at.error] == ["请先在侧栏填写操作人，立案会记入审计日志。"]
    with app_env.sessions() as session:
        assert service.get_all(session) == [], "no case opened"
    operator(at).set_value("李娜").run()
    button(at, "立案").click().run()
    at.switch_page("../dashboard/views/case_detail.py").run()
    assert at.title[0].value.startswith("案件 #1")

    operator(at).set_value(" ").run()  # cleared: a change names nobody again
    next(s for s in at.selectbox if s.label == "变更状态为").select(CaseStatus.ACKNOWLEDGED).run()
    button(at, "变更状态").click().run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == ["请先在侧栏填写操作人，案件的每项变更会记入审计日志。"]
    with app_env.sessions() as session:
        assert service.get_or_raise(session, case_id=1).status == CaseStatus.NEW
    operator(at).set_value("王芳").run()
    button(at, "变更状态").click().run()
    assert not at.error
    with app_env.sessions() as session:
        assert service.get_or_raise(session, case_id=1).status == CaseStatus.ACKNOWLEDGED
        events = audit.get_all(session, case_id=1)
        assert (events[0].kind, events[0].actor) == (EventKind.OPENED, "李娜")
        assert any(e.kind == EventKind.STATUS_CHANGED and e.actor == "王芳" for e in events)
        assert {e.actor for e in events} == {"李娜", "王芳"}

    at.button(key="start-playbook").click().run()
    with app_env.sessions() as session:
        first = tasks.get_all(session, case_id=1)[0]
    operator(at).set_value("").run()
    at.checkbox(key=f"task-{first.id}").check().run()  # refused once, not in a loop of reruns
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == ["请先在侧栏填写操作人，案件的每项变更会记入审计日志。"]
    with app_env.sessions() as session:
        assert tasks.get_all(session, case_id=1)[0].status == TaskStatus.OPEN
    operator(at).set_value("赵敏").run()  # the tick still on screen is saved in this name
    with app_env.sessions() as session:
        step = tasks.get_all(session, case_id=1)[0]
        assert step.status == TaskStatus.DONE and step.completed_by == "赵敏"


def test_with_accounts_owners_are_colleagues_and_my_cases_filter(app_env: Context) -> None:
    from core.accounts import service as accounts
    from core.accounts.enums import Role
    from dashboard.auth import SESSION_KEY, User

    with app_env.sessions() as session:
        for username, name, role in [
            ("lina", "李娜", Role.OPERATOR),
            ("wang", "王强", Role.OPERATOR),
            ("boss", "王总", Role.VIEWER),
        ]:
            accounts.create(
                session, username=username, display_name=name, role=role,
                password="long-enough-1", now=datetime.now(UTC),
            )  # fmt: skip
        session.commit()
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[SESSION_KEY] = User("lina", "李娜", Role.OPERATOR)
    at.run()
    at.switch_page("../dashboard/views/cases.py").run()
    assert not at.exception, at.exception
    button(at, "立案").click().run()
    at.switch_page("../dashboard/views/case_detail.py").run()
    picker = next(s for s in at.selectbox if s.label == "负责人")
    assert picker.options == ["未指派", "李娜", "王强"], "viewers cannot own cases"
    picker.select("王强")  # inside the form: staged until the submit button
    button(at, "保存").click().run()
    assert not at.exception, at.exception
    with app_env.sessions() as session:
        assert service.get_or_raise(session, case_id=1).owner == "王强"

    at.switch_page("../dashboard/views/cases.py").run()
    assert any("#1 " in m.value for m in at.markdown)
    next(t for t in at.toggle if t.label.startswith("只看我负责的")).set_value(True).run()
    assert not at.exception, at.exception
    assert not any("#1 " in m.value and "**" in m.value for m in at.markdown), "王强's, not 李娜's"
