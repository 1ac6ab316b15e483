"""Window queries (trend, breakdown, top keywords) and write visibility, on every backend."""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from core.enums import SentimentLabel
from core.index.protocol import MentionIndex, SearchQuery, SplitField
from tests.index.corpus import CORPUS

SHANGHAI = ZoneInfo("Asia/Shanghai")
SINCE = datetime(2026, 5, 1, 3, 30, tzinfo=UTC)  # not on an hour: partial hour counted too


def _kept() -> list:
    return [m for m in CORPUS.values() if m.published_at >= SINCE]


def test_top_keywords_and_breakdown_count_the_window(loaded: MentionIndex) -> None:
    keywords = Counter(k for m in _kept() for k in m.keywords)
    assert dict(loaded.top_keywords(SINCE, size=100)) == dict(keywords)
    labels = Counter(str(m.sentiment.label) for m in _kept() if m.sentiment)
    assert dict(loaded.breakdown(SplitField.SENTIMENT, SINCE)) == dict(labels)


def test_trend_equals_the_histogram_of_the_window(loaded: MentionIndex) -> None:
    trend = loaded.trend(
        SINCE, interval=timedelta(days=1), split_by=SplitField.SENTIMENT, tz=SHANGHAI
    )
    assert trend == loaded.histogram(
        SearchQuery(since=SINCE), timedelta(days=1), SplitField.SENTIMENT, SHANGHAI
    )
    negative = sum(b.counts.get(str(SentimentLabel.NEGATIVE), 0) for b in trend)
    assert negative == sum(
        1 for m in _kept() if m.sentiment and m.sentiment.label == SentimentLabel.NEGATIVE
    )


def test_searches_see_writes_within_the_refresh_interval(index: MentionIndex) -> None:
    started = time.monotonic()
    index.upsert_many([CORPUS["refund"], CORPUS["lone"]])
    while index.count(SearchQuery()) < 2 and time.monotonic() - started < 30:
        time.sleep(0.1)
    assert index.count(SearchQuery()) == 2
