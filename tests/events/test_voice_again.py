"""The same text said again after hours of quiet joins the event already listed by it.

The property, phone and ride weeks each listed one crisis voice twice under the same
title (精装房一进门甲醛味冲鼻子 at 13:54 and again from 00:24; 店员说没有总部通知不给检测;
女孩子晚上打车记得开行程分享): a copy group grew into a visible event, went quiet for more
than the topic gap, and its next copy started a second event that the later copies joined.
Within the window the text is the same voice: it joins the listed event. A copy group too
small to be listed, or a text said again days later, still starts afresh.
"""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from brand_events import service
from brand_events.listing import read_events
from brand_events.models import EventMember
from brand_events.synthetic import Stream, chatter
from brand_events.tracker import EventTracker
from core.context import Context
from core.models import Mention
from tests.events.test_retold_copies import mention

VOICE = "精装房一进门甲醛味冲鼻子，鲜味坊的物业还让我们赶紧入住，家里有老人孩子"


def _copies(prefix: str, start: float, count: int, first: Mention | None = None) -> list[Mention]:
    """`count` copies of VOICE by different people, 12 minutes apart, grouped under `first`."""
    posts: list[Mention] = []
    for i in range(count):
        post = mention(f"{prefix}{i}", VOICE, start + 12 * i)
        head = first or (posts[0] if posts else None)
        posts.append(post if head is None else post.model_copy(update={"group_id": head.id}))
    return posts


def _track(ctx: Context, earlier: int, later_at: float) -> tuple[list[Mention], list[Mention]]:
    tracker = EventTracker(ctx.sessions, ctx.config)
    stream = Stream()
    chatter(random.Random(5), stream, 6, 30)  # six hours of everyday posts before the voice
    tracker.track(stream.mentions)
    first = _copies("a", 0, earlier)
    again = _copies("b", later_at, 5, first=first[0])
    tracker.track(first)
    tracker.track(again)
    return first, again


def _event_of(ctx: Context, post: Mention) -> str | None:
    with ctx.sessions() as session:
        return session.scalar(select(EventMember.event_id).where(EventMember.mention_id == post.id))


def test_a_listed_voice_said_again_after_hours_of_quiet_is_one_event(ctx: Context) -> None:
    first, again = _track(ctx, earlier=6, later_at=8 * 60)  # eight hours later: past the gap
    event = _event_of(ctx, first[0])
    assert event is not None
    assert {_event_of(ctx, post) for post in again} == {event}
    with ctx.sessions() as session:
        titles = [e.title for e in read_events(session)]
        reasons = {m.native_id: m.reason for m in service.members(session, event_id=event)}
    assert len(reasons) == 11 and reasons["b0"] == "copy"
    assert titles.count(titles[0]) == 1 and sum("甲醛" in title for title in titles) == 1


@pytest.mark.parametrize(
    ("earlier", "later_at"),
    [(3, 8 * 60), (6, 30 * 60)],
    ids=["never-listed", "a-day-and-more-later"],
)
def test_an_unlisted_group_or_a_text_days_later_starts_afresh(
    ctx: Context, earlier: int, later_at: float
) -> None:
    first, again = _track(ctx, earlier, later_at)
    assert _event_of(ctx, again[0]) != _event_of(ctx, first[0])
