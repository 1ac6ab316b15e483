"""Reactions to the brand's statement join the story it answered (`brand_events/answers.py`):
这声明是在搞笑吗, 声明里一句道歉都没有 speak of the statement, not of the story's facts, and
started events of their own (the airline, car and telecom weeks). In the day after the brand's
own account posted in a live story, a post naming its answer joins that story — after a restart
too; a different story in the same hours, or a post before the brand spoke, does not."""

from __future__ import annotations

from brand_events import service
from brand_events.enums import JoinReason
from brand_events.models import Event
from brand_events.tracker import EventTracker
from core.context import Context
from core.models import Author, Mention
from tests.events.test_retold_copies import mention

SEED = "鲜味坊酸菜鱼里吃出一只蟑螂，店家还说是我自己放的，已经拍了视频"
STATEMENT = "关于网友反映酸菜鱼异物一事的说明：我们已第一时间联系顾客，门店停业整改，感谢监督。"
REACTIONS = [
    "鲜味坊这声明是在搞笑吗？还感谢监督，谁监督你们了",
    "声明里一句道歉都没有，鲜味坊真把顾客当傻子",
    "出了事第一反应就是甩锅，鲜味坊这种公关是要把品牌做死吗",
]
OFFICIAL = Author(id="official", name="鲜味坊官方")
OTHER = "鲜味坊的骑手又把我的单送错了，打电话也不接，气死"  # another story, same hours


def _official(native_id: str, text: str, minutes: float, reply_to: str | None = None) -> Mention:
    """A post by the brand's own account."""
    return mention(native_id, text, minutes, OFFICIAL, reply_to=reply_to)


def test_reactions_to_the_statement_join_the_story_it_answered(ctx: Context) -> None:
    tracker = EventTracker(ctx.sessions, ctx.config)
    seed = mention("s", SEED, 0)
    early = mention("early", "鲜味坊到现在也没个声明，装死是吧", 30)  # before the brand spoke
    reposts = [mention(f"r{m}", "转发微博", m, repost_of="s") for m in range(1, 40)]
    tracker.track(sorted([seed, early, *reposts], key=lambda m: m.published_at))
    tracker.track([_official("official", STATEMENT, 60, "s")])
    reactions = [mention(f"a{n}", text, 90 + 20 * n) for n, text in enumerate(REACTIONS)]
    tracker.track(reactions[:1])
    # A restart: the brand's answer is remembered with the event (`events.answered_at`).
    restarted = EventTracker(ctx.sessions, ctx.config)
    other = mention("o0", OTHER, 100)
    verb = mention("o1", "我一再声明不要放香菜，鲜味坊又放了，差评", 110)  # 声明, not the statement
    restarted.track(sorted([*reactions[1:], other, verb], key=lambda m: m.published_at))
    with ctx.sessions() as session:
        members = {m.native_id: m.reason for m in service.members(session, event_id=seed.id)}
    assert members["official"] == JoinReason.LINK
    assert all(members.get(f"a{n}") == JoinReason.ANSWER for n in range(len(REACTIONS)))
    assert "o0" not in members and "o1" not in members and "early" not in members


def test_no_reaction_joins_a_story_the_brand_never_answered(ctx: Context) -> None:
    tracker = EventTracker(ctx.sessions, ctx.config)
    seed = mention("s", SEED, 0)
    reposts = [mention(f"r{m}", "转发微博", m, repost_of="s") for m in range(1, 40)]
    tracker.track([seed, *reposts])
    tracker.track([mention("a0", REACTIONS[0], 90)])
    with ctx.sessions() as session:
        members = {m.native_id for m in service.members(session, event_id=seed.id)}
    assert "a0" not in members


def test_no_reaction_joins_the_brands_own_promotion(ctx: Context) -> None:
    tracker = EventTracker(ctx.sessions, ctx.config)
    promo = _official("p", "鲜味坊双十二全场满50减20，转发抽十位送免单券", 0)
    reposts = [mention(f"r{m}", "转发微博", m, repost_of="p") for m in range(1, 40)]
    tracker.track([promo, *reposts, _official("p2", "活动今晚十二点截止，抓紧下单", 60, "p")])
    tracker.track([mention("a0", REACTIONS[0], 90)])
    with ctx.sessions() as session:
        members = {m.native_id for m in service.members(session, event_id=promo.id)}
    assert "p2" in members and "a0" not in members


def test_a_post_quoting_the_statement_joins_the_story_it_answered(ctx: Context) -> None:
    # “门店停业整改”？ names no 声明, only the statement's own words: the ride week's
    # “合作运力公司所属司机”？钱是畅行收的 began an event of its own.
    tracker = EventTracker(ctx.sessions, ctx.config)
    seed = mention("s", SEED, 0)
    reposts = [mention(f"r{m}", "转发微博", m, repost_of="s") for m in range(1, 40)]
    tracker.track([seed, *reposts])
    tracker.track([_official("official", STATEMENT, 60, "s")])
    # A restart: the answer's words are remembered with the event (`events.answers`).
    restarted = EventTracker(ctx.sessions, ctx.config)
    quoting = [
        mention("q0", "“门店停业整改”？整改完换个招牌接着卖吧，鲜味坊", 90),
        mention("q1", "「感谢监督」四个字真是轻飘飘，鲜味坊", 100),
        mention("q2", "鲜味坊家的“招牌烤鸭饭”我再也不点了", 110),  # a quote, not the statement's
        mention("late", "“门店停业整改”？鲜味坊又开了", 60 + 25 * 60),  # a day after it spoke
    ]
    restarted.track(quoting)
    with ctx.sessions() as session:
        members = {m.native_id: m.reason for m in service.members(session, event_id=seed.id)}
        story = session.get(Event, seed.id)
    assert members.get("q0") == JoinReason.ANSWER and members.get("q1") == JoinReason.ANSWER
    assert not {"q2", "late"} & set(members)
    # They say the brand's words, not the story's: its own words stay the story's.
    assert story is not None and story.terms["招牌"] == 1 and not story.used_terms.get("招牌")
