"""危机处置 for executives: per crisis of the week, what was done (steps with time and who) and
what waits on a decision (管理层's playbook steps, overdue steps, paused SLA, no owner), as it
stood at the end of the week; no section when no crisis was handled."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from core.context import Context
from reports.config import Period
from reports.period import last_full
from reports.render import render_html
from reports.service import build_data, plain_text
from tests.reports.factories import NOW, PLAN, TZ, WEEK, two_weeks

WINDOW = last_full(Period.WEEKLY, NOW, TZ)
CRISIS = WEEK + timedelta(days=4, hours=10)  # Friday 11-20 10:00


def crisis_alert(ctx: Context, at: datetime) -> int:
    """A critical alert of the week, as the urgent-mention rule opens it."""
    from alerting.models import Alert

    Alert.__table__.create(ctx.engine, checkfirst=True)
    utc = at.astimezone(UTC)
    with ctx.sessions() as session:
        alert = Alert(
            rule="urgent-mention", rule_type="urgent_mention", key="food_safety_health",
            severity="critical", status="acknowledged", title="高危舆情：食品安全/人身安全",
            summary="", opened_at=utc, updated_at=utc, last_fired_at=utc, count=3,
            sample_mention_ids=[], plans=[PLAN],
        )  # fmt: skip
        session.add(alert)
        session.commit()
        return alert.id


def handle_crisis(ctx: Context, alert_id: int) -> int:
    """The food-safety playbook on a case of the alert: two steps done in time, one done only
    after the week ended, the holding statement late, the SLA paused for the customer."""
    from crisis_playbooks.cases import flows as case_flows
    from crisis_playbooks.cases import service as cases
    from crisis_playbooks.cases.models import CaseCreate
    from crisis_playbooks.playbook import flows as playbooks
    from crisis_playbooks.runtime import library
    from crisis_playbooks.tasks import service as tasks
    from crisis_playbooks.tasks.enums import TaskStatus
    from crisis_playbooks.tasks.flows import set_status

    at = CRISIS.astimezone(UTC)
    with ctx.sessions() as session:
        case = cases.create(
            session,
            case_in=CaseCreate(
                title="酸菜鱼吃出虫子", brand="示例品牌", severity="critical", owner="张经理"
            ),
            actor="system",
            now=at,
        )
        cases.link_alert(
            session, case=case, alert_id=alert_id, title="", rule_type="urgent_mention",
            actor="system", now=at,
        )  # fmt: skip
        book = library(ctx)["food_safety"]
        playbooks.start(session, case=case, playbook=book, actor="张经理", now=at, tz=TZ)
        steps = {t.step_id: t for t in tasks.get_all(session, case_id=case.id)}
        for step, minutes, who in [
            ("verify_facts", 40, "李娜"),
            ("internal_notice", 50, "张经理"),
            ("contact_complainant", 60 * 24 * 4, "王芳"),  # Tuesday: after the week
        ]:
            set_status(
                session, task=steps[step], status=TaskStatus.DONE, actor=who,
                now=at + timedelta(minutes=minutes),
            )  # fmt: skip
        case_flows.set_waiting(
            session, case=case, waiting=True, actor="王芳", now=at + timedelta(hours=3)
        )
        session.commit()
        return case.id


def test_each_crisis_says_what_was_done_and_what_waits_on_a_decision(make_ctx: Any) -> None:
    ctx = make_ctx()
    ctx.index.upsert_many(two_weeks())
    case_id = handle_crisis(ctx, crisis_alert(ctx, CRISIS))
    data = build_data(ctx, WINDOW, PLAN)
    html = render_html(data, {}, TZ)

    [crisis] = data.progress
    assert crisis.name == "高危舆情：食品安全/人身安全"
    assert crisis.case.startswith(f"案件 #{case_id}（新建，负责人 张经理")
    assert [(a.at.astimezone(TZ).strftime("%m-%d %H:%M"), a.text) for a in crisis.done] == [
        ("11-20 10:00", "立案（系统）"),
        ("11-20 10:00", "启动预案「食品安全事件处置预案」（张经理）"),
        ("11-20 10:40", "核实事实、保全证据（品控/质量 李娜）"),
        ("11-20 10:50", "内部通报、成立处置小组（客服主管 张经理）"),
    ]  # the private message to the complainant was sent on Tuesday: not this week's
    pending = crisis.pending
    assert pending[0] == "需管理层决定：评估是否召开新闻发布会（截止 11-22 10:00，已逾期 14 小时）"
    late = [p for p in pending if p.startswith("逾期未完成：")]
    assert late[0] == (
        "逾期未完成：同渠道发布首次回应（占位声明）（公关/舆情专员，截止 11-20 11:00，"
        "已逾期 2 天 13 小时）"
    )
    assert any(p.startswith("逾期未完成：私信联系当事人") for p in late)  # done only on Tuesday
    assert "等待客户回复，SLA 暂停（自 11-20 13:00）" in pending
    assert not any("未指派负责人" in p for p in pending)

    section = re.search(r'<section id="decisions">(.*?)</section>', html, re.S)
    assert section is not None
    text = re.sub(r"<[^>]+>", "", section.group(1))
    assert "危机处置：已采取的措施与待决定事项" in text
    assert "11-20 10:40核实事实、保全证据（品控/质量 李娜）" in text
    assert "需管理层决定：评估是否召开新闻发布会" in text
    assert "状态截至报告期结束" in text
    # Read first: after 需要关注, before the trend; the mail's text part lists the decisions.
    assert html.index('id="attention"') < html.index('id="decisions"') < html.index('id="trend"')
    mail = plain_text(data)
    assert (
        "待决定事项（危机处置）：\n- 高危舆情：食品安全/人身安全：需管理层决定：评估是否召开"
        in mail
    )


def test_a_resolved_crisis_lists_what_was_done_and_nothing_to_decide(make_ctx: Any) -> None:
    from crisis_playbooks.cases import flows
    from crisis_playbooks.cases import service as cases
    from crisis_playbooks.cases.enums import CaseStatus
    from crisis_playbooks.cases.models import CaseCreate
    from crisis_playbooks.runtime import policy

    ctx = make_ctx()
    at = (WEEK + timedelta(days=1, hours=9)).astimezone(UTC)
    with ctx.sessions() as session:
        case = cases.create(
            session,
            case_in=CaseCreate(title="门店服务员辱骂顾客", brand="示例品牌", severity="high"),
            actor="李娜",
            now=at,
        )
        moves = [(30, CaseStatus.ACKNOWLEDGED), (60, CaseStatus.RESPONDING)]
        for minutes, status in [*moves, (300, CaseStatus.RESOLVED)]:
            flows.transition(
                session, case=case, to=status, actor="李娜",
                now=at + timedelta(minutes=minutes), policy=policy(ctx),
            )  # fmt: skip
        minor = CaseCreate(title="包装破损", brand="示例品牌", severity="low")
        cases.create(session, case_in=minor, actor="李娜", now=at)
        session.commit()
    data = build_data(ctx, WINDOW, None)  # a hand-made case: in the report of all plans

    [crisis] = data.progress  # the low-severity case without an alert is no crisis
    assert crisis.name == "「门店服务员辱骂顾客」"
    assert [a.text for a in crisis.done] == [
        "立案（李娜）",
        "状态改为「已受理」（李娜）",
        "状态改为「响应中」（李娜）",
        "案件已解决（李娜）",
    ]
    assert crisis.pending == []
    html = render_html(data, {}, TZ)
    assert "待决定事项" in html and '<p class="muted">无</p>' in html


def test_no_crisis_no_section(make_ctx: Any) -> None:
    """Alerts without any case, and no severe case: the section is left out, not "无数据"."""
    from tests.reports.factories import add_alerts

    ctx = make_ctx()
    ctx.index.upsert_many(two_weeks())
    add_alerts(ctx)
    data = build_data(ctx, WINDOW, PLAN)
    assert data.progress == []
    html = render_html(data, {}, TZ)
    assert 'id="decisions"' not in html and "待决定事项" not in html
    assert "待决定事项" not in plain_text(data)


def test_the_chat_brief_carries_the_first_decisions(make_ctx: Any) -> None:
    from reports.brief import brief_markdown

    ctx = make_ctx()
    ctx.index.upsert_many(two_weeks())
    handle_crisis(ctx, crisis_alert(ctx, CRISIS))
    data = build_data(ctx, WINDOW, PLAN)

    text = brief_markdown(data)

    [crisis] = data.progress
    assert "**待决定事项（危机处置）**\n- 高危舆情：食品安全/人身安全：需管理层决定" in text
    listed = [line for line in text.splitlines() if line.startswith("- 高危舆情")]
    assert len(listed) == min(3, len(crisis.pending))
    if len(crisis.pending) > 3:
        assert f"（另有 {len(crisis.pending) - 3} 项，见完整报告）" in text
