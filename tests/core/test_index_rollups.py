"""The embedded index at scale: rollups equal the base tables, time-ordered pages, upgrades."""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from core.enums import Category, Channel, SentimentLabel, Severity
from core.index.protocol import BrandSide, SearchQuery, SortOrder, SplitField
from core.index.sqlite import SQLiteMentionIndex
from core.index.sqlite_batch import fts_values
from core.models import Complaint, Mention, Sentiment, Urgency

START = datetime(2026, 11, 1, tzinfo=UTC)
SHANGHAI = ZoneInfo("Asia/Shanghai")
WORDS = ["退款", "客服", "质量", "物流", "异物"]
SIDE = BrandSide(own=("a",), rivals=("b",))  # b is a competitor: only its own posts are left out


def corpus(count: int = 400, seed: int = 3) -> list[Mention]:
    """Mentions over 10 days; every tenth shares its second with the one before."""
    rng = random.Random(seed)
    out: list[Mention] = []
    for number in range(count):
        if number % 10 == 1:
            published = out[-1].published_at
        else:
            published = START + timedelta(
                seconds=rng.randint(0, 10 * 86_400), milliseconds=rng.randint(0, 999)
            )
        score = rng.uniform(0, 100)
        out.append(
            Mention(
                source=rng.choice(["weibo_search", "tieba"]),
                channel=rng.choice([Channel.WEIBO, Channel.FORUM, Channel.NEWS]),
                native_id=str(number),
                text="，".join(rng.sample(WORDS, 2)) + rng.choice(["", "吗", "退"]),
                published_at=published,
                plans=rng.sample(["a", "b"], rng.randint(0, 2)),
                keywords=rng.sample(WORDS, rng.randint(0, 3)),
                sentiment=(
                    Sentiment(label=rng.choice(list(SentimentLabel)), score=0.5)
                    if number % 7
                    else None
                ),
                category=rng.choice(list(Category)),
                region=rng.choice(["广东", "北京", None]),
                urgency=Urgency(level=Severity.from_score(score), score=score),
                complaint=(  # a third unclassified (NULL), the rest flagged or not
                    None if number % 3 == 0 else Complaint(flag=number % 3 == 1, probability=0.7)
                ),
            )
        )
    return out


def inside(m: Mention, q: SearchQuery) -> bool:
    """Brute-force filter of the queries used here."""
    return (
        (q.since is None or m.published_at >= q.since)
        and (q.until is None or m.published_at < q.until)
        and (not q.plans or bool(set(q.plans) & set(m.plans)))
        and (q.brand_side is None or q.brand_side.admits(m.plans))
        and (not q.sentiments or (m.sentiment is not None and m.sentiment.label in q.sentiments))
        and (not q.channels or m.channel in q.channels)
        and (q.complaint is None or (m.complaint is not None and m.complaint.flag == q.complaint))
        and (
            q.min_urgency is None
            or (m.urgency is not None and m.urgency.level.rank >= q.min_urgency.rank)
        )
        and all(t in m.full_text for t in (q.text or "").split())
    )


def value(m: Mention, field: SplitField) -> list[str]:
    if field == SplitField.KEYWORD:
        return list(m.keywords)
    if field == SplitField.PLAN:
        return list(m.plans)
    if field == SplitField.SENTIMENT:
        return [str(m.sentiment.label)] if m.sentiment else []
    if field == SplitField.REGION:
        return [m.region] if m.region else []
    return [str(m.channel)]


@pytest.fixture
def loaded(tmp_path: Path) -> tuple[SQLiteMentionIndex, list[Mention]]:
    index = SQLiteMentionIndex(tmp_path / "m.db")
    mentions = corpus()
    for start in range(0, len(mentions), 97):
        assert not index.upsert_many(mentions[start : start + 97]).errors
    return index, mentions


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


@pytest.mark.parametrize("sort", [SortOrder.NEWEST, SortOrder.OLDEST])
@pytest.mark.parametrize("text", ["退款", "退", "客服 -物流", "退 质量"])
def test_text_pages_follow_publication_order_across_ties(loaded, sort, text) -> None:
    index, mentions = loaded
    since = START + timedelta(days=1, hours=5)
    query = SearchQuery(text=text, since=since, sort=sort, limit=7)
    parts = text.split()
    matching = [
        m
        for m in mentions
        if m.published_at >= since
        and all(p in m.full_text for p in parts if not p.startswith("-"))
        and not any(p[1:] in m.full_text for p in parts if p.startswith("-"))
    ]
    newest = sort == SortOrder.NEWEST
    ordered = sorted(
        matching, key=lambda m: (-m.published_at.timestamp() if newest else m.published_at, m.id)
    )
    assert index.count(SearchQuery(text=text)) == sum(
        all(p in m.full_text for p in parts if not p.startswith("-"))
        and not any(p[1:] in m.full_text for p in parts if p.startswith("-"))
        for m in mentions
    )
    for offset in (0, 7, 21):
        page = index.search(SearchQuery(**{**query.__dict__, "offset": offset}))
        assert page.total == len(matching)
        assert [m.id for m in page.mentions] == [m.id for m in ordered[offset : offset + 7]]


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


def test_an_older_file_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    mentions = corpus(120)
    SQLiteMentionIndex(path).upsert_many(mentions)
    with sqlite3.connect(path) as db:  # what a file of the previous release lacks
        for table in (
            "rollup_hourly",
            "rollup_keywords",
            "mention_chars_vocab",
            "mention_chars",
            "index_meta",
        ):
            db.execute(f"DROP TABLE {table}")

    index = SQLiteMentionIndex(path)

    assert index.layout == "seq"
    assert index.count(SearchQuery(text="吗")) == sum("吗" in m.text for m in mentions)
    since = START + timedelta(days=2, seconds=30.5)
    assert index.count(SearchQuery(text="退", since=since)) == sum(
        "退" in m.text and m.published_at >= since for m in mentions
    )
    assert dict(index.top_keywords(START, size=50)) == dict(
        Counter(k for m in mentions for k in m.keywords)
    )
    index.upsert_many([mentions[0].model_copy(update={"native_id": "new", "id": ""})])
    assert index.count(SearchQuery()) == len(mentions) + 1


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


def test_a_file_of_the_previous_release_opens_and_stays_exact(tmp_path: Path) -> None:
    # The previous release kept documents per token in `term_docs` (written with every
    # mention), a second keyword index and full-text tables storing their token text; this one
    # reads the FTS vocabularies, and keeps such a file's full-text tables as they are.
    path = tmp_path / "previous.db"
    mentions = corpus(200)
    SQLiteMentionIndex(path).upsert_many(mentions[:150])
    with sqlite3.connect(path) as db:
        for table in ("mention_fts_vocab", "mention_chars_vocab", "mention_fts", "mention_chars"):
            db.execute(f"DROP TABLE {table}")
        db.execute("CREATE VIRTUAL TABLE mention_fts USING fts5(grams, tokenize='unicode61')")
        db.execute(
            "CREATE VIRTUAL TABLE mention_chars"
            " USING fts5(chars, tokenize='unicode61', detail=none)"
        )
        for rid, body in db.execute("SELECT rid, body FROM mentions").fetchall():
            grams, chars = fts_values(body)
            db.execute("INSERT INTO mention_fts (rowid, grams) VALUES (?, ?)", (rid, grams))
            db.execute("INSERT INTO mention_chars (rowid, chars) VALUES (?, ?)", (rid, chars))
        db.execute("CREATE TABLE term_docs (term TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID")
        db.execute("INSERT INTO term_docs VALUES ('退款', 1)")  # stale: must not be read
        db.execute("CREATE INDEX mention_keywords_rid ON mention_keywords(rid)")

    index = SQLiteMentionIndex(path)
    changed = [
        Mention.model_validate({**m.model_dump(), "text": "改写：异物 退货"}) for m in mentions[:20]
    ]
    index.upsert_many([*mentions[150:], *changed])
    cutoff = START + timedelta(days=3)
    index.prune_before(cutoff)

    assert index.contentless == frozenset()
    names = {row[0] for row in index._db.execute("SELECT name FROM sqlite_master")}
    assert "term_docs" not in names and "mention_keywords_rid" not in names
    assert {"mention_fts_vocab", "mention_chars_vocab"} <= names
    latest = {m.id: m for m in [*mentions, *changed]}
    kept = [m for m in latest.values() if m.published_at >= cutoff]
    for text in ("退", "退款", "吗", "异物", "改写"):
        assert index.count(SearchQuery(text=text)) == sum(text in m.text for m in kept), text
    assert dict(index.top_keywords(START, size=50)) == dict(
        Counter(k for m in kept for k in m.keywords)
    )


@pytest.mark.parametrize("text", ["café", "Café", "iphone", "退"])
def test_one_token_counts_equal_their_matches(tmp_path: Path, text: str) -> None:
    # Accented words are folded by the FTS tokenizer: counted by MATCH, not by vocabulary.
    index = SQLiteMentionIndex(tmp_path / "m.db")
    texts = ["cafe 退款", "café 很差", "CAFÉ 退货", "iPhone 屏幕", "iphone15 退"]
    base = corpus(1)[0].model_dump(exclude={"id", "group_id"})
    written = index.upsert_many(
        [
            Mention.model_validate({**base, "native_id": str(n), "text": t})
            for n, t in enumerate(texts)
        ]
    )
    assert len(written.created) == len(texts)
    windowed = SearchQuery(text=text, since=START - timedelta(days=1))
    assert index.count(SearchQuery(text=text)) == index.count(windowed) > 0
