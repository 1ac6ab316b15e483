"""With a competitor plan configured, rules that name no plan watch the brand's side: a burst of
complaints from a source that names no plan (a board, a mailbox, replies) raises the alert; the
competitor's own burst does not."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from alerting.engine import AlertEngine
from alerting.loader import DEFAULTS_DIR, load_rule_file, parse_rule
from alerting.models import Alert
from alerting.rules import RuleContext
from app.config import AppConfig
from bench.synthetic import PassThroughClassifier, make_mention
from core.context import Context
from core.enums import Severity
from core.models import Mention
from core.timeutil import SimulatedClock
from tests.alerting.conftest import MONDAY, advance

NOW = MONDAY + timedelta(days=3, hours=12)
PLANS = [
    {"id": "xianweifang", "name": "鲜味坊", "expression": "鲜味坊"},
    {"id": "xiangmanlou", "name": "香满楼", "expression": "香满楼", "role": "竞品"},
]


@pytest.fixture
def ctx(data_dir: Path) -> Iterator[Context]:
    config = AppConfig.model_validate({"brand": "鲜味坊", "plans": PLANS})
    context = Context(config=config, data_dir=data_dir, clock=SimulatedClock(NOW))
    context.__dict__["classifier"] = PassThroughClassifier()
    yield context
    context.close()


def burst(prefix: str, plans: tuple[str, ...], source: str) -> list[Mention]:
    """Eight 维权 posts in the last half hour."""
    return [
        make_mention(
            f"{prefix}{i}",
            NOW - timedelta(minutes=2 * i + 1),
            f"拉了维权群，已经打了12315，第{i}个",
            plans=plans,
            source=source,
        )
        for i in range(8)
    ]


def titles(engine: AlertEngine) -> list[str]:
    return [o.alert.title for o in engine.tick()]


def test_a_plan_less_sources_burst_raises_the_alert(ctx: Context) -> None:
    ctx.index.upsert_many(burst("board", (), "xianweifang-bbs"))
    engine = AlertEngine(ctx, [load_rule_file(DEFAULTS_DIR / "rights-protection.yaml")], False)

    assert titles(engine) == ["集体维权/监管投诉集中出现"]
    with ctx.sessions() as session:
        (alert,) = session.query(Alert).all()
        assert alert.plans == ["xianweifang"] and alert.count == 8  # the brand's alert


def test_the_competitors_burst_raises_nothing(ctx: Context) -> None:
    ctx.index.upsert_many(burst("rival", ("xiangmanlou",), "weibo-search"))
    engine = AlertEngine(ctx, [load_rule_file(DEFAULTS_DIR / "rights-protection.yaml")], False)

    assert titles(engine) == []
    both = [
        m.model_copy(update={"plans": ["xianweifang", "xiangmanlou"]})
        for m in burst("both", (), "weibo-search")
    ]
    ctx.index.upsert_many(both)  # posts naming both brands are the brand's
    advance(ctx, timedelta(minutes=1))
    assert titles(engine) == ["集体维权/监管投诉集中出现"]


def test_an_urgent_reply_of_no_plan_is_judged_at_ingest(ctx: Context) -> None:
    engine = AlertEngine(ctx, [load_rule_file(DEFAULTS_DIR / "urgent-mention.yaml")], False)
    (rule,) = engine.rules
    rc = RuleContext(index=ctx.index, tz=ctx.config.tz, now=NOW)
    reply, theirs = (
        make_mention(key, NOW, "孩子吃完住院了", urgency=Severity.CRITICAL, plans=plans)
        for key, plans in (("reply", ()), ("theirs", ("xiangmanlou",)))
    )

    assert [f.count for f in rule.on_mentions([reply], rc)] == [1]
    assert rule.on_mentions([theirs], rc) == []


def test_a_per_plan_rule_also_watches_the_mentions_of_no_plan(ctx: Context) -> None:
    spec = {"name": "p", "type": "frequency", "threshold": 6, "per_plan": True}
    engine = AlertEngine(ctx, [parse_rule(spec, "test")], False)
    (rule,) = engine.rules
    scopes = dict(rule.scopes())
    unplanned = burst("board", (), "xianweifang-bbs")

    assert list(scopes) == ["xianweifang", "*"]
    assert not scopes["xianweifang"].matches(unplanned[0]) and scopes["*"].matches(unplanned[0])
    ctx.index.upsert_many([*unplanned, *burst("rival", ("xiangmanlou",), "weibo-search")])
    rc = RuleContext(index=ctx.index, tz=ctx.config.tz, now=NOW)
    assert [(f.key, f.count) for f in rule.evaluate(rc)] == [("*", 8)]
