"""One outage, one event (`brand_events/outage.py`): a city's mobile network down for hours is
told in many words — 没信号, 无服务, 打不出去, 打不通, 连不上 — each beside its own district and
trouble, sharing few rare words with the first post. The telecom week showed its 广州 outage as
seven events. Its versions now join the live outage story; the operator's everyday complaints
of the same failure (老是断网, 一到晚上就断网), a charge, or the same failure in another city
posted in the same hours stay apart."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from brand_events import service
from brand_events.enums import JoinReason
from brand_events.outage import Told, outage_story, same_place, tells_outage, told
from brand_events.synthetic import Stream, chatter
from brand_events.tracker import EventTracker
from core.context import Context
from core.models import Mention
from tests.events.conftest import brand_context
from tests.events.test_retold_copies import mention

SEED = (
    "星联广州这边从早上八点四十开始手机一格信号都没有，店里宽带也断了，顾客扫码付不了款，"
    "生意做不了。打客服一直占线，到现在一条通知短信都没有！什么时候能恢复？"
)
# Each told in its own words and its own district: few words shared with the first post.
VERSIONS = [
    "广州天河区也是，星联从早上到现在手机没信号，家里宽带也断了，什么都干不了",
    "星联今天怎么回事，手机一直显示无服务，开会全靠蹭同事热点",
    "我妈早上胸口疼，用星联的手机打120怎么都打不出去，最后借别人手机才叫到救护车",
    "外婆住院，星联的号一上午打不通，医生找不到家属签字，差点耽误手术",
    "广州海珠区也是，星联从早上到现在手机没信号，家里宽带也断了，什么都干不了",
]
# Other stories in the same hours: the failure as a habit, a charge, another city's outage.
OTHERS = [
    "星联宽带晚上一到八点就断网，重启光猫也没用，一周断了四次",
    "星联的网老是掉线连不上，视频会议开到一半就卡住",
    "星联又莫名其妙扣了我15块增值业务费，从来没订过",
    "成都这边星联今天手机也没信号，打不了电话，有人知道怎么回事吗",
    "星联断网补偿说好减免一个月月租，账单里照扣不误",
]
NOTES = ["转发微博", "我这也没信号", "什么时候恢复", "同问"]


@pytest.fixture
def telecom(tmp_path: Path) -> Iterator[Context]:
    """A context watching a telecom operator, with its own account."""
    yield from brand_context(tmp_path, "xl", "星联移动", "星联|星联移动", "星联移动")


def _outage() -> tuple[list[Mention], list[Mention], list[Mention]]:
    """The first post and its reposts, the versions (each copied by two more people) and the
    other stories (each posted three times) over the outage's first hours."""
    seed = mention("s", SEED, 0)
    story = [seed] + [mention(f"r{m}", NOTES[m % 4], m, repost_of="s") for m in range(1, 40)]
    versions = []
    for n, text in enumerate(VERSIONS):
        first = mention(f"v{n}", text, 5 + 7 * n)
        versions += [first] + [
            mention(f"v{n}c{k}", text, 50 + 9 * n + 30 * k, group_id=first.id) for k in (1, 2)
        ]
    others = []
    for n, text in enumerate(OTHERS):
        first = mention(f"o{n}", text, 20 + 11 * n)
        others += [first] + [
            mention(f"o{n}c{k}", text, 60 + 13 * n + 25 * k, group_id=first.id) for k in (1, 2)
        ]
    return story, versions, others


def test_an_outage_told_in_other_words_in_several_districts_is_one_event(
    telecom: Context,
) -> None:
    tracker = EventTracker(telecom.sessions, telecom.config)
    stream = Stream()
    chatter(random.Random(7), stream, 6, 30)
    tracker.track(stream.mentions)
    story, versions, others = _outage()
    everything = sorted([*story, *versions, *others], key=lambda m: m.published_at)
    start = story[0].published_at
    for half in range(8):  # half an hour at a time, as a collector delivers them
        tracker.track([m for m in everything if (m.published_at - start).seconds // 1800 == half])
    with telecom.sessions() as session:
        members = {m.native_id: m.reason for m in service.members(session, event_id=story[0].id)}
    assert {v.native_id for v in versions} <= set(members)
    assert JoinReason.OUTAGE in members.values()
    assert not {o.native_id: members[o.native_id] for o in others if o.native_id in members}


def test_what_tells_an_outage() -> None:
    assert all(tells_outage(v) for v in VERSIONS)
    assert told(OTHERS[0]) == told(OTHERS[1]) == Told.HABIT
    assert not tells_outage(OTHERS[0]) and not tells_outage(OTHERS[2])
    assert told(OTHERS[4]) == Told.NOTHING  # the failure as what a remedy is for
    assert tells_outage("东方之翼App崩了，值机一直登不上")
    assert outage_story([SEED, "转发微博", VERSIONS[1]])  # repost notes are not counted
    assert not outage_story([OTHERS[2], "关于套餐资费的咨询，月租怎么算"])
    assert not same_place(OTHERS[3], [SEED, VERSIONS[0]])  # the failure in another city
    assert same_place(VERSIONS[1], [SEED])  # no city named: the story's own hours decide
