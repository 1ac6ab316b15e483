"""The embedded index at scale: rollups (one dimension, and the region × sentiment pair) equal
the base tables and a brute-force count, through rewrites, pruning and reopening."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from core.enums import Channel, SentimentLabel, Severity
from core.index.protocol import BrandSide, SearchQuery, SplitField
from core.index.sqlite import SQLiteMentionIndex
from core.models import Sentiment
from tests.core.index_corpus import SHANGHAI, SIDE, START, inside, value


def windows() -> list[SearchQuery]:
    odd = START + timedelta(days=2, minutes=17, seconds=5)
    return [
        SearchQuery(),
        SearchQuery(since=odd, until=odd + timedelta(days=3, minutes=41)),
        SearchQuery(since=odd, plans=["a"]),
        SearchQuery(until=odd, sentiments=[SentimentLabel.NEGATIVE]),
        SearchQuery(since=odd, until=odd + timedelta(minutes=20), channels=[Channel.WEIBO]),
        SearchQuery(since=odd, text="退款"),  # not a rollup shape: base tables
        # No complaint dimension in the rollups: these bypass them and stay exact.
        SearchQuery(since=odd, until=odd + timedelta(days=3), complaint=True),
        SearchQuery(plans=["a"], complaint=False),
        SearchQuery(since=odd, text="退款", complaint=True),
        # 高/紧急 counts come from the urgency rollup (ranks at or above the minimum).
        SearchQuery(since=odd, min_urgency=Severity.HIGH),
        SearchQuery(plans=["a"], until=odd, min_urgency=Severity.MEDIUM),
        SearchQuery(since=odd, channels=[Channel.NEWS], min_urgency=Severity.CRITICAL),
        # The brand's side and several plans: their plan-set rows (sqlite_plansets).
        SearchQuery(since=odd, brand_side=SIDE),
        SearchQuery(since=odd, until=odd + timedelta(days=2), brand_side=SIDE),
        SearchQuery(brand_side=SIDE, sentiments=[SentimentLabel.NEGATIVE]),
        SearchQuery(since=odd, brand_side=SIDE, min_urgency=Severity.HIGH),
        SearchQuery(since=odd, brand_side=BrandSide(("b",), ("a",))),
        SearchQuery(since=odd, brand_side=BrandSide((), ("a", "b"))),  # mentions of no plan
        SearchQuery(until=odd, plans=["a", "b"]),
        SearchQuery(since=odd, plans=["a", "b"], channels=[Channel.WEIBO]),
    ]


@pytest.mark.parametrize("query", windows())
def test_counts_and_top_terms_equal_a_brute_force_count(loaded, query: SearchQuery) -> None:
    index, mentions = loaded
    matching = [m for m in mentions if inside(m, query)]
    assert index.count(query) == len(matching)
    for field in (SplitField.KEYWORD, SplitField.SENTIMENT, SplitField.REGION, SplitField.PLAN):
        expected = Counter(v for m in matching for v in value(m, field))
        top = index.top_terms(query, field, 3)
        assert [c for _, c in top] == sorted(expected.values(), reverse=True)[:3], field
        assert all(expected[v] == c for v, c in top)


@pytest.mark.parametrize("query", windows())
def test_daily_histograms_in_local_time_equal_a_brute_force_count(loaded, query) -> None:
    index, mentions = loaded
    buckets = index.histogram(query, timedelta(days=1), SplitField.SENTIMENT, SHANGHAI)
    got = {(b.start, k): v for b in buckets for k, v in b.counts.items()}
    expected: Counter[tuple[datetime, str]] = Counter()
    for m in mentions:
        if inside(m, query):
            local = m.published_at.astimezone(SHANGHAI)
            day = local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)
            expected[(day, str(m.sentiment.label) if m.sentiment else "")] += 1
    assert got == dict(expected)


def test_window_helpers_answer_trend_breakdown_and_hot_words(loaded) -> None:
    index, mentions = loaded
    since = START + timedelta(days=3, minutes=5)
    week = [m for m in mentions if m.published_at >= since]
    trend = index.trend(since, interval=timedelta(hours=6))
    assert sum(b.total for b in trend) == len(week)
    hot = index.top_keywords(since, size=10)
    assert dict(hot) == dict(Counter(k for m in week for k in m.keywords))
    regions = dict(index.breakdown(SplitField.REGION, since))
    assert regions == dict(Counter(m.region for m in week if m.region))


def test_rewrites_and_pruning_keep_rollups_equal(loaded) -> None:
    index, mentions = loaded
    moved = mentions[5].model_copy(
        update={
            "published_at": START + timedelta(days=9, hours=1),
            "sentiment": Sentiment(label=SentimentLabel.POSITIVE, score=0.9),
            "keywords": ["新词"],
        }
    )
    assert index.upsert_many([moved]).updated == [moved.id]
    mentions[5] = moved
    cutoff = START + timedelta(days=4, minutes=33)
    assert index.prune_before(cutoff) == sum(m.published_at < cutoff for m in mentions)
    kept = [m for m in mentions if m.published_at >= cutoff]
    assert dict(index.top_keywords(START, size=50)) == dict(
        Counter(k for m in kept for k in m.keywords)
    )
    for text in ("退", "退款", "吗"):  # one-token counts come from the FTS vocabularies
        assert index.count(SearchQuery(text=text)) == sum(text in m.full_text for m in kept)
    whole = index.histogram(SearchQuery(), timedelta(hours=1), SplitField.SENTIMENT)
    assert sum(b.counts.get("positive", 0) for b in whole) == sum(
        1 for m in kept if m.sentiment and m.sentiment.label == SentimentLabel.POSITIVE
    )


def raw_split(index: SQLiteMentionIndex, column: str, where: str, params: list) -> dict:
    """The base-table answer: counts per value of `column` among rows matching `where`."""
    sql = (
        f"SELECT {column}, COUNT(*) FROM mentions WHERE {where} AND {column} IS NOT NULL"
        f" GROUP BY {column}"
    )
    return dict(index._db.execute(sql, params).fetchall())


def pair_windows() -> list[tuple[SearchQuery, SplitField, str, str, list]]:
    """(query, split, raw column, raw WHERE, params): one dimension filtered, split by another."""
    odd = START + timedelta(days=2, minutes=17, seconds=5)
    since, until = odd.timestamp(), (odd + timedelta(days=3, minutes=41)).timestamp()
    return [
        (
            SearchQuery(sentiments=[SentimentLabel.NEGATIVE]),
            SplitField.REGION,
            "region",
            "sentiment = ?",
            ["negative"],
        ),
        (
            SearchQuery(since=odd, until=odd + timedelta(days=3, minutes=41),
                        sentiments=[SentimentLabel.NEGATIVE, SentimentLabel.NEUTRAL]),
            SplitField.REGION,
            "region",
            "sentiment IN (?, ?) AND published >= ? AND published < ?",
            ["negative", "neutral", since, until],
        ),
        (
            SearchQuery(since=odd, regions=["广东"]),
            SplitField.SENTIMENT,
            "sentiment",
            "region = ? AND published >= ?",
            ["广东", since],
        ),
        (
            SearchQuery(plans=["a"], sentiments=[SentimentLabel.POSITIVE]),
            SplitField.REGION,
            "region",
            "sentiment = ? AND rid IN (SELECT rid FROM mention_plans WHERE plan = ?)",
            ["positive", "a"],
        ),
    ]  # fmt: skip


def pair_rows(index: SQLiteMentionIndex) -> int:
    """How many rollup rows the region × sentiment pair holds."""
    sql = "SELECT COUNT(*) FROM rollup_hourly WHERE dim = 'sentiment_region'"
    return int(index._db.execute(sql).fetchone()[0])


@pytest.mark.parametrize("case", pair_windows())
def test_region_by_sentiment_rollup_equals_the_raw_query(loaded, case) -> None:
    index, mentions = loaded
    query, split, column, where, params = case
    assert pair_rows(index) > 0  # answered from the pair rollup, not the base tables
    raw = raw_split(index, column, where, params)
    assert raw  # the window is not empty
    assert dict(index.top_terms(query, split, 50)) == raw
    brute = Counter(
        v
        for m in mentions
        if inside(m, query) and (not query.regions or m.region in query.regions)
        for v in value(m, split)
    )
    assert raw == dict(brute)
    daily = index.histogram(query, timedelta(days=1), split, SHANGHAI)
    assert sum(b.counts.get(k, 0) for b in daily for k in raw) == sum(raw.values())
    # The answer comes from the pair rows: changing them changes it (no base-table fallback).
    whole = replace(query, since=None, until=None)
    before = dict(index.top_terms(whole, split, 50))
    index._db.execute("UPDATE rollup_hourly SET n = n * 2 WHERE dim = 'sentiment_region'")
    assert dict(index.top_terms(whole, split, 50)) == {k: 2 * n for k, n in before.items()}


def test_region_by_sentiment_rollup_follows_rewrites_prunes_and_upgrades(loaded, tmp_path) -> None:
    index, mentions = loaded
    moved = mentions[8].model_copy(
        update={"region": "北京", "sentiment": Sentiment(label=SentimentLabel.NEGATIVE, score=1)}
    )
    index.upsert_many([moved])
    index.prune_before(START + timedelta(days=3, minutes=7))
    query = SearchQuery(sentiments=[SentimentLabel.NEGATIVE])
    expected = raw_split(index, "region", "sentiment = ?", ["negative"])
    assert dict(index.top_terms(query, SplitField.REGION, 50)) == expected
    index._db.execute("DELETE FROM rollup_hourly WHERE dim = 'sentiment_region'")  # older file
    index._db.execute("DELETE FROM index_meta WHERE key = 'rollup_pairs'")
    index._db.commit()
    index.close()
    reopened = SQLiteMentionIndex(index.path)
    assert pair_rows(reopened) > 0
    assert dict(reopened.top_terms(query, SplitField.REGION, 50)) == expected
