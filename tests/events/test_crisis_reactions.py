"""Reactions to a running crisis join it (`brand_events/reactions.py`): 看了新闻想退车 and
看完视频吓出一身冷汗 name the product the crisis is about (which the brand's customers say every
day) and their own fear, never the failure, and a protest at a motor show the next morning tells a
new part of the story under its #topic#. They formed side events of their own in the car and
skincare weeks. A complaint of the same product that does not react to the news, and news of
something else, stay apart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from brand_events import service
from brand_events.enums import JoinReason
from brand_events.tracker import EventTracker
from core.context import Context
from core.models import Mention
from tests.events.conftest import brand_context
from tests.events.test_retold_copies import HOUR, mention

SEED = "驰远星河S7在绕城高速上刹车失灵，踏板踩不下去，直接撞上护栏，人已送医 #驰远星河S7刹车失灵#"
REACTION = "刚提的星河S7，看了新闻想退车，4S店说已经上牌不能退"
FEAR = "看完视频吓出一身冷汗，我家星河S7天天接送孩子，现在都不敢开了"
SCENE = "【现场】车展展台，一位车主站上展车车顶维权，高喊还我安全，围观者众多 #驰远星河S7刹车失灵#"
ROUTINE = "驰远星河S7的车机又死机了，导航倒车影像全黑，开着高速突然黑屏"  # the product, no news
OTHER_NEWS = "看了新闻说驰远要出一款新的SUV，外观挺好看，价格还没公布"  # news, another subject


@pytest.fixture
def car(tmp_path: Path) -> Iterator[Context]:
    """A car brand's stores: 驰远, its own account 驰远汽车."""
    yield from brand_context(tmp_path, "cy", "驰远", "驰远|驰远汽车", "驰远汽车")


def _tracker(ctx: Context) -> EventTracker:
    tracker = EventTracker(ctx.sessions, ctx.config)
    for word in ("星河", "s7"):  # the product: its owners say it every hour
        tracker.clusterer.runs.runs[word] = (HOUR, 40)
    return tracker


def _reposts(minutes: range) -> list[Mention]:
    return [mention(f"r{m}", "转发微博", m, repost_of="s") for m in minutes]


def _members(ctx: Context) -> dict[str, str]:
    with ctx.sessions() as session:
        return {
            m.native_id: m.reason for m in service.members(session, event_id=mention("s", "", 0).id)
        }


def test_a_reaction_to_the_news_and_a_scene_post_under_its_topic_join_the_crisis(
    car: Context,
) -> None:
    tracker = _tracker(car)
    # The crisis: its first post and reposts all day and into the next morning (live).
    tracker.track([mention("s", SEED, 0), *_reposts(range(1, 30)), *_reposts(range(60, 900, 60))])
    reaction = mention("n0", REACTION, 180)
    copies = [mention(f"n{i}", REACTION, 180 + 10 * i, group_id=reaction.id) for i in (1, 2)]
    routine = mention("o0", ROUTINE, 200)
    other = mention("o1", OTHER_NEWS, 210)
    scene = mention("scene", SCENE, 14 * 60 + 10)  # past the topic join's 12 hours
    tracker.track([reaction, *copies, routine, other])
    tracker.track([*_reposts(range(905, 1000, 30)), scene])
    members = _members(car)
    assert members["n0"] == JoinReason.REACTION and members["scene"] == JoinReason.REACTION
    assert members["n1"] == members["n2"] == JoinReason.COPY
    assert "o0" not in members and "o1" not in members


def test_a_reaction_copied_before_the_crisis_grew_is_merged_into_it(car: Context) -> None:
    tracker = _tracker(car)
    first = mention("f0", FEAR, 4)  # the story has three posts: no story to react to yet
    tracker.track([mention("s", SEED, 0), *_reposts(range(1, 4)), first])
    later = [mention(f"f{i}", FEAR, 40 + 10 * i, group_id=first.id) for i in (1, 2, 3)]
    tracker.track([*_reposts(range(5, 40)), *later])
    members = _members(car)
    assert {"f0", "f1", "f2", "f3"} <= members.keys()
    assert members["f0"] == JoinReason.MERGE


NOTICE = (
    "杭州市公安局交警支队警情通报：11月25日，一辆小型轿车在绕城高速撞上护栏，驾驶员受伤送医，"
    "经查事发时车辆制动异常，事故原因正在进一步调查中。"
)
OTHER_NOTICE = "杭州市公安局警情通报：11月25日，西湖区一小区发生入室盗窃，嫌疑人已被抓获。"


def test_an_authoritys_notice_on_the_crisis_joins_it_and_another_notice_does_not(
    car: Context,
) -> None:
    # The express and ride-hailing weeks' police notices (round 31) named the case, not the
    # brand's words for it: each opened an event and a 高危舆情：其他 alert group of its own.
    tracker = _tracker(car)
    voices = [
        mention(f"v{i}", f"{i}号车主：绕城高速刹车失灵撞护栏，太吓人了", 30 + i) for i in range(8)
    ]
    tracker.track([mention("s", SEED, 0), *_reposts(range(1, 30)), *voices])
    tracker.track([*_reposts(range(60, 900, 60))])
    tracker.track([mention("p0", NOTICE, 600), mention("p1", OTHER_NOTICE, 610)])
    members = _members(car)
    assert members["p0"] == JoinReason.REACTION
    assert "p1" not in members
