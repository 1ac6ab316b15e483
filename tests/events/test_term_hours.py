"""Recurring-word runs survive a restart: saved with every batch, loaded by a new tracker."""

from __future__ import annotations

from sqlalchemy import select

from brand_events.models import TermHours
from brand_events.term_runs import RECURRING_GAP, RECURRING_HOURS, TermRuns
from brand_events.tracker import EventTracker
from core.context import Context
from tests.events.test_clustering import post
from tests.events.test_near_copies import pg_url  # noqa: F401  (fixture)

TEMPLATE = "关于订单{n}的反馈：客服回复慢，请尽快处理"


def _hourly(hours: range) -> list:  # type: ignore[type-arg]
    return [post(f"m{h}", TEMPLATE.format(n=1000 + h), 60 * h, f"user{h}") for h in hours]


def test_a_restarted_tracker_keeps_counting_the_hours_of_a_routine_word(ctx: Context) -> None:
    before = EventTracker(ctx.sessions, ctx.config)
    for mention in _hourly(range(RECURRING_HOURS + 1)):
        before.track([mention])
    routine = {t: run for t, run in before.clusterer.runs.runs.items() if run[1] > RECURRING_HOURS}
    assert "反馈" in routine
    damped = before.clusterer.weight("反馈")

    after = EventTracker(ctx.sessions, ctx.config)  # a new process: nothing in memory
    later = _hourly(range(RECURRING_HOURS + 1, RECURRING_HOURS + 2))
    after.track(later)
    for term, (last, hours) in routine.items():
        assert after.clusterer.runs.runs[term] == (last + 1, hours + 1)
    assert after.clusterer.weight("反馈") <= damped * 1.2  # still weighs as routine

    fresh = EventTracker(ctx.sessions, ctx.config)
    with ctx.sessions.begin() as session:
        session.execute(TermHours.__table__.delete())  # type: ignore[attr-defined]
        fresh._sync(session)
    assert fresh.clusterer.runs.runs == {}
    assert fresh.clusterer.weight("反馈") > 2 * damped  # what a restart used to forget


def test_runs_broken_by_a_long_quiet_are_dropped_from_the_table(ctx: Context) -> None:
    tracker = EventTracker(ctx.sessions, ctx.config)
    tracker.track(_hourly(range(3)))
    with ctx.sessions() as session:
        assert session.scalar(select(TermHours.hours).where(TermHours.term == "反馈")) == 3
    quiet = RECURRING_GAP + 5
    tracker.track([post("x", "今天的黄焖鸡分量很足，好吃", 60 * (2 + quiet), "someone")])
    with ctx.sessions() as session:
        assert session.scalar(select(TermHours.hours).where(TermHours.term == "反馈")) is None
        newest = session.execute(select(TermHours.hours, TermHours.last_hour)).all()
        assert newest and all(row == (1, max(r[1] for r in newest)) for row in newest)
    assert "反馈" not in tracker.clusterer.runs.runs


def test_runs_are_saved_and_loaded_on_postgresql(pg_url: str) -> None:  # noqa: F811
    from brand_events.term_hours import load, save
    from core.db import Base, make_engine, make_session_factory

    engine = make_engine(pg_url)
    Base.metadata.create_all(engine, tables=[TermHours.__table__])  # type: ignore[list-item]
    sessions = make_session_factory(engine)
    runs = TermRuns()
    runs.runs = {"反馈": (100, 12), "外卖": (100, 3)}
    runs.changed = {"反馈", "外卖"}
    with sessions.begin() as session:
        save(session, runs, 100)
    runs.runs["反馈"] = (101, 13)
    runs.changed = {"反馈"}
    with sessions.begin() as session:
        save(session, runs, 101)  # an upsert over the stored row
    restarted = TermRuns()
    with sessions() as session:
        assert load(session, restarted) == 2
    engine.dispose()
    assert restarted.runs == {"反馈": (101, 13), "外卖": (100, 3)}
