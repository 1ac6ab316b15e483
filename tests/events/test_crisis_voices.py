"""A crisis's voices join it (`brand_events/retell.voices`): in the first hours of a crisis other
customers copy-paste their own short side of it (启明的班主任上周还说只是临时装修…今天桌椅都搬空了),
sharing one everyday word with the story at most, and formed side events of their own (the
education week: the story and five side events). A complaint of another story posted alone, and a
promotion copy-pasted in the same hours, stay apart. The brand's apology a day later, naming its
earlier statement, joins the story too (it answered it)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from brand_events import service
from brand_events.enums import JoinReason
from brand_events.synthetic import Stream, chatter
from brand_events.tracker import EventTracker
from core.context import Context
from core.models import Author, Mention, SentimentLabel
from tests.events.conftest import brand_context
from tests.events.test_retold_copies import mention, said

SEED = "启明滨江校区今天大门锁着，家长们都在门口等，刚交的学费找谁要，这是跑路了吗"
VOICE = "启明的班主任上周还说只是临时装修，让家长别信谣言，今天桌椅都搬空了"
ROUTINE = (
    "启明的网课老师一学期换了三个，孩子每次都要重新适应，家长也很无奈，作业批改越来越敷衍"  # alone
)
PROMO = "启明寒假班报名立减五百元，家长转发还送教辅资料"  # copy-pasted, not a grievance
STATEMENT = "关于滨江校区的情况说明：因场地租赁合同到期暂停线下教学，网传跑路一事不实。"
APOLOGY = "致滨江校区家长的致歉信：我们此前的情况说明不够坦诚，剩余学费全额退还，诚恳致歉。"
OFFICIAL = Author(id="official", name="启明教育")


@pytest.fixture
def school(tmp_path: Path) -> Iterator[Context]:
    """An education brand's stores: 启明, its own account 启明教育."""
    yield from brand_context(tmp_path, "qm", "启明", "启明|启明教育", "启明教育")


def _reposts(minutes: range) -> list[Mention]:
    return [mention(f"r{m}", "转发微博", m, repost_of="s") for m in minutes]


def _members(ctx: Context) -> dict[str, str]:
    with ctx.sessions() as session:
        story = mention("s", "", 0).id
        return {m.native_id: m.reason for m in service.members(session, event_id=story)}


def _group(prefix: str, text: str, start: int, label: SentimentLabel) -> list[Mention]:
    first = said(f"{prefix}0", text, start, label)
    return [first] + [
        said(f"{prefix}{i}", text, start + 15 * i, label, group_id=first.id) for i in range(1, 7)
    ]


def test_a_short_side_story_pasted_by_many_joins_the_crisis_and_others_stay_apart(
    school: Context,
) -> None:
    tracker = EventTracker(school.sessions, school.config)
    stream = Stream()
    chatter(random.Random(3), stream, 6, 30)  # six hours of everyday posts before the story
    tracker.track(stream.mentions)
    negative, positive = SentimentLabel.NEGATIVE, SentimentLabel.POSITIVE
    posts = [
        said("s", SEED, 0, negative),
        *_reposts(range(1, 30)),
        *_reposts(range(60, 600, 30)),
        *_group("v", VOICE, 40, negative),
        *_group("p", PROMO, 45, positive),
        said("o", ROUTINE, 50, negative),
    ]
    tracker.track(sorted(posts, key=lambda m: m.published_at))
    members = _members(school)
    assert {f"v{i}" for i in range(7)} <= members.keys()
    assert not [(n, r) for n, r in members.items() if n.startswith("p") or n == "o"]


def test_the_brands_apology_a_day_later_joins_the_story_it_answered(school: Context) -> None:
    tracker = EventTracker(school.sessions, school.config)
    official = mention("official", STATEMENT, 300, OFFICIAL)
    apology = mention("apology", APOLOGY, 30 * 60, OFFICIAL)  # 30 h after the first post
    # The story stays talked about through the night (a repost every three hours).
    later = _reposts(range(480, 30 * 60, 180))
    tracker.track([mention("s", SEED, 0), *_reposts(range(1, 30)), official, *later, apology])
    members = _members(school)
    assert members["official"] == JoinReason.TOPIC
    assert members["apology"] == JoinReason.ANSWER
