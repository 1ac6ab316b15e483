"""One-post events are one compact `event_seeds` row until they grow, merge or expire, and every
reader of forming events (list --all, the data clock, show, members) still sees them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from brand_events import seed_rows, service
from brand_events.listing import read_data_now, read_events
from brand_events.models import Event, EventMember, EventSeed
from brand_events.seed import Seed
from brand_events.tracker import EventTracker
from core.context import Context
from tests.events.test_clustering import T0, post


def _count(ctx: Context, model: type[object]) -> int:
    with ctx.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_one_post_event_is_one_seed_row_until_it_grows(ctx: Context) -> None:
    first = [
        post("s", "鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认", 0, "victim"),
        post("o", "今天鲜味坊的黄焖鸡分量很足，好吃", 5, "o"),
    ]
    ctx.pipeline.process(first)
    assert (_count(ctx, EventSeed), _count(ctx, Event), _count(ctx, EventMember)) == (2, 0, 0)

    ctx.pipeline.process([post("r1", "转发微博", 41, "r1", repost_of="s")])

    assert (_count(ctx, EventSeed), _count(ctx, Event), _count(ctx, EventMember)) == (1, 1, 2)
    with ctx.sessions() as session:
        grown = service.members(session, event_id=first[0].id)
        assert [(m.mention_id, m.event_id, m.reason) for m in grown] == [
            (first[0].id, first[0].id, "seed"),
            (grown[1].mention_id, first[0].id, "link"),
        ]


def test_readers_see_the_one_post_events(ctx: Context) -> None:
    lone = post("o", "今天鲜味坊的黄焖鸡分量很足，好吃", 5, "o")
    ctx.pipeline.process([lone])
    with ctx.sessions() as session:
        event = service.get(session, event_id=lone.id)
        assert event is not None
        assert (event.mention_count, event.visible, event.first_author) == (1, False, "o")
        assert event.exemplars == [lone.full_text[:200]]
        members = service.members(session, event_id=lone.id)
        assert [(m.mention_id, m.reason) for m in members] == [(lone.id, "seed")]
        assert [e.id for e in seed_rows.every_event(session)] == [lone.id]
    forming = read_events(ctx, include_forming=True)
    assert [(e.id, e.mention_count, e.started_at) for e in forming] == [
        (lone.id, 1, lone.published_at)
    ]
    assert forming[0].hourly == {str(int(lone.published_at.timestamp() // 3600)): 1}
    assert read_events(ctx) == []  # never a visible event
    assert read_data_now(ctx, wall=datetime(2030, 1, 1, tzinfo=T0.tzinfo)) == lone.published_at


def test_an_expired_one_post_event_leaves_no_row(ctx: Context) -> None:
    ctx.pipeline.process([post("o", "今天鲜味坊的黄焖鸡分量很足，好吃", 0, "o")])
    ctx.pipeline.process([post("late", "鲜味坊新店开业，排队的人很多", 60 * 24 * 3, "x")])

    with ctx.sessions() as session:
        assert [r.native_id for r in session.scalars(select(EventSeed))] == ["late"]
    assert _count(ctx, Event) == 0


def test_a_restart_loads_one_post_events_as_the_clusterer_made_them(ctx: Context) -> None:
    """A restart loads every seed of the last two windows (13,354 in a 60k-line store): as the
    compact `Seed` the clusterer made, not as an unsaved events row grown into a full cluster."""
    lone = post("o", "今天鲜味坊的黄焖鸡分量很足，好吃", 5, "o")
    live = EventTracker(ctx.sessions, ctx.config)
    live.track([lone])
    made = live.clusterer.clusters[lone.id]
    restarted = EventTracker(ctx.sessions, ctx.config)
    restarted.track([post("x", "鲜味坊的新店开业了", 9, "x")])
    loaded = restarted.clusterer.clusters[lone.id]
    assert isinstance(made, Seed) and isinstance(loaded, Seed)
    fields = ("words", "first_at", "author", "first_author", "first_source", "first_native_id")
    assert [getattr(loaded, f) for f in (*fields, "text")] == [
        getattr(made, f) for f in (*fields, "text")
    ]
    assert restarted.clusterer.owner[lone.id] == lone.id
