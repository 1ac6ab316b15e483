"""Rematching stored mentions with the current plans works the same on SQLite, OpenSearch and
Elasticsearch: new plans are tagged, dropped ones removed, reposts in later batches take their
parent's new plans (a dry run too), counts and per-plan terms follow, a second run writes
nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.config import Plan
from core.index.protocol import MentionIndex, SearchQuery, SplitField
from core.models import Mention
from core.pipeline import rematch
from core.pipeline.plans import PlanMatcher
from tests.index.corpus import make_mention

T0 = datetime(2026, 5, 4, 8, tzinfo=UTC)
PLANS = [
    Plan(id="xwf", name="鲜味坊", expression="鲜味坊"),
    Plan(id="waimai", name="鲜味坊外卖", expression="外卖"),
    Plan(id="xml", name="香满楼", expression="香满楼", role="竞品"),
]


def stored(native: str, text: str, minutes: int, plans: list[str], parent: str = "") -> Mention:
    mention = make_mention(native, text, T0 + timedelta(minutes=minutes), plans=plans)
    if parent:
        mention.repost_of = parent
    return mention


def test_rematch_on_every_backend(index: MentionIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rematch, "BATCH", 2)  # reposts and their originals in different batches
    mentions = [
        stored("a", "鲜味坊外卖吃出虫子", 0, ["xwf"]),
        stored("b", "香满楼的菜太咸了", 10, []),
        stored("c", "转发微博", 20, [], parent="b"),
        stored("d", "外卖送了两个小时", 30, ["gone_plan"]),  # a plan no longer configured
        stored("e", "转发微博", 40, [], parent="d"),
        stored("f", "今天天气不错", 50, ["xwf"]),  # tagged by an older expression
    ]
    assert not index.upsert_many(mentions).errors
    index.refresh()
    matcher = PlanMatcher.from_config(PLANS)

    dry = rematch.rematch_index(index, matcher, dry_run=True)
    assert (dry.checked, dry.retagged, dry.written) == (6, 6, 0)
    assert dict(dry.added) == {"waimai": 3, "xml": 2} and dict(dry.removed) == {
        "gone_plan": 1,
        "xwf": 1,
    }
    assert index.count(SearchQuery(plans=["waimai"])) == 0

    report = rematch.rematch_index(index, matcher)
    assert (report.retagged, report.written, report.errors) == (6, 6, {})
    after = {m.native_id: m.plans for m in index.search(SearchQuery(limit=10)).mentions}
    assert after == {
        "a": ["xwf", "waimai"],
        "b": ["xml"],
        "c": ["xml"],
        "d": ["waimai"],
        "e": ["waimai"],
        "f": [],
    }
    window = {"since": T0, "until": T0 + timedelta(hours=2)}
    assert index.count(SearchQuery(plans=["waimai"], **window)) == 3  # type: ignore[arg-type]
    terms = dict(index.top_terms(SearchQuery(**window), SplitField.PLAN))  # type: ignore[arg-type]
    assert terms == {"waimai": 3, "xml": 2, "xwf": 1}
    assert index.count(SearchQuery()) == 6  # rewritten, not added

    again = rematch.rematch_index(index, matcher)
    assert (again.checked, again.retagged, again.written) == (6, 0, 0)
