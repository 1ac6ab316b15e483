"""The brand's statement on a spreading story belongs to that story: an official reply rarely
reposts the complaint, and its many words ("高度重视", "专项小组") share little with the
customers', so the topic rule alone left it a one-post event and 事件脉络 had no 品牌回应."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from brand_events.answers import is_statement
from brand_events.statements import own_posts, said_zh
from core.context import Context
from core.own_accounts import OwnAccounts
from tests.events.test_clustering import events_of, members_of, post
from tests.support.statement_story import OWN, statement, story


def test_the_brand_statement_joins_the_story_it_answers(ctx: Context) -> None:
    ctx.pipeline.process(story(post))
    ctx.pipeline.process([statement(post)])
    (event,) = events_of(ctx)
    assert "o" in members_of(ctx, event.id)


def test_a_customer_post_in_the_same_words_still_needs_the_topic_rule(ctx: Context) -> None:
    ctx.pipeline.process([*story(post, voices=False), statement(post, "路人甲")])
    (event,) = events_of(ctx)
    assert "o" not in members_of(ctx, event.id)


def test_the_brands_apology_the_next_afternoon_joins_the_story_still_being_talked_about(
    ctx: Context,
) -> None:
    # The skincare week's apology came 19 hours after the first post, while people still
    # reposted the story; it joined a side event of the morning wave instead.
    night = [post(f"n{i}", "转发微博", 60 + 40 * i, f"n{i}", repost_of="s") for i in range(25)]
    ctx.pipeline.process([*story(post), *night])
    ctx.pipeline.process([statement(post, minutes=17 * 60)])
    (event,) = events_of(ctx)
    assert "o" in members_of(ctx, event.id)


def test_what_the_brand_said_in_the_story_is_found_for_the_playbook(ctx: Context) -> None:
    # A case's first-response step shows the statement already posted (round 29: the phone
    # fire's playbook asked for a holding statement an hour after the brand had posted one).
    ctx.pipeline.process(story(post))
    ctx.pipeline.process([statement(post)])
    (event,) = events_of(ctx)
    own = OwnAccounts.of(ctx.config)
    with ctx.sessions() as session:
        said = own_posts(session, ctx.index, event.id, own)
        nobody = own_posts(session, ctx.index, event.id, OwnAccounts())
    assert [m.native_id for m in said] == ["o"]
    assert nobody == []
    shown = said_zh(said, ZoneInfo("Asia/Shanghai"))
    at = said[0].published_at.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%m-%d %H:%M")
    assert shown.startswith(
        f"官方账号已在本事件中发文 {at} @鲜味坊官方：「关于网友反映的酸菜鱼异物问题"
    )
    assert "…」" in shown  # quoted, cut at 60 characters
    assert "正面更正" in shown


def test_a_customer_quoting_the_statement_is_not_the_brand_speaking(ctx: Context) -> None:
    ctx.pipeline.process([*story(post, voices=False), statement(post, "路人甲")])
    (event,) = events_of(ctx)
    with ctx.sessions() as session:
        assert own_posts(session, ctx.index, event.id, OwnAccounts.of(ctx.config)) == []


def test_a_statement_that_blames_is_named_so_on_the_step() -> None:
    blaming = post("o", "经初步核实，该热水器由非授权人员安装，与产品质量无关。", 90, "澜庭电器")
    shown = said_zh([blaming], ZoneInfo("Asia/Shanghai"))
    assert (
        "这条说明含调查结论出来前的归咎用户或第三方「非授权人员安装」、撇清责任「与产品质量无关」"
        in shown
    )
    assert "正面更正这些说法并致歉" in shown


VAGUE = (
    "涉事商家为合作运营公司所属，后厨卫生未见明显异常。我们已第一时间暂停其接单，"
    "具体情况以监管部门通报为准，感谢大家的关注。"
)


def test_a_statement_headed_as_one_joins_the_live_story_though_it_names_nothing_of_it(
    ctx: Context,
) -> None:
    # The ride-hailing week's 情况说明 (round 31) spoke of 网传乘客投诉 and 涉事司机, none of
    # the harassment's words: it stayed in no event, the story was never marked answered and
    # the reactions to it (畅行的声明是在给司机洗地吧) made events of their own.
    ctx.pipeline.process(story(post))
    ctx.pipeline.process([post("o", f"关于网传顾客投诉的情况说明：{VAGUE}", 90, OWN)])
    (event,) = [e for e in events_of(ctx) if "s" in members_of(ctx, e.id)]
    assert "o" in members_of(ctx, event.id)


def test_the_same_words_unheaded_or_by_a_customer_stay_apart(ctx: Context) -> None:
    ctx.pipeline.process(story(post))
    ctx.pipeline.process([post("o", VAGUE, 90, OWN)])
    ctx.pipeline.process([post("c", f"关于网传顾客投诉的情况说明：{VAGUE}", 91, "路人甲")])
    (event,) = [e for e in events_of(ctx) if "s" in members_of(ctx, e.id)]
    assert not {"o", "c"} & members_of(ctx, event.id)


@pytest.mark.parametrize(
    ("text", "headed"),
    [
        ("关于网传乘客投诉的情况说明：经初步核查", True),
        ("致乘客和公众的道歉：经彻查", True),
        ("致X5用户的致歉与召回公告：我们此前的说明未经充分核实", True),
        ("【致歉声明】：对于部分消费者", True),
        ("关于网友反映的催收问题，我行高度重视", False),
        ("您好，关于您反映的问题：已为您处理", False),
        ("关于双十一活动的公告：满300减50", False),
    ],
)
def test_a_statement_is_known_by_its_headline(text: str, headed: bool) -> None:
    assert is_statement(text) is headed
