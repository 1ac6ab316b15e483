"""A repost or a reply that names no plan belongs to the plans of the post it answers
(core/pipeline/plan_parents.py): beside a competitor, the brand's reports count own plans only,
and an airline's week lost 373 of its 2,366 mentions — its crisis's reposts and its own replies."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.context import Context
from core.models import Author
from tests.core.conftest import make_config, mention

PLANS = [
    {"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊"},
    {"id": "forum", "name": "鲜味坊论坛", "expression": "鲜味坊", "channels": ["forum"]},
    {"id": "xml", "name": "香满楼", "expression": "香满楼", "role": "竞品"},
]


@pytest.fixture
def rival_ctx(tmp_path: Path) -> Iterator[Context]:
    context = Context(config=make_config(plans=PLANS), data_dir=tmp_path / "var")
    yield context
    context.close()


def test_reposts_and_replies_take_their_parents_plans(rival_ctx: Context) -> None:
    ctx = rival_ctx
    ctx.pipeline.process(
        [
            mention("p1", "鲜味坊外卖吃出虫子，孩子上吐下泻"),
            mention("c1", "香满楼的菜太咸了"),
            mention("f1", "鲜味坊的新品好吃吗", channel="forum", source="bbs"),
        ]
    )
    result = ctx.pipeline.process(
        [
            # parents already indexed
            mention("r1", "转发微博", 5, repost_of="p1", author=Author(name="甲")),
            mention("r2", "您好，请私信订单号", 6, reply_to="p1", author=Author(name="官方")),
            mention("r3", "确实", 7, reply_to="c1"),
            mention("r4", "转发微博", 8, repost_of="gone"),
            # a chain in one batch: original, its repost, a repost of that repost
            mention("p2", "鲜味坊门店员工不戴手套", 9),
            mention("r6", "//@乙: 转发微博", 11, repost_of="r5"),
            mention("r5", "转发微博", 10, repost_of="p2"),
            # a reply naming a brand keeps what it names
            mention("r7", "香满楼好多了", 12, reply_to="p1"),
            mention("f2", "同问", 13, reply_to="f1", channel="forum", source="bbs"),
        ]
    )

    plans = {m.native_id: m.plans for m in result.new}
    assert plans["r1"] == plans["r2"] == ["xwf"]  # not 鲜味坊论坛: a forum-only plan
    assert plans["r3"] == ["xml"]  # a reply under the competitor's post is the competitor's
    assert plans["r4"] == []  # the original is unknown
    assert plans["r5"] == plans["r6"] == ["xwf"]
    assert plans["r7"] == ["xml"]
    assert plans["f2"] == ["xwf", "forum"]
    stored = ctx.index.get(next(m.id for m in result.new if m.native_id == "r1"))
    assert stored is not None and stored.plans == ["xwf"]
