"""A publication time in the future is a source's error: it is kept at its collection time
(and says so), and cannot close the events that are running."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.context import Context
from core.models import Mention, utcnow
from core.pipeline.normalize import FUTURE_SLACK
from tests.events.test_clustering import T0, events_of, members_of, post


def live(native_id: str, text: str, minutes: float, author: str, **fields: object) -> Mention:
    """A post collected the moment it was published (a live collector)."""
    made = post(native_id, text, minutes, author, **fields)
    return made.model_copy(update={"collected_at": made.published_at})


def test_a_post_dated_in_the_future_is_kept_at_its_collection_time(ctx: Context) -> None:
    collected = T0 + timedelta(minutes=3)
    ahead = post("late", "鲜味坊的新品什么时候上架？", 0, "u1").model_copy(
        update={"published_at": datetime(2099, 1, 1, tzinfo=UTC), "collected_at": collected}
    )
    skewed = post("skew", "鲜味坊今天人好多", 0, "u2").model_copy(
        update={"published_at": collected + FUTURE_SLACK / 2, "collected_at": collected}
    )
    report = ctx.pipeline.process([ahead, skewed])
    kept = {m.native_id: m for m in report.new}
    assert kept["late"].published_at == collected
    assert len(kept["late"].repairs) == 1
    assert "2099-01-01" in kept["late"].repairs[0] and "已按采集时间记录" in kept["late"].repairs[0]
    assert [ref for ref, _ in report.repaired] == ["late"]
    assert kept["skew"].published_at == collected + FUTURE_SLACK / 2  # clock skew: left alone
    assert kept["skew"].repairs == []
    stored = ctx.index.get(kept["late"].id)
    assert stored is not None and stored.published_at == collected


def test_a_record_that_also_claims_to_be_collected_in_2099_is_kept_at_now(ctx: Context) -> None:
    year_2099 = datetime(2099, 1, 1, tzinfo=UTC)
    record = post("odd", "鲜味坊 未来的帖子", 0, "odd").model_copy(
        update={"published_at": year_2099, "collected_at": year_2099}
    )
    before = utcnow()
    (kept,) = ctx.pipeline.process([record]).new
    assert before <= kept.collected_at <= utcnow()
    assert kept.published_at == kept.collected_at
    assert ["采集时间" in kept.repairs[0], "发布时间" in kept.repairs[1]] == [True, True]


def test_a_post_from_2099_does_not_close_an_incident_that_is_starting(ctx: Context) -> None:
    # The incident is two posts old (not yet an event) when a record dated 2099 arrives; the
    # reposts that follow still join it, and it becomes the event.
    seed = live("s", "鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认", 0, "victim")
    ctx.pipeline.process([seed, live("r0", "太恶心了", 1, "r0", repost_of="s")])
    assert events_of(ctx) == []
    future = live("f", "鲜味坊 未来的帖子", 2, "odd").model_copy(
        update={"published_at": datetime(2099, 1, 1, tzinfo=UTC)}
    )
    ctx.pipeline.process([future])
    ctx.pipeline.process([live(f"r{i}", "转发", 3 + i, f"r{i}", repost_of="s") for i in (1, 2, 3)])
    (event,) = events_of(ctx)
    assert members_of(ctx, event.id) == {"s", "r0", "r1", "r2", "r3"}
    assert event.started_at == seed.published_at
