"""Each rule type on a small real index: fires on the pattern, stays quiet otherwise."""

from __future__ import annotations

from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

import pytest

from alerting.loader import parse_rule
from alerting.rules import RuleContext
from alerting.rules.stats import binomial_tail, poisson_tail, refresh_slot
from bench.synthetic import make_mention
from collectors.state import SourceState, SourceStatus
from core.context import Context
from core.enums import SentimentLabel
from core.models import Mention
from tests.alerting.conftest import MONDAY, make_ctx

NOW = MONDAY + timedelta(days=3, hours=12)


@pytest.fixture
def ctx(data_dir: Path) -> Any:
    context = make_ctx(data_dir, NOW)
    yield context
    context.close()


def hourly(days: int, per_hour: int, prefix: str, **fields: Any) -> list[Mention]:
    """per_hour mentions every hour for `days` days before NOW - 1h."""
    out = []
    for hour in range(days * 24):
        at = NOW - timedelta(hours=hour + 1)
        out += [
            make_mention(
                f"{prefix}{hour}-{i}", at + timedelta(minutes=i), f"{prefix} {hour} {i}", **fields
            )
            for i in range(per_hour)
        ]
    return out


def recent(n: int, prefix: str, **fields: Any) -> list[Mention]:
    """n mentions in the last five minutes."""
    return [
        make_mention(f"{prefix}{i}", NOW - timedelta(seconds=10 + i), f"{prefix} {i}", **fields)
        for i in range(n)
    ]


def evaluate(ctx: Context, spec: dict[str, Any], mentions: list[Mention]) -> list[Any]:
    ctx.index.upsert_many(mentions)
    rule = parse_rule(spec, "test")
    return rule.evaluate(
        RuleContext(index=ctx.index, tz=ctx.config.tz, now=NOW, sessions=ctx.sessions)
    )


def test_statistics() -> None:
    assert poisson_tail(0, 0.0) == 1.0 and poisson_tail(1, 0.0) == 0.0
    assert poisson_tail(10, 1.0) == pytest.approx(1.114e-7, rel=1e-2)
    assert poisson_tail(3, 5.0) == pytest.approx(0.8753, rel=1e-3)
    assert binomial_tail(8, 10, 0.5) == pytest.approx(0.0547, rel=1e-2)
    assert binomial_tail(0, 10, 0.5) == 1.0 and binomial_tail(11, 10, 0.5) == 0.0


def test_spike_never_fires_without_history(ctx: Context) -> None:
    assert evaluate(ctx, {"name": "s", "type": "spike", "min_count": 1}, recent(30, "n")) == []


def test_spike_against_baseline(ctx: Context) -> None:
    history = hourly(3, 1, "h")
    spec = {"name": "s", "type": "spike", "min_count": 5}
    assert evaluate(ctx, spec, [*history, *recent(2, "a")]) == []
    (finding,) = evaluate(ctx, spec, recent(12, "b"))
    assert finding.count == 14 and finding.baseline == pytest.approx(
        0.5
    )  # floor: 1/h is 0.17 per 10 min
    assert "倍" in finding.summary and len(finding.sample_ids) == 5


def test_negative_ratio(ctx: Context) -> None:
    neg, pos = SentimentLabel.NEGATIVE, SentimentLabel.POSITIVE
    history = [*hourly(3, 2, "n", sentiment=neg), *hourly(3, 3, "p", sentiment=pos)]
    spec = {"name": "r", "type": "negative_ratio", "threshold": 0.6, "min_count": 20}
    mixed = [*recent(10, "rn", sentiment=neg), *recent(15, "rp", sentiment=pos)]
    assert evaluate(ctx, spec, [*history, *mixed]) == []
    (finding,) = evaluate(ctx, spec, recent(40, "bad", sentiment=neg))
    assert finding.peak > 0.7 and finding.baseline == pytest.approx(0.4, abs=0.02)


def test_frequency_with_keyword_expression(ctx: Context) -> None:
    spec = {"name": "f", "type": "frequency", "threshold": 3, "filter": {"keywords": "12315|消协"}}
    quiet = [
        make_mention(f"q{i}", NOW - timedelta(minutes=i + 1), f"普通评价 {i}") for i in range(10)
    ]
    assert evaluate(ctx, spec, quiet) == []
    loud = [
        make_mention(f"l{i}", NOW - timedelta(minutes=i + 1), f"已经打了12315 {i}")
        for i in range(3)
    ]
    (finding,) = evaluate(ctx, spec, loud)
    assert finding.count == 3 and set(finding.sample_ids) == {m.id for m in loud}


def test_new_term(ctx: Context) -> None:
    history = hourly(2, 1, "h", keywords=["配送"])
    spec = {"name": "t", "type": "new_term", "min_count": 4}
    fresh = recent(5, "x", keywords=["蟑螂", "配送"])
    (finding,) = evaluate(ctx, spec, [*history, *fresh])
    assert finding.key == "*:蟑螂" and finding.count == 5


def test_flatline_by_index_and_by_source_state(ctx: Context) -> None:
    history = hourly(3, 12, "w", source="tieba")
    silent = [m for m in history if m.published_at < NOW - timedelta(hours=2)]
    with ctx.sessions() as session:
        session.add(
            SourceState(
                name="weibo-search",
                type="weibo_search",
                status=SourceStatus.BLOCKED,
                last_success_at=(NOW - timedelta(hours=3)).astimezone(UTC),  # stores keep UTC
                last_error="HTTP 418",
            )
        )
        session.add(
            SourceState(
                name="rss", type="rss", status=SourceStatus.OK, last_success_at=NOW.astimezone(UTC)
            )
        )
        session.commit()
    findings = evaluate(ctx, {"name": "f", "type": "flatline", "silence": "1h"}, silent)
    assert sorted(f.key for f in findings) == ["source:tieba", "state:weibo-search"]
    summary = next(f.summary for f in findings if f.key.startswith("state:"))
    assert summary.startswith("weibo-search 状态：被封锁/冷却中，") and "HTTP 418" in summary


def test_baseline_appears_as_soon_as_history_is_backfilled(ctx: Context) -> None:
    rule = parse_rule({"name": "s", "type": "spike", "min_count": 5}, "test")
    rc = RuleContext(index=ctx.index, tz=ctx.config.tz, now=NOW, sessions=ctx.sessions)
    ctx.index.upsert_many(recent(12, "live"))
    assert rule.evaluate(rc) == []  # no history yet: warming up
    ctx.index.upsert_many(hourly(3, 1, "backfill"))
    assert len(rule.evaluate(rc)) == 1  # same cache slot, but the missing baseline was not cached


@pytest.mark.parametrize(
    ("expression", "reducible"),
    [
        ("中毒", True),
        ("退款+客服", True),
        ("配送|骑手", True),
        ("(退款|退货)+!广告", True),
        ("!好评", False),
        ("12315|消协", False),
        ("退款+(客服|!广告)", True),
    ],
)
def test_keyword_prefilter_matches_a_full_scan(
    ctx: Context, expression: str, reducible: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alerting.rules import window_match
    from alerting.rules.base import RuleFilter
    from alerting.rules.keywords import required_words
    from alerting.rules.window_match import count_matching, matching

    texts = [
        "吃了中毒",
        "退款找客服没人理",
        "申请退货，客服推诿",
        "配送太慢",
        "骑手态度差",
        "退款广告",
        "打了12315",
        "好评好评",
        "消协介入",
        "退 款 客服",
    ]
    ctx.index.upsert_many(
        [make_mention(f"k{i}", NOW - timedelta(minutes=i + 1), t) for i, t in enumerate(texts)]
    )
    flt = RuleFilter(keywords=expression)
    assert flt.expression is not None
    assert (required_words(flt.expression) is not None) == reducible
    expected = {f"k{i}" for i, t in enumerate(texts) if flt.expression.matches(t)}
    since = NOW - timedelta(hours=1)
    found = {m.native_id for m in matching(ctx.index, flt, since, NOW, 100)}
    assert found == expected
    assert count_matching(ctx.index, flt, since, NOW) == len(expected)
    if reducible:  # a window bigger than the scan limit goes through the full-text search
        monkeypatch.setattr(window_match, "KEYWORD_SCAN_LIMIT", 8)
        assert {m.native_id for m in matching(ctx.index, flt, since, NOW, 100)} == expected


def test_baseline_budget_spreads_a_cold_start_and_ends_with_the_same_findings(
    ctx: Context,
) -> None:
    from alerting.memo import BaselineBudget, TickIndex
    from alerting.rules.new_term import DAY_COST

    ctx.index.upsert_many(
        [*hourly(4, 1, "h", keywords=["配送"]), *recent(5, "x", keywords=["蟑螂", "配送"])]
    )
    spec = {"name": "t", "type": "new_term", "min_count": 4}
    unbudgeted = parse_rule(spec, "test").evaluate(
        RuleContext(index=ctx.index, tz=ctx.config.tz, now=NOW, sessions=ctx.sessions)
    )
    assert [f.key for f in unbudgeted] == ["*:蟑螂"]
    rule, state = parse_rule(spec, "test"), {}
    ticks = []
    for _ in range(10):
        budget = BaselineBudget(DAY_COST + 1)  # one keyword-day per tick (after the first)
        rc = RuleContext(
            index=TickIndex(ctx.index), tz=ctx.config.tz, now=NOW, state=state, budget=budget
        )
        ticks.append([f.key for f in rule.evaluate(rc)])
        if ticks[-1]:
            break
    assert ticks[0] == [] and ticks[-1] == ["*:蟑螂"] and len(ticks) > 2  # warmed up over ticks
    # Out of budget: a cold spike stays warming up (nothing cached), an expired one keeps
    # its last rate until its turn.
    spike = parse_rule({"name": "s", "type": "spike", "min_count": 5}, "test")
    ctx.index.upsert_many(recent(12, "b"))

    def spent() -> BaselineBudget:
        budget = BaselineBudget(1)
        assert budget.take(1) and not budget.take(1)
        return budget

    cold = RuleContext(index=ctx.index, tz=ctx.config.tz, now=NOW, budget=spent())
    assert spike.evaluate(cold) == [] and not cold.state["baseline"]
    warm = RuleContext(index=ctx.index, tz=ctx.config.tz, now=NOW)
    (fresh,) = spike.evaluate(warm)
    slot = warm.state["baseline"]["*"]["slot"]
    later = next(  # still inside the window, but in the next refresh slot: rate expired
        t
        for t in (NOW + timedelta(minutes=m) for m in range(1, 10))
        if refresh_slot(t, timedelta(minutes=10), "s") != slot
    )
    stale = RuleContext(
        index=ctx.index, tz=ctx.config.tz, now=later, state=warm.state, budget=spent()
    )
    (finding,) = spike.evaluate(stale)
    assert finding.baseline == fresh.baseline and stale.state["baseline"]["*"]["slot"] == slot


def test_keyword_window_is_filtered_once_per_tick(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alerting.memo import TickIndex
    from alerting.rules import window_match
    from alerting.rules.base import RuleFilter

    ctx.index.upsert_many(
        [make_mention(f"k{i}", NOW - timedelta(minutes=i + 1), f"退款找客服 {i}") for i in range(6)]
    )
    flt = RuleFilter(keywords="退款+客服")
    calls = []
    real = window_match._expression_matches
    monkeypatch.setattr(
        window_match,
        "_expression_matches",
        lambda *a: calls.append(1) or real(*a),  # type: ignore[func-returns-value]
    )
    reads = TickIndex(ctx.index)
    since = NOW - timedelta(hours=1)
    assert window_match.count_matching(reads, flt, since, NOW) == 6
    assert len(window_match.sample_ids(reads, flt, since, NOW, 3)) == 3
    assert len(window_match.matching(reads, flt, since, NOW, 2)) == 2
    assert calls == [1]


def test_plan_filtered_windows_count_the_same_either_way(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rule windows with a plan filter: the per-row plan probe and the plan list agree."""
    from core.index import sqlite as sqlite_index
    from core.index import sqlite_search
    from core.index.protocol import SearchQuery, SplitField

    ctx.index.upsert_many(
        [
            *hourly(2, 3, "a", plans=["a"]),
            *hourly(2, 2, "b", plans=["b"]),
            *hourly(1, 1, "ab", plans=["a", "b"]),
            *hourly(1, 1, "none", plans=[]),
        ]
    )
    index = ctx.index
    assert isinstance(index, sqlite_index.SQLiteMentionIndex)
    queries = [
        SearchQuery(plans=plans, since=NOW - span, until=NOW)
        for plans in (["a"], ["b"], ["a", "b"])
        for span in (timedelta(hours=3), timedelta(days=1), timedelta(days=3))
    ]

    def answers() -> list[Any]:
        return [
            (
                index.count(q),
                [(b.start, b.counts) for b in index.histogram(q, timedelta(hours=6))],
                index.top_terms(q, SplitField.PLAN),
                [m.id for m in index.search(q).mentions],
            )
            for q in queries
        ]

    assert all(index._small_window(q) for q in queries)
    per_row = answers()
    monkeypatch.setattr(sqlite_search, "SMALL_WINDOW", -1)  # always drive from the plan list
    assert not any(index._small_window(q) for q in queries)
    assert answers() == per_row
    assert per_row[0][0] == 3 * 3 + 3 * 1  # plan a (alone or with b), last 3 hours


def test_summaries_name_the_window_in_words(ctx: Context) -> None:
    hour = {"name": "f", "type": "frequency", "threshold": 20, "window": "1h"}
    (finding,) = evaluate(ctx, hour, recent(23, "r"))
    assert finding.summary == "最近 1 小时 23 条（阈值 20 条）"  # not 最近 60 分钟
    day = {"name": "d", "type": "frequency", "threshold": 20, "window": "1d"}
    assert evaluate(ctx, day, [])[0].summary.startswith("最近 1 天 23 条")  # not 1440 分钟
    spike = {"name": "s", "type": "spike", "min_count": 5, "window": "90m"}
    ctx.index.upsert_many(hourly(3, 1, "h"))
    (found,) = evaluate(ctx, spike, [])
    assert found.summary.startswith("最近 1 小时 30 分钟 ")
