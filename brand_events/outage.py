"""One outage, one event: posts telling the same service failure in their own words.

When a network, an app or a site goes down, the people it strands say so in many words and few
rare ones: 没信号, 断网, 无服务, 打不通, 打不出去, 连不上, 宕机, 崩了, 登不上, each beside their
own city, district and trouble (a shop that cannot take payments, a call to 120 that does not go
through). They share no two heavy words with the first post, so the topic join leaves each
version its own event (the telecom week's 广州 outage: seven events).

A post **tells an outage** when it names a failure of the service and no habit of it: 老是断网,
一到晚上就断网, 信号断断续续, 地铁里没信号 are the everyday complaints of a brand whose service
sometimes fails, not the outage (how it usually is, not what happened now); nor is 断网补偿
not honoured (the failure named as its remedy's reason). An event is an **outage story** when
at least half of its exemplars (the texts of its first posts, its first post first; repost
notes shorter than NOTE characters left out) tell an outage.

A post telling an outage that nothing else placed joins the largest live outage story
(≥ BURST_SIZE posts, its last post within the topic gap, its first within the live span)
unless it names a city the story's texts never name (the same failure in another city is
another outage); a copy group telling an outage is merged into such a story at its next copy.
A post telling the failure as a habit, or in another city, never joins an outage story, not by
topic nor by a merge.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

# A failure of the service itself, as its users say it (not a slow or weak one).
FAILURE = re.compile(
    "没信号|没有信号|无信号|信号都没有|一格信号|无服务|断网|网络中断|网断了|网络瘫痪|"
    "宽带.{0,2}断了|断了(?:这么|那么)久|连不上|上不了网|打不通|打不出去|打不进去|打不了电话|"
    "宕机|崩了|登不上|登录不上|瘫痪"
)
# A failure named as what its remedy is for (断网补偿 not honoured): a billing complaint.
REMEDY = re.compile("(?:" + FAILURE.pattern + ")(?:的)?(?:补偿|赔偿|退费|减免)")
# The failure as a habit or a place where it always happens: an everyday complaint.
HABIT = re.compile(
    "老是|总是|经常|动不动|三天两头|隔三差五|每天|每次|天天|最近|频繁|断断续续|时好时坏|好几次|"
    "一周.{0,4}次|一到.{0,8}就|地铁|电梯|地下室|地下车库"
)
# Cities a post may place its outage in (the same failure elsewhere is another outage).
CITIES = re.compile(
    "北京|上海|天津|重庆|广州|深圳|成都|杭州|武汉|西安|南京|长沙|郑州|福州|厦门|苏州|青岛|济南|"
    "合肥|南昌|昆明|贵阳|南宁|海口|沈阳|大连|长春|哈尔滨|石家庄|太原|呼和浩特|兰州|西宁|银川|"
    "乌鲁木齐|拉萨|宁波|无锡|东莞|佛山|珠海|温州|泉州|常州|徐州|烟台|洛阳|唐山"
)
STORY_SHARE = 0.5  # of an event's exemplars telling an outage, for it to be an outage story
NOTE = 12  # characters: a shorter exemplar is a repost's note (转发微博, 什么时候恢复), not counted


class Told(StrEnum):
    """What a post tells of a failure of the service."""

    NOTHING = "nothing"
    OUTAGE = "outage"  # the service down now
    HABIT = "habit"  # how it usually fails: the brand's everyday complaint


def told(text: str) -> Told:
    """Whether the text tells an outage, the failure as a habit, or neither."""
    if not text or not _failure(text):
        return Told.NOTHING
    return Told.HABIT if HABIT.search(text) is not None else Told.OUTAGE


def tells_outage(text: str) -> bool:
    """True when the text names a failure of the service and no habit of it."""
    return told(text) == Told.OUTAGE


def _failure(text: str) -> bool:
    """True when the text names a failure of the service other than as its remedy's reason."""
    if FAILURE.search(text) is None:  # most posts: one scan
        return False
    return FAILURE.search(REMEDY.sub("", text)) is not None


def outage_story(exemplars: Sequence[str]) -> bool:
    """True when at least half of an event's exemplars tell an outage."""
    texts = [text for text in exemplars if len(text) >= NOTE]
    return bool(texts) and sum(map(tells_outage, texts)) >= len(texts) * STORY_SHARE


def same_place(text: str, exemplars: Sequence[str]) -> bool:
    """False when the text names a city and the story's texts name none of its cities."""
    named = set(CITIES.findall(text))
    return not named or any(city in story for story in exemplars for city in named)
