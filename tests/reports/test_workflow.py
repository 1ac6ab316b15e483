"""Alerts and case KPIs come from the workflow store; absent modules degrade to "无数据"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from reports import workflow
from reports.config import Period
from reports.period import last_full
from reports.workflow import load_alerts, load_kpis
from tests.reports.factories import NOW, TZ, WEEK, add_alerts
from tests.support.alerts import alert_row

WINDOW = last_full(Period.WEEKLY, NOW, TZ)


def test_alerts_of_the_week_and_still_open(make_ctx: Any) -> None:
    ctx = make_ctx()
    add_alerts(ctx)
    section = load_alerts(ctx.sessions, WINDOW.start, WINDOW.end)
    assert section.available
    assert [row.title for row in section.rows] == ["上周未解决", "本周预警"]
    this_week = section.rows[1]
    assert this_week.opened_at == (WEEK + timedelta(days=2, hours=9)).astimezone(UTC)
    assert (this_week.severity_label, this_week.status_label) == ("严重", "已确认")
    assert this_week.time_to_ack == timedelta(minutes=12)
    assert [row.title for row in section.unresolved_critical] == ["上周未解决"]


def test_an_alert_raised_by_a_past_week_imported_later_is_reported_when_it_began(
    make_ctx: Any,
) -> None:
    """A deployment imports last week on its first day: the alert its posts raise opens on
    import (after the week) but began with its first post inside it, as the event timeline says."""
    ctx = make_ctx()
    began = (WEEK + timedelta(days=3, hours=8)).astimezone(UTC)
    imported = (NOW + timedelta(hours=2)).astimezone(UTC)
    with ctx.sessions() as session:
        session.add(alert_row(imported, title="校区突然关门", first_post_at=began))
        session.commit()
    section = load_alerts(ctx.sessions, WINDOW.start, WINDOW.end)
    assert [(row.title, row.started_at) for row in section.rows] == [("校区突然关门", began)]
    after = load_alerts(ctx.sessions, WINDOW.end, WINDOW.end + timedelta(days=7))
    assert [row.title for row in after.rows] == ["校区突然关门"]  # still open since


def test_alerts_of_one_crisis_are_one_incident_with_its_case(make_ctx: Any) -> None:
    from alerting import incidents
    from alerting.config import GroupingConfig
    from alerting.models import Alert
    from crisis_playbooks.cases import service as cases
    from crisis_playbooks.cases.models import CaseCreate

    ctx = make_ctx()
    add_alerts(ctx)
    crisis = (WEEK + timedelta(days=4, hours=10)).astimezone(UTC)
    with ctx.sessions() as session:
        made = []
        for minutes, rule, severity in [(0, "urgent-mention", "critical"), (4, "spike", "high")]:
            at = crisis + timedelta(minutes=minutes)
            alert = Alert(
                rule=rule, rule_type=rule, key="*", severity=severity, status="open",
                title=f"食品安全 {rule}", summary="", opened_at=at, updated_at=at,
                last_fired_at=at, count=3, sample_mention_ids=[], plans=[],
            )  # fmt: skip
            session.add(alert)
            session.flush()
            incidents.attach(session, alert, "reputation", GroupingConfig(), at)
            made.append(alert)
        case = cases.create(
            session,
            case_in=CaseCreate(title="食品安全", brand="示例品牌", severity="critical"),
            actor="李娜",
            now=crisis,
        )
        cases.link_alert(
            session, case=case, alert_id=made[1].id, title="", rule_type="spike",
            actor="李娜", now=crisis,
        )  # fmt: skip
        session.commit()

    section = load_alerts(ctx.sessions, WINDOW.start, WINDOW.end)

    assert len(section.rows) == 4
    lines = section.incidents
    assert [i.title for i in lines] == ["上周未解决", "本周预警", "食品安全 urgent-mention"]
    crisis_line = lines[2]
    assert crisis_line.signals == 2 and crisis_line.severity == "critical"
    assert crisis_line.severity_label == "紧急" and crisis_line.status_label == "待处理"
    assert crisis_line.cases == [f"案件 #{case.id}（新建，未指派负责人）"]
    assert crisis_line.event is None and crisis_line.name == "食品安全 urgent-mention"
    assert crisis_line.resolved_at is None and crisis_line.time_to_ack is None
    # Five minutes in, the report says when the first response is due (紧急: 1 hour).
    from crisis_playbooks.runtime import policy
    from reports.case_labels import SlaView

    early = SlaView(policy(ctx), crisis + timedelta(minutes=5), TZ)
    [*_, line] = load_alerts(ctx.sessions, WINDOW.start, WINDOW.end, early).incidents
    assert line.cases == [f"案件 #{case.id}（新建，未指派负责人，首次响应截止 11-20 11:00）"]


def test_an_alert_group_is_named_by_its_event_and_says_who_handles_it(make_ctx: Any) -> None:
    """The 预警组 of a food-safety story is called by the story (「…蟑螂…」), not by the rule's
    title, in the table and in 需要关注 — one line per crisis, however many rules fired, with
    the case and its owner."""
    from alerting import incidents
    from alerting.config import GroupingConfig
    from alerting.models import Alert
    from crisis_playbooks.cases import service as cases
    from crisis_playbooks.cases.models import CaseCreate
    from reports.service import build_data
    from tests.events.test_clustering import T0, post

    plans = [{"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊"}]
    ctx = make_ctx(brand="鲜味坊", plans=plans)
    story = [post("s", "鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认", 20, "吃货小王")]
    for i in range(5):
        story.append(post(f"b{i}", "太恶心了//@吃货小王:", 22 + i, f"b{i}", repost_of="s"))
    ids = [m.id for m in ctx.pipeline.process(story).new]
    with ctx.sessions() as session:
        made = []
        for minutes, rule in [(30, "urgent-mention"), (32, "category-spike")]:
            at = T0 + timedelta(minutes=minutes)
            alert = Alert(
                rule=rule, rule_type=rule, key="*", severity="critical", status="open",
                title=f"高危舆情 {rule}", summary="", opened_at=at, updated_at=at,
                last_fired_at=at, count=3, sample_mention_ids=ids[:3], plans=["xwf"],
            )  # fmt: skip
            session.add(alert)
            session.flush()
            incidents.attach(session, alert, "reputation", GroupingConfig(), at)
            made.append(alert)
        case_in = CaseCreate(title="蟑螂", brand="鲜味坊", owner="李娜")
        case = cases.create(session, case_in=case_in, actor="李娜", now=T0)
        cases.link_alert(
            session, case=case, alert_id=made[0].id, title="", rule_type="urgent-mention",
            actor="李娜", now=T0,
        )  # fmt: skip
        session.commit()

    data = build_data(ctx, WINDOW)
    [line] = data.alerts.incidents
    assert line.event is not None and "蟑螂" in line.event and line.name == f"「{line.event}」"
    # Opened on Monday, still 新建 at the end of the week: both SLA clocks ran out.
    # 6 posts, far below a big event's 30, but it raised the alerts: its storyline is told.
    [event] = data.events
    assert event.mentions == 6 and event.storyline
    assert [p.text for p in event.storyline if p.text.startswith("触发预警")]
    # Posted at 10:20: its hour's peak is not dated 10:00, before the first post.
    assert event.storyline[0].text.startswith("吃货小王 首发")
    assert min(p.at for p in event.storyline) == T0 + timedelta(minutes=20)
    handled = f"案件 #{case.id}（新建，负责人 李娜，首次响应已超时，解决已超时）"
    assert line.cases == [handled]
    urgent = [i.text for i in data.attention if i.rule == "unresolved_critical_alerts"]
    assert urgent == [f"紧急预警组「{line.event}」尚未解决（2 条预警，待处理）：{handled}。"]


def test_unreadable_alert_store_means_no_data(make_ctx: Any) -> None:
    ctx = make_ctx()
    with ctx.engine.begin() as conn:
        conn.execute(text("DROP TABLE alerts"))
    assert not load_alerts(ctx.sessions, WINDOW.start, WINDOW.end).available


@dataclass
class FakeKpis:
    cases_opened: int = 12
    cases_closed: int = 9
    first_response_median: timedelta | None = timedelta(minutes=42)
    resolution_median: timedelta | None = timedelta(hours=3)
    sla_attainment: float | None = 0.85
    recovery_closure_rate: float | None = 0.7
    post_recovery_satisfaction: float | None = None
    overdue_open: int = 2
    first_contact_resolution: float | None = 0.6


def test_case_kpis_are_read_through_compute_kpis(
    make_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []

    def compute_kpis(
        session: Any,
        *,
        start: datetime,
        end: datetime,
        now: datetime | None = None,
        cases: Any = None,
    ) -> FakeKpis:
        calls.append({"start": start, "end": end, "now": now, "cases": cases})
        return FakeKpis()

    monkeypatch.setattr(workflow, "compute_kpis", compute_kpis)
    ctx = make_ctx()
    kpis = load_kpis(ctx.sessions, WINDOW.start, WINDOW.end, NOW)
    assert calls == [{"start": WINDOW.start, "end": WINDOW.end, "now": NOW, "cases": None}]
    assert kpis.has_data and kpis.cases_opened == 12 and kpis.sla_attainment == 0.85
    assert kpis.first_contact_resolution == 0.6
    assert kpis.resolution_median == timedelta(hours=3)
    assert kpis.post_recovery_satisfaction is None


def test_unreadable_case_store_makes_the_kpi_section_unavailable(
    make_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions = make_ctx().sessions

    def broken(session: Any, **_: Any) -> None:
        raise OperationalError("SELECT", {}, Exception("no such table: cases"))

    monkeypatch.setattr(workflow, "compute_kpis", broken)
    kpis = load_kpis(sessions, WINDOW.start, WINDOW.end, NOW)
    assert not kpis.available and not kpis.has_data


def test_real_case_kpis_without_cases_say_no_data(make_ctx: Any) -> None:
    kpis = load_kpis(make_ctx().sessions, WINDOW.start, WINDOW.end, NOW)
    assert kpis.available and kpis.cases_opened == 0 and not kpis.has_data


def test_case_kpis_from_real_cases_reach_the_report(make_ctx: Any) -> None:
    from crisis_playbooks.cases import models
    from reports.render import render_html
    from reports.service import build_data

    ctx = make_ctx()
    opened = WEEK + timedelta(days=1, hours=10)

    def case(title: str, status: str, response_met: bool, resolved: bool) -> Any:
        return models.Case(
            title=title,
            status=status,
            opened_at=opened,
            updated_at=opened,
            first_response_at=opened + timedelta(minutes=30),
            first_response_met=response_met,
            resolved_at=opened + timedelta(hours=5) if resolved else None,
            resolution_met=True if resolved else None,
        )

    with ctx.sessions() as session:
        session.add_all(
            [
                case("退款纠纷", "resolved", True, True),
                case("物流投诉", "resolved", True, True),
                case("异物投诉", "responding", False, False),
            ]
        )
        session.commit()
    data = build_data(ctx, WINDOW)
    assert data.kpis.cases_opened == 3 and data.kpis.overdue_open == 1
    assert data.kpis.sla_attainment == pytest.approx(4 / 5)
    assert data.kpis.first_response_median == timedelta(minutes=30)
    rules = [item.rule for item in data.attention]
    assert "sla_below_target" in rules and "overdue_cases" in rules
    html = render_html(data, {}, TZ)
    assert "80.0%" in html and "30 分钟" in html
