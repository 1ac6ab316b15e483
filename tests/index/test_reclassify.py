"""Reclassifying stored mentions works the same on SQLite, OpenSearch and Elasticsearch: the
real classifier's labels replace stale ones, corrections stay, filters and counts follow."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from app.domains import install
from core.enums import Category, SentimentLabel
from core.index.protocol import MentionIndex, SearchQuery
from core.models import Mention
from core.pipeline.classifier import get_classifier
from core.pipeline.reclassify import reclassify_index
from tests.index.corpus import make_mention
from tests.support.stale import stale_labels

T0 = datetime(2026, 5, 4, 8, tzinfo=UTC)
TEXTS = {
    "lost": "快递丢件一周了，客服一直推诿，要求赔偿",
    "broken": "洗衣机用了两个月就漏水，售后拒绝保修",
    "corrected": "外卖送到时汤洒了一半，骑手态度还行",
    "praise": "下单第二天就到了，包装完好，给快递小哥点赞",
}


def stale(name: str, hours: float) -> Mention:
    """Stored with an older model's labels: positive, no complaint, category other."""
    mention = make_mention(name, TEXTS[name], T0 + timedelta(hours=hours), plans=["brand_a"])
    return stale_labels(mention)


def test_reclassify_on_every_backend(index: MentionIndex) -> None:
    install()
    classifier = get_classifier("default")
    corrected = stale("corrected", 2).model_copy(update={"corrected": {"sentiment": "neutral"}})
    stored = [stale("lost", 0), stale("broken", 1), corrected.with_corrections()]
    stored.append(stale("praise", 3))
    assert not index.upsert_many(stored).errors
    index.refresh()
    window = SearchQuery(since=T0 - timedelta(hours=1), until=T0 + timedelta(hours=5))
    assert index.count(SearchQuery(complaint=True)) == 0

    report = reclassify_index(index, classifier)

    assert report.read == report.classified == 4 and report.corrected == 1
    assert report.written == 4 and not report.errors  # stored without urgency and keywords
    assert report.changes["是否投诉"] == 3 and report.changes["类别"] == 3
    expected = {m.id: m for m in (m.with_corrections() for m in classifier.classify(stored))}
    after = {m.id: m for m in index.search(SearchQuery(limit=10)).mentions}
    assert after == expected
    fixed = after[corrected.id]
    assert fixed.sentiment is not None and fixed.sentiment.label == SentimentLabel.NEUTRAL
    assert fixed.category != Category.OTHER  # the rest is the model's
    complaints = {m.native_id for m in index.search(SearchQuery(complaint=True)).mentions}
    assert complaints == {"lost", "broken", "corrected"}
    assert index.count(SearchQuery(complaint=True)) == 3
    negative = [m for m in after.values() if m.is_negative]
    assert index.count(replace(window, sentiments=[SentimentLabel.NEGATIVE])) == len(negative)
    assert index.count(SearchQuery()) == 4  # rewritten, not added

    again = reclassify_index(index, classifier)
    assert again.read == 4 and again.written == 0
