"""危机处置's 已采取的措施 lists the brand's own statement in the crisis's event beside the case's
steps: the first thing a brand does in public (the appliance week's 21:01 情况说明, blaming an
installer, was missing from a daily report that listed only 立案 and 启动预案)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from core.enums import Channel
from core.models import Author, Mention
from reports.service import build_data
from tests.events.test_own_statement import SEED, STATEMENT, VOICES
from tests.reports.factories import PLAN, TZ, WEEK
from tests.reports.test_decisions import WINDOW

CRISIS = WEEK + timedelta(days=4, hours=10)  # Friday 11-20 10:00


def post(native_id: str, text: str, minutes: int, author: str, **fields: Any) -> Mention:
    return Mention(
        source="weibo",
        channel=Channel.WEIBO,
        native_id=native_id,
        text=text,
        published_at=CRISIS + timedelta(minutes=minutes),
        author=Author(id=author, name=author),
        **fields,
    )


def test_the_brands_statement_is_among_what_was_done(make_ctx: Any) -> None:
    from crisis_playbooks.cases import service as cases
    from crisis_playbooks.cases.models import CaseCreate

    plan = {"id": PLAN, "name": "鲜味坊", "expression": "鲜味坊", "own_accounts": ["鲜味坊官方"]}
    ctx = make_ctx(brand="鲜味坊", plans=[plan])
    seed = post("s", SEED, 0, "victim")
    reposts = [post(f"r{i}", "转发微博", 1 + i, f"r{i}", repost_of="s") for i in range(8)]
    voices = [post(f"v{i}", text, 10 + i, f"v{i}") for i, text in enumerate(VOICES)]
    ctx.pipeline.process([seed, *reposts, *voices])
    ctx.pipeline.process([post("o", STATEMENT, 90, "鲜味坊官方")])
    opened = CRISIS + timedelta(hours=2)
    with ctx.sessions() as session:
        case = cases.create(
            session,
            case_in=CaseCreate(title="酸菜鱼吃出蟑螂", brand="鲜味坊", severity="critical"),
            actor="李娜",
            now=opened,
        )
        for mention in (seed, *voices):
            cases.link_mention(session, case=case, mention=mention, actor="李娜", now=opened)
        session.commit()

    [crisis] = build_data(ctx, WINDOW, PLAN).progress
    done = [(a.at.astimezone(TZ).strftime("%m-%d %H:%M"), a.text) for a in crisis.done]
    assert done == [
        ("11-20 11:30", "官方账号 @鲜味坊官方 发文：「关于网友反映的酸菜鱼异物问题，我们高度重视，"
         "已成立专项小组核查涉事门店的后厨卫生…」"),
        ("11-20 12:00", "立案（李娜）"),
    ]  # fmt: skip


def test_a_customer_retelling_the_statement_is_not_the_brand_acting(make_ctx: Any) -> None:
    from crisis_playbooks.cases import service as cases
    from crisis_playbooks.cases.models import CaseCreate

    plan = {"id": PLAN, "name": "鲜味坊", "expression": "鲜味坊", "own_accounts": ["鲜味坊官方"]}
    ctx = make_ctx(brand="鲜味坊", plans=[plan])
    seed = post("s", SEED, 0, "victim")
    reposts = [post(f"r{i}", "转发微博", 1 + i, f"r{i}", repost_of="s") for i in range(8)]
    ctx.pipeline.process([seed, *reposts, post("o", STATEMENT, 90, "路人甲")])
    opened = CRISIS + timedelta(hours=2)
    with ctx.sessions() as session:
        case = cases.create(
            session,
            case_in=CaseCreate(title="酸菜鱼吃出蟑螂", brand="鲜味坊", severity="critical"),
            actor="李娜",
            now=opened,
        )
        cases.link_mention(session, case=case, mention=seed, actor="李娜", now=opened)
        session.commit()
    [crisis] = build_data(ctx, WINDOW, PLAN).progress
    assert [a.text for a in crisis.done] == ["立案（李娜）"]
