"""A report of one monitoring plan (`--plan`) shows that plan's alerts, crises and case KPIs
only: a deployment watching two brands must not send one brand's executives the other's crisis.

Alerts name the plans of their rule (none: every plan, then their sample mentions decide);
cases carry no plan and belong to a plan through the alerts they handle or the mentions
attached to them."""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import Any

from core.context import Context
from reports.config import Period
from reports.period import last_full
from reports.render import render_html
from reports.service import build_data
from tests.reports.factories import NOW, PLAN, TZ, WEEK, two_weeks

WINDOW = last_full(Period.WEEKLY, NOW, TZ)
AT = WEEK + timedelta(days=2, hours=9)


def alert(ctx: Context, title: str, plans: list[str], samples: list[str]) -> int:
    from alerting.models import Alert

    Alert.__table__.create(ctx.engine, checkfirst=True)
    utc = AT.astimezone(UTC)
    with ctx.sessions() as session:
        record = Alert(
            rule="urgent-mention", rule_type="urgent_mention", key=title, severity="critical",
            status="open", title=title, summary="", opened_at=utc, updated_at=utc,
            last_fired_at=utc, count=1, sample_mention_ids=samples, plans=plans,
        )  # fmt: skip
        session.add(record)
        session.commit()
        return record.id


def case(ctx: Context, title: str, alert_id: int | None = None, mention_id: str = "") -> int:
    from crisis_playbooks.cases import service as cases
    from crisis_playbooks.cases.models import CaseCreate

    at = AT.astimezone(UTC) + timedelta(minutes=5)
    with ctx.sessions() as session:
        made = cases.create(
            session,
            case_in=CaseCreate(title=title, brand="示例品牌", severity="critical"),
            actor="李娜",
            now=at,
        )
        if alert_id is not None:
            cases.link_alert(
                session, case=made, alert_id=alert_id, title="", rule_type="urgent_mention",
                actor="李娜", now=at,
            )  # fmt: skip
        if mention_id:
            found = ctx.index.get(mention_id)
            assert found is not None
            cases.link_mention(session, case=made, mention=found, actor="李娜", now=at)
        session.commit()
        return made.id


def two_brands(ctx: Context) -> dict[str, int]:
    """Alerts and cases of the week: some of plan PLAN, some of plan "other", one of none."""
    mentions = two_weeks()
    ctx.index.upsert_many(mentions)
    ours = next(m.id for m in mentions if PLAN in m.plans and m.published_at >= WEEK)
    theirs = next(m.id for m in mentions if "other" in m.plans)
    ids = {
        "ours": alert(ctx, "高危舆情：本方案", [PLAN], []),
        "theirs_by_rule": alert(ctx, "高危舆情：其他方案", ["other"], []),
        "theirs_by_sample": alert(ctx, "高危舆情：全部方案规则，其他方案的帖子", [], [theirs]),
        "ours_by_sample": alert(ctx, "负面激增：全部方案规则，本方案的帖子", [], [ours, theirs]),
    }
    ids["case_ours"] = case(ctx, "本方案危机", alert_id=ids["ours"])
    ids["case_theirs"] = case(ctx, "其他方案危机", alert_id=ids["theirs_by_rule"])
    ids["case_theirs_mention"] = case(ctx, "其他方案投诉", mention_id=theirs)
    ids["case_nobody"] = case(ctx, "手工案件")
    return ids


def test_a_plan_report_shows_only_that_plans_alerts_crises_and_cases(make_ctx: Any) -> None:
    ctx = make_ctx()
    two_brands(ctx)

    ours = build_data(ctx, WINDOW, PLAN)
    assert sorted(r.title for r in ours.alerts.rows) == [
        "负面激增：全部方案规则，本方案的帖子",
        "高危舆情：本方案",
    ]
    assert [p.name for p in ours.progress] == ["高危舆情：本方案"]
    assert ours.kpis.cases_opened == 1
    html = render_html(ours, {}, TZ)
    assert "其他方案" not in html.replace("全部方案规则，本方案的帖子", "")

    theirs = build_data(ctx, WINDOW, "other")
    assert sorted(r.title for r in theirs.alerts.rows) == [
        "负面激增：全部方案规则，本方案的帖子",  # its samples include the other plan's post
        "高危舆情：全部方案规则，其他方案的帖子",
        "高危舆情：其他方案",
    ]
    assert sorted(p.name for p in theirs.progress) == ["「其他方案投诉」", "高危舆情：其他方案"]
    assert theirs.kpis.cases_opened == 2


def test_the_report_of_all_plans_keeps_everything(make_ctx: Any) -> None:
    ctx = make_ctx()
    two_brands(ctx)

    data = build_data(ctx, WINDOW, None)

    assert len(data.alerts.rows) == 4
    assert len(data.progress) == 4  # the hand-made case without a mention included
    assert data.kpis.cases_opened == 4


def test_overdue_cases_are_counted_for_their_plan_only(make_ctx: Any) -> None:
    """An open case of the other plan whose first-response SLA is breached is not this plan's
    overdue case."""
    from crisis_playbooks.cases.models import Case

    ctx = make_ctx()
    ids = two_brands(ctx)
    with ctx.sessions() as session:
        for case_id in (ids["case_theirs"], ids["case_nobody"]):
            found = session.get(Case, case_id)
            assert found is not None
            found.first_response_met = False
        session.commit()

    assert build_data(ctx, WINDOW, PLAN).kpis.overdue_open == 0
    assert build_data(ctx, WINDOW, "other").kpis.overdue_open == 1
    assert build_data(ctx, WINDOW, None).kpis.overdue_open == 2


def test_with_one_plan_configured_every_alert_and_case_is_its(make_ctx: Any) -> None:
    """A single-brand deployment's report with reports.plan set still shows the case opened
    by hand with nothing attached (there is no other plan it could belong to)."""
    ctx = make_ctx(plans=[{"id": PLAN, "name": "示例", "expression": "示例"}])
    ctx.index.upsert_many(two_weeks())
    alert(ctx, "高危舆情：全部方案规则", [], [])
    case(ctx, "手工案件")

    data = build_data(ctx, WINDOW, PLAN)

    assert [r.title for r in data.alerts.rows] == ["高危舆情：全部方案规则"]
    assert [p.name for p in data.progress] == ["「手工案件」"]
    assert data.kpis.cases_opened == 1
