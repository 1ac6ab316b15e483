"""A passenger's version of a crisis, begun with it, keeps joining the story while it is live
(`brand_events/retell.py`): the airline week's DW8853 crisis (a long first post: five hours on
the tarmac, an old man fainting, a flight attendant's 不想坐可以自己下去) was shown as six events —
the story and five copy-pasted versions that each took one part of it (晕倒的老人现在怎么样了…,
乘务员那句…太伤人了) and kept arriving after the story's first two hours, when the story's top
words were its repost notes (必须道歉, 心疼老人) and the version's word was said by a few of its
own posts only. A version now joins when it began after the first post, in its first two
hours, and names a rare word of that first post (which every repost passes on)."""

from __future__ import annotations

import random
from datetime import timedelta

from brand_events import service
from brand_events.cluster import Cluster
from brand_events.features import term_idf
from brand_events.retell import Live, retells
from brand_events.synthetic import Stream, chatter
from brand_events.tracker import EventTracker
from core.context import Context
from tests.events.test_retold_copies import START, at, mention

SEED = (
    "鲜味坊外卖骑手把我们的餐关在保温箱里五个小时不送，后排一位七十多岁的老人饿到晕倒了，"
    "叫了120才抬下去。问客服什么时候送到，她说不想要可以自己取消。"
)
VERSION = "晕倒的老人现在怎么样了？鲜味坊到现在一句话都没有，出了人命谁负责"
NOTES = ["转发微博", "太过分了", "必须道歉", "心疼老人", "关注"]


def test_a_version_begun_with_the_story_joins_it_after_its_first_hours(ctx: Context) -> None:
    tracker = EventTracker(ctx.sessions, ctx.config)
    stream = Stream()
    chatter(random.Random(5), stream, 6, 30)
    tracker.track(stream.mentions)
    seed = mention("s", SEED, 0)
    notes = [mention(f"r{m}", NOTES[m % 5], m, repost_of="s") for m in range(1, 200)]
    first = mention("v", VERSION, 3)
    copies = [mention(f"c{m}", VERSION, m, group_id=first.id) for m in range(130, 240, 10)]
    for minute in range(0, 240, 30):  # half an hour at a time, as a collector delivers them
        batch = [
            m
            for m in (seed, first, *notes, *copies)
            if minute <= (m.published_at - START).total_seconds() / 60 < minute + 30
        ]
        tracker.track(sorted(batch, key=lambda m: m.published_at))
    with ctx.sessions() as session:
        members = {m.native_id for m in service.members(session, event_id=seed.id)}
    assert {"v", *(c.native_id for c in copies)} <= members


def test_only_a_version_begun_with_the_story_naming_a_rare_word_of_its_first_post() -> None:
    opening = ("保温箱", "晕倒", "骑手", "五个", "老人")
    story = Cluster(id="s", first_at=START, last_at=at(150), size=200, independent=2)
    story.opening = opening  # the first post's words
    story.used.update({"晕倒": 1, "保温箱": 1, "五个": 1, "老人": 1, "视频": 2})
    story.terms.update({"道歉": 60, "心疼": 40, "老人": 40, "晕倒": 1, "五个": 1, "骑手": 1})
    story.terms.update({"保温箱": 1, "视频": 2})
    live = Live(timedelta(hours=6), timedelta(hours=24), timedelta(hours=2))

    def judge(terms: tuple[str, ...], begun: float) -> bool:
        side = Cluster(id="v", first_at=at(begun), last_at=at(begun), size=5)
        return retells(terms, side, story, at(150), live, 0.5, term_idf, lambda t, _: term_idf(t))

    assert judge(("晕倒", "人命", "五个"), begun=3)
    assert not judge(("晕倒", "人命", "五个"), begun=140)  # begun hours later: its own story
    assert not judge(("晕倒", "人命"), begun=3)  # one word shared
    assert not judge(("心疼", "老人", "人命"), begun=3)  # only the repost notes' words
    assert not judge(("老人", "五个", "人命"), begun=3)  # everyday words only
    assert not judge(("视频", "五个", "人命"), begun=3)  # rare, but not the first post's word
