"""A new process continues the clustering where the last one stopped, one-post clusters included.

Most clusters are one post (a `Seed`) that expiry later forgets; a restarted tracker must still
know them: their words weigh against new posts and later posts join them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from brand_events import seed_rows
from core.context import Context
from core.models import Mention
from tests.events.test_clustering import post

Stream = list[list[Mention]]


def _stream() -> Stream:
    """Two one-post clusters, then (after a restart point) posts that join one of them."""
    first = [
        post("s", "鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认", 0, "victim"),
        post("o", "今天鲜味坊的黄焖鸡分量很足，好吃", 5, "o"),
    ]
    later = [
        post("t1", "鲜味坊酸菜鱼吃出蟑螂，门店不承认还挂电话", 40, "t1"),
        post("r1", "转发微博", 41, "r1", repost_of="s"),
        post("t2", "又一个：鲜味坊的酸菜鱼吃出蟑螂，门店死不承认", 50, "t2"),
    ]
    return [first, later]


def _rows(context: Context) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with context.sessions() as session:
        events = [
            (e.id, e.mention_count, e.author_count, e.merged_into, sorted(e.terms.items()))
            for e in seed_rows.every_event(session)  # one-post events included
        ]
        members = [(m.mention_id, m.event_id, m.reason) for m in seed_rows.every_member(session)]
    return events, members


def _run(tmp_path: Path, make: Callable[[Path], Context], batches: Stream, restart: bool) -> object:
    context = make(tmp_path)
    for n, batch in enumerate(batches):
        if restart and n:
            context.close()
            context = make(tmp_path)  # a new process: nothing of the last one in memory
        context.pipeline.process(batch)
    try:
        return _rows(context)
    finally:
        context.close()


def _contexts(ctx: Context) -> Callable[[Path], Context]:
    config = ctx.config
    return lambda path: Context(config=config, data_dir=path / "var")


def test_a_restarted_tracker_knows_the_one_post_clusters(ctx: Context) -> None:
    first, later = _stream()
    ctx.pipeline.process(first)
    data_dir = ctx.data_dir
    ctx.close()
    restarted = Context(config=ctx.config, data_dir=data_dir)
    try:
        restarted.pipeline.process(later)
        events, members = _rows(restarted)
    finally:
        restarted.close()
    owners = {mention: event for mention, event, _ in members}
    seed_event = owners[first[0].id]
    # the repost (found by its parent) and the topic posts (found by shared words) join "s"
    assert {owners[m.id] for m in later} == {seed_event}
    assert owners[first[1].id] == first[1].id  # "o" is still its own one-post cluster
    assert {e[0]: e[1] for e in events}[seed_event] == 4


def test_two_runs_leave_the_rows_one_run_leaves(ctx: Context, tmp_path: Path) -> None:
    make = _contexts(ctx)
    once = _run(tmp_path / "once", make, _stream(), restart=False)
    twice = _run(tmp_path / "twice", make, _stream(), restart=True)
    assert twice == once
