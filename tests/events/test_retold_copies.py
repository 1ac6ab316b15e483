"""Copies that retell a bursting story join it (`brand_events/retell.py`): the bank week's
暴力催收 incident was one story of 333 posts and four copy groups of 6–17 that began with it,
each sharing with the story only 催收 — a word the bank's customers use hour after hour, so no
copy carried enough weight to join by topic — and one more word."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from brand_events import links, service
from brand_events.cluster import Cluster, Post
from brand_events.clustering import Clusterer
from brand_events.features import term_idf
from brand_events.retell import Live, retells
from brand_events.synthetic import T0, Stream, chatter
from brand_events.tracker import EventTracker
from core.context import Context
from core.models import Author, Mention, Sentiment, SentimentLabel

START = T0 + timedelta(hours=6)  # after six hours of everyday posts
HOUR = int(START.timestamp() // 3600)
STORY = ("#暴力催收", "催收", "通讯录", "老赖", "打电话", "领导", "逾期")  # the first post's words
# Another customer's version: shares 催收 and the everyday 打电话 (idf 7.3) with the story.
VOICE = ("七十岁", "奶奶", "血压", "王法", "老人家", "催收", "吓人", "打电话")
PROMO = ("双十二", "满减", "免单券", "半价", "抽奖", "信用卡")


def at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


def seen(clusterer: Clusterer, every: int) -> None:
    """300 everyday posts before the story, one in `every` saying 催收, which is routine."""
    for i in range(300):
        words = (f"w{i}a", f"w{i}b", f"w{i}c") + (("催收",) if i % every == 0 else ())
        at_ = START - timedelta(minutes=300 - i)
        clusterer.assign(Post(f"b{i}", "weibo", f"b{i}", at_, f"u{i}", f"u{i}", "", words))
    clusterer.runs.runs["催收"] = (HOUR, 40)  # said hour after hour (term_runs.py)


def burst(clusterer: Clusterer, copies: tuple[str, ...], group: str) -> dict[str, str]:
    """The story (a first post and 25 reposts), a version of it at minute 3 (before the story
    has 10 posts) and six copies of that version while the story bursts; returns owners."""
    posts = [Post("s", "weibo", "s", at(0), "victim", "victim", "", STORY)]
    posts += [
        Post(f"r{i}", "weibo", f"r{i}", at(1 + i), f"r{i}", f"r{i}", "", (), "s") for i in range(25)
    ]
    posts.append(Post(group, "weibo", group, at(3), "v", "v", "", copies, group_id=group))
    posts += [
        Post(
            f"c{i}", "weibo", f"c{i}", at(30 + 5 * i), f"c{i}", f"c{i}", "", copies, group_id=group
        )
        for i in range(6)
    ]
    for post in sorted(posts, key=lambda p: p.published_at):
        clusterer.assign(post)
    return {p.id: clusterer.resolve(clusterer.owner[p.id]).id for p in posts}  # type: ignore[union-attr]


def test_copies_of_another_customers_version_join_the_story() -> None:
    clusterer = Clusterer()
    seen(clusterer, 10)
    owners = burst(clusterer, VOICE, "v")
    assert {owners["v"], *(owners[f"c{i}"] for i in range(6))} == {owners["s"]} == {"s"}
    story = clusterer.clusters["s"]
    assert story.size == 1 + 25 + 1 + 6 and clusterer.clusters["v"].merged_into == "s"


def test_a_copy_pasted_promotion_during_the_burst_stays_its_own_event() -> None:
    clusterer = Clusterer()
    seen(clusterer, 10)
    owners = burst(clusterer, PROMO, "p")
    assert owners["p"] == "p" != owners["s"] and {owners[f"c{i}"] for i in range(6)} == {"p"}


def test_copies_sharing_only_the_brands_everyday_word_stay_apart() -> None:
    clusterer = Clusterer()
    seen(clusterer, 3)  # a third of all posts say 催收 (as a quarter of the demo's say 外卖)
    owners = burst(clusterer, VOICE, "v")
    assert owners["v"] == "v" != owners["s"]


def test_only_a_copy_group_that_began_with_the_story_and_uses_its_central_rare_word() -> None:
    story = Cluster(id="s", first_at=START, last_at=START, size=30, independent=3)
    story.used.update({"蟑螂": 3, "肚子疼": 1, "外卖": 3, "门店": 1})
    story.terms.update({"蟑螂": 30, "肚子疼": 10, "外卖": 30, "门店": 5})  # copies too
    side = Cluster(id="v", first_at=at(3), last_at=START, size=2)
    live = Live(timedelta(hours=6), timedelta(hours=24), timedelta(hours=2))

    def judge(terms: tuple[str, ...], side: Cluster = side, when: datetime = at(30)) -> bool:
        return retells(terms, side, story, when, live, 0.5, term_idf, lambda t, _: term_idf(t))

    assert judge(("蟑螂", "肚子疼", "急诊"))
    assert not judge(("蟑螂", "急诊"))  # one shared word
    assert not judge(("门店", "肚子疼", "急诊"))  # no central word shared, one fairly common
    story.terms["门店"] = 8  # said in a quarter as many posts as 蟑螂: two such words will do
    assert judge(("门店", "肚子疼", "急诊"))
    assert judge(("蟑螂", "肚子疼"), when=at(300))  # five hours on: still being talked about
    assert not judge(("蟑螂", "肚子疼"), when=at(7 * 60))  # seven quiet hours: the story is over
    older = Cluster(id="o", first_at=at(-180), last_at=START, size=2)
    assert not judge(("蟑螂", "肚子疼"), side=older)  # began hours before: its own story


def mention(
    native_id: str, text: str, minutes: float, author: Author | None = None, **fields: object
) -> Mention:
    return Mention(
        source="weibo",
        channel="weibo",
        native_id=native_id,
        text=text,
        published_at=at(minutes),
        author=author or Author(id=native_id, name=native_id),
        **fields,  # type: ignore[arg-type]
    )


def said(
    native_id: str, text: str, minutes: float, label: SentimentLabel, **fields: object
) -> Mention:
    """`mention`, classified `label` (a grievance when negative)."""
    found = mention(native_id, text, minutes, **fields)
    return found.model_copy(update={"sentiment": Sentiment(label=label, score=0.5)})


def test_a_side_event_already_shown_merges_and_its_id_and_alerts_follow(ctx: Context) -> None:
    tracker = EventTracker(ctx.sessions, ctx.config)
    stream = Stream()
    chatter(random.Random(3), stream, 6, 30)
    tracker.track(stream.mentions)
    tracker.clusterer.runs.runs["蟑螂"] = (HOUR, 40)  # this brand hears of 蟑螂 every hour
    seed = mention("s", "鲜味坊酸菜鱼里吃出一只蟑螂，门店还不承认，我吃完肚子疼了一晚上", 0)
    text = "不止我一个！上周点鲜味坊也吃出蟑螂，肚子疼到去医院挂急诊，花了八百多，谁来管管"
    voice = mention("v", text, 3)

    def reposts(minutes: range) -> list[Mention]:
        return [mention(f"r{m}", "转发微博", m, repost_of="s") for m in minutes]

    def copies(name: str, minutes: list[float]) -> list[Mention]:
        return [mention(f"{name}{i}", text, m, group_id=voice.id) for i, m in enumerate(minutes)]

    tracker.track([seed, *reposts(range(1, 5)), voice])
    tracker.track(copies("c", [4, 4.5, 5, 5.5, 6]))  # the story has 5 posts: its own event
    with ctx.sessions() as session:
        shown = service.get(session, event_id=voice.id)
        assert shown is not None and shown.id == voice.id and shown.visible
        samples = [m.mention_id for m in service.members(session, event_id=voice.id)]
    tracker.track([*reposts(range(7, 30)), *copies("late", [40])])
    with ctx.sessions() as session:
        merged = service.get(session, event_id=voice.id)  # the old id leads to the story
        assert merged is not None and merged.id == seed.id and merged.mention_count == 35
        owner = links.owner(session, samples)  # an alert raised on the side event's posts
        assert owner is not None and owner.id == seed.id
