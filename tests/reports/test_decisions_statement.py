"""危机处置's 已采取的措施 lists the brand's own statement in the crisis's event beside the case's
steps: the first thing a brand does in public (the appliance week's 21:01 情况说明, blaming an
installer, was missing from a daily report that listed only 立案 and 启动预案)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from core.context import Context
from core.models import Mention
from reports.service import build_data
from tests.reports.factories import PLAN, TZ, WEEK
from tests.reports.test_decisions import WINDOW
from tests.support.statement_story import PLAN as BRAND_PLAN
from tests.support.statement_story import poster, statement, story

CRISIS = WEEK + timedelta(days=4, hours=10)  # Friday 11-20 10:00
post = poster(CRISIS)


def open_case(ctx: Context, linked: Sequence[Mention]) -> None:
    """A 紧急 case two hours into the story, opened by 李娜 with these mentions linked."""
    from crisis_playbooks.cases import service as cases
    from crisis_playbooks.cases.models import CaseCreate

    opened = CRISIS + timedelta(hours=2)
    with ctx.sessions() as session:
        case = cases.create(
            session,
            case_in=CaseCreate(title="酸菜鱼吃出蟑螂", brand="鲜味坊", severity="critical"),
            actor="李娜",
            now=opened,
        )
        for mention in linked:
            cases.link_mention(session, case=case, mention=mention, actor="李娜", now=opened)
        session.commit()


def test_the_brands_statement_is_among_what_was_done(make_ctx: Any) -> None:
    ctx = make_ctx(brand="鲜味坊", plans=[{"id": PLAN, **BRAND_PLAN}])
    told = story(post)
    ctx.pipeline.process(told)
    ctx.pipeline.process([statement(post)])
    open_case(ctx, [m for m in told if m.native_id == "s" or m.native_id.startswith("v")])

    [crisis] = build_data(ctx, WINDOW, PLAN).progress
    done = [(a.at.astimezone(TZ).strftime("%m-%d %H:%M"), a.text) for a in crisis.done]
    assert done == [
        ("11-20 11:30", "官方账号 @鲜味坊官方 发文：「关于网友反映的酸菜鱼异物问题，我们高度重视，"
         "已成立专项小组核查涉事门店的后厨卫…」"),  # 40 characters with the …
        ("11-20 12:00", "立案（李娜）"),
    ]  # fmt: skip


def test_a_customer_retelling_the_statement_is_not_the_brand_acting(make_ctx: Any) -> None:
    ctx = make_ctx(brand="鲜味坊", plans=[{"id": PLAN, **BRAND_PLAN}])
    told = story(post, voices=False)
    ctx.pipeline.process([*told, statement(post, "路人甲")])
    open_case(ctx, told[:1])
    [crisis] = build_data(ctx, WINDOW, PLAN).progress
    assert [a.text for a in crisis.done] == ["立案（李娜）"]
