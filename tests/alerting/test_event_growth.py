"""`event_growth`: one story spreading fast (an event gaining many negative posts from many
people) is an alert named after the event; a promotion spreading as fast, or a story growing
slowly, is not."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, timedelta
from pathlib import Path

import pytest

from alerting.lifecycle import apply_finding
from alerting.loader import parse_rule
from alerting.rules import RuleContext
from core.context import Context
from core.models import Mention
from tests.core.conftest import make_config
from tests.events.test_clustering import T0, events_of, post

SPEC = {"name": "growth", "type": "event_growth", "window": "1h", "min_posts": 10}
ANGRY = [
    "太恶心了，再也不点鲜味坊了",
    "门店还不承认，鲜味坊必须给个说法",
    "看吐了，鲜味坊的后厨到底有多脏",
    "鲜味坊卫生这么差，市场监管管不管",
    "我也在鲜味坊吃出过虫子，投诉无门",
    "鲜味坊这种店赶紧关门吧，恶心",
    "吓死人了，孩子天天吃鲜味坊",
    "鲜味坊道歉了吗？太不负责任了",
    "垃圾鲜味坊，退钱！",
    "鲜味坊食品安全问题太严重了",
    "鲜味坊的酸菜鱼还敢吃吗，太恶心",
    "鲜味坊门店态度恶劣，还说是顾客自己放的",
]
HAPPY = [
    "鲜味坊新品酸菜鱼第二份半价，冲！",
    "鲜味坊新品太好吃了，半价真香",
    "抢到了鲜味坊半价酸菜鱼，开心",
    "鲜味坊新品酸菜鱼味道很正，推荐",
    "鲜味坊半价活动划算，已经下单",
    "鲜味坊新品酸菜鱼分量足，好评",
    "和同事一起抢鲜味坊半价，好吃",
    "鲜味坊这次新品诚意满满，点赞",
    "鲜味坊酸菜鱼半价，性价比超高",
    "鲜味坊新品上线，酸菜鱼鲜嫩好吃",
    "第二份半价的鲜味坊酸菜鱼太值了",
    "鲜味坊新品好评，下次还买",
]


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    """Real stores: the pipeline classifies, indexes and groups mentions into events."""
    plans = [{"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊"}]
    context = Context(config=make_config(plans=plans), data_dir=tmp_path / "var")
    yield context
    context.close()


def story(prefix: str, seed_text: str, replies: list[str], spacing: float) -> list[Mention]:
    """A seed post and reposts with comments by other people, `spacing` minutes apart."""
    seed = post(f"{prefix}0", seed_text, 0, f"{prefix}-victim")
    return [seed] + [
        post(f"{prefix}{n + 1}", text, (n + 1) * spacing, f"{prefix}-u{n}", repost_of=f"{prefix}0")
        for n, text in enumerate(replies)
    ]


def findings(ctx: Context, minutes: float, spec: dict[str, object] = SPEC) -> list[object]:
    rc = RuleContext(
        index=ctx.index, tz=UTC, now=T0 + timedelta(minutes=minutes), sessions=ctx.sessions
    )
    return parse_rule(spec, "test").evaluate(rc)  # type: ignore[return-value]


def test_a_story_spreading_fast_is_an_alert_named_after_its_event(ctx: Context) -> None:
    seed = "鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认，太恶心了"
    ctx.pipeline.process(story("s", seed, ANGRY, spacing=3))  # 13 posts in 36 minutes
    (event,) = events_of(ctx)
    (found,) = findings(ctx, 40)
    assert found.key == f"*:{event.id}"  # type: ignore[attr-defined]
    assert found.title == f"事件快速扩散：{event.title}"  # type: ignore[attr-defined]
    assert found.count >= 10  # type: ignore[attr-defined]
    summary = found.summary  # type: ignore[attr-defined]
    assert summary.startswith(f"事件「{event.title}」最近 1 小时新增 ")
    assert f"累计 {event.mention_count} 条" in summary
    # An hour later the event has stopped growing: nothing new to say.
    assert findings(ctx, 40 + 90) == []


def test_a_promotion_spreading_as_fast_is_no_alert(ctx: Context) -> None:
    seed = "#鲜味坊新品# 酸菜鱼第二份半价，快来抢"
    ctx.pipeline.process(story("p", seed, HAPPY, spacing=3))
    assert events_of(ctx) != []  # it is an event, and it spreads
    assert findings(ctx, 40) == []  # but its posts are not negative


def test_a_story_growing_slowly_is_no_alert(ctx: Context) -> None:
    seed = "鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认，太恶心了"
    ctx.pipeline.process(story("s", seed, ANGRY, spacing=12))  # 13 posts in 2.4 hours
    assert events_of(ctx) != []
    assert findings(ctx, 12 * 12 + 1) == []  # at most 5 of them in any hour
    assert findings(ctx, 12 * 12 + 1, {**SPEC, "window": "3h"}) != []  # over 3 hours: 13


def test_each_tick_restates_the_growth_instead_of_adding_it_up(ctx: Context) -> None:
    """The rule reads a sliding window every tick: the alert shows the latest window and the
    event's total, not the sum of every tick's window (a replay read 新增 19761 条, 累计 10 条)."""
    seed = "鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认，太恶心了"
    ctx.pipeline.process(story("s", seed, ANGRY, spacing=3))  # 13 posts in 36 minutes
    rule = parse_rule(SPEC, "test")
    applied = []
    for minutes in (40, 40.5, 41):
        (found,) = findings(ctx, minutes)
        with ctx.sessions() as session:
            now = T0 + timedelta(minutes=minutes)
            alert = apply_finding(session, rule, found, now)  # type: ignore[arg-type]
            applied.append((alert.alert.count, alert.alert.summary, found))
            session.commit()
    count, summary, last = applied[-1]
    assert count == last.count  # type: ignore[attr-defined]
    assert summary == last.summary  # type: ignore[attr-defined]


def test_the_alert_is_named_after_the_events_current_title(ctx: Context) -> None:
    """Titled from its first 12 posts 「滨江校区」, the event was 「校区突然关门预交学费不退」 by
    the next message: the alert's title follows it (the message's head and 情况 line agree)."""
    from dataclasses import replace

    seed = "鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认，太恶心了"
    ctx.pipeline.process(story("s", seed, ANGRY, spacing=3))
    rule = parse_rule(SPEC, "test")
    (found,) = findings(ctx, 40)
    renamed = replace(found, title="事件快速扩散：酸菜鱼吃出蟑螂门店不认")  # type: ignore[type-var]
    with ctx.sessions() as session:
        apply_finding(session, rule, found, T0 + timedelta(minutes=40))  # type: ignore[arg-type]
        again = apply_finding(session, rule, renamed, T0 + timedelta(minutes=41))  # type: ignore[arg-type]
        assert again.alert.title == "事件快速扩散：酸菜鱼吃出蟑螂门店不认"
