"""SQLite index specifics: CJK substrings, histograms in local time, cursors, concurrent readers."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from core.enums import SentimentLabel, Severity
from core.index.protocol import SearchQuery, SortOrder, SplitField
from core.index.sqlite import WAL_CHECKPOINT_PAGES, SQLiteMentionIndex
from core.index.textquery import bigram_tokens
from core.models import Sentiment, Urgency
from tests.core.conftest import T0, mention

SHANGHAI = ZoneInfo("Asia/Shanghai")


def labelled(native_id: str, text: str, minutes: float, label: SentimentLabel, score: float = 10):
    return mention(
        native_id,
        text,
        minutes,
        sentiment=Sentiment(label=label, score=0.1 if label == SentimentLabel.NEGATIVE else 0.9),
        urgency=Urgency(level=Severity.from_score(score), score=score),
    )


def test_substrings_of_every_length(tmp_path: Path) -> None:
    index = SQLiteMentionIndex(tmp_path / "m.db")
    index.upsert_many([mention("1", "外卖吃出虫子，食物中毒住院"), mention("2", "退")])
    for term, expected in [
        ("食物中毒", 1),
        ("中毒", 1),
        ("毒", 1),
        ("退", 1),
        ("虫子 住院", 1),
        ("虫子 -住院", 0),
    ]:
        assert index.count(SearchQuery(text=term)) == expected, term


def test_histogram_buckets_align_to_local_midnight(tmp_path: Path) -> None:
    index = SQLiteMentionIndex(tmp_path / "m.db")
    # T0 is 10:00 Shanghai on Monday 2026-11-16; +15h is 01:00 Tuesday local time.
    index.upsert_many(
        [
            labelled("a", "a", 0, SentimentLabel.NEGATIVE),
            labelled("b", "b", 60, SentimentLabel.POSITIVE),
            labelled("c", "c", 15 * 60, SentimentLabel.NEGATIVE),
        ]
    )
    days = index.histogram(SearchQuery(), timedelta(days=1), SplitField.SENTIMENT, SHANGHAI)
    assert [b.start.astimezone(SHANGHAI).strftime("%m-%d %H:%M") for b in days] == [
        "11-16 00:00",
        "11-17 00:00",
    ]
    assert days[0].counts == {"negative": 1, "positive": 1}
    assert days[1].total == 1
    utc_days = index.histogram(SearchQuery(), timedelta(days=1))
    assert [b.total for b in utc_days] == [3]


def test_urgency_sort_split_and_filters(tmp_path: Path) -> None:
    index = SQLiteMentionIndex(tmp_path / "m.db")
    index.upsert_many(
        [
            labelled("low", "一般般", 0, SentimentLabel.NEGATIVE, 5),
            labelled("crit", "食物中毒", 1, SentimentLabel.NEGATIVE, 90),
            labelled("mid", "退款慢", 2, SentimentLabel.POSITIVE, 40),
        ]
    )
    ordered = index.search(SearchQuery(sort=SortOrder.URGENCY))
    assert [m.native_id for m in ordered.mentions] == ["crit", "mid", "low"]
    assert index.count(SearchQuery(min_urgency=Severity.MEDIUM)) == 2
    split = index.top_terms(SearchQuery(), SplitField.URGENCY)
    assert dict(split) == {"critical": 1, "medium": 1, "low": 1}
    window = SearchQuery(since=T0 + timedelta(minutes=1), until=T0 + timedelta(minutes=2))
    assert [m.native_id for m in index.search(window).mentions] == ["crit"]


def test_since_cursor_sees_updates_again(tmp_path: Path) -> None:
    index = SQLiteMentionIndex(tmp_path / "m.db")
    index.upsert_many([mention(str(i), f"文本{i}") for i in range(5)])
    first, cursor = index.since(None, limit=3)
    rest, cursor = index.since(cursor, limit=10)
    assert len(first) == 3 and len(rest) == 2
    assert index.since(cursor)[0] == []
    index.upsert_many([mention("0", "文本0 已更新")])
    again, _ = index.since(cursor)
    assert [m.native_id for m in again] == ["0"]


def test_second_connection_reads_while_first_writes(tmp_path: Path) -> None:
    writer = SQLiteMentionIndex(tmp_path / "m.db")
    reader = SQLiteMentionIndex(tmp_path / "m.db")
    for round_ in range(5):
        writer.upsert_many([mention(f"{round_}-{i}", f"第{round_}批 退款") for i in range(200)])
        assert reader.count(SearchQuery(text="退款")) == 200 * (round_ + 1)


# The schema of mentions.db before the region column, kept verbatim to build old files.
SCHEMA_WITHOUT_REGION = """
CREATE TABLE mentions (
    rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, seq INTEGER NOT NULL,
    source TEXT NOT NULL, channel TEXT NOT NULL, published REAL NOT NULL, sentiment TEXT,
    category TEXT, urgency_rank INTEGER, urgency_score REAL, author TEXT, body TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX mentions_published ON mentions(published);
CREATE INDEX mentions_seq ON mentions(seq);
CREATE INDEX mentions_published_filters
    ON mentions(published, channel, source, category, sentiment, urgency_rank);
CREATE TABLE mention_plans (rid INTEGER NOT NULL, plan TEXT NOT NULL);
CREATE TABLE mention_keywords (rid INTEGER NOT NULL, keyword TEXT NOT NULL);
CREATE VIRTUAL TABLE mention_fts USING fts5(grams, tokenize='unicode61');
"""


def _old_database(path: Path, count: int) -> list[str]:
    """A mentions.db written by the schema without region; returns the stored docs."""
    db = sqlite3.connect(path)
    db.executescript(SCHEMA_WITHOUT_REGION)
    docs = []
    for i in range(count):
        old = mention(str(i), f"旧数据 退款{i}", i, plans=["brand_a"])
        doc = old.model_dump(mode="json")
        del doc["region"]  # the old model had no such field
        docs.append(json.dumps(doc, ensure_ascii=False))
        db.execute(
            "INSERT INTO mentions (rid, id, seq, source, channel, published, author, body, doc)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                i + 1,
                old.id,
                i + 1,
                old.source,
                "weibo",
                old.published_at.timestamp(),
                None,
                old.full_text,
                docs[-1],
            ),
        )
        db.execute("INSERT INTO mention_plans VALUES (?, 'brand_a')", (i + 1,))
        db.execute(
            "INSERT INTO mention_fts (rowid, grams) VALUES (?, ?)",
            (i + 1, " ".join(bigram_tokens(old.full_text))),
        )
    db.commit()
    db.close()
    return docs


def test_an_old_database_gains_the_region_column_and_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "mentions.db"
    docs = _old_database(path, 3)

    index = SQLiteMentionIndex(path)
    columns = {row[1] for row in index._db.execute("PRAGMA table_info(mentions)")}
    stored = [row[0] for row in index._db.execute("SELECT doc FROM mentions ORDER BY rid")]
    assert "region" in columns
    assert stored == docs  # nothing rewritten
    assert index.count(SearchQuery()) == 3
    assert index.count(SearchQuery(text="退款1", plans=["brand_a"])) == 1
    assert index.get(mention("2", "").id).region is None  # type: ignore[union-attr]

    index.upsert_many([mention("new", "广东用户投诉退款", 10, region="广东")])
    assert [m.native_id for m in index.search(SearchQuery(regions=["广东"])).mentions] == ["new"]
    assert index.top_terms(SearchQuery(), SplitField.REGION) == [("广东", 1)]
    index.close()

    again = SQLiteMentionIndex(path)  # a second open finds the column and changes nothing
    assert again.count(SearchQuery()) == 4 and again.count(SearchQuery(regions=["广东"])) == 1
    again.close()


def test_connection_checkpoints_every_wal_checkpoint_pages(tmp_path: Path) -> None:
    index = SQLiteMentionIndex(tmp_path / "m.db")
    try:
        found = index._db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        assert found == WAL_CHECKPOINT_PAGES > 1_000  # more than SQLite's default
    finally:
        index.close()


def test_a_query_with_nothing_searchable_matches_nothing(tmp_path: Path) -> None:
    index = SQLiteMentionIndex(tmp_path / "m.db")
    index.upsert_many(
        [
            mention("1", "鲜味坊 XWF 退款太慢😡😡！！！"),
            mention("2", "外卖很好吃，点赞", 30),
            mention("3", "XWF 申请退款", 60),
        ]
    )
    window = SearchQuery(since=T0 - timedelta(hours=1), until=T0 + timedelta(hours=2))
    for text in ("😡", "！！！", "，", "!!!", "-😡", "😡 -退款", "-！ -😡"):
        for query in (SearchQuery(text=text), replace(window, text=text)):
            assert index.count(query) == 0, text
            assert index.search(query).total == 0, text
            assert index.histogram(query, timedelta(days=1), None, SHANGHAI) == [], text
    # Emoji and punctuation beside a searchable term are left out, as inside a term.
    assert index.count(SearchQuery(text="退款 😡")) == index.count(SearchQuery(text="退款")) == 2
    assert index.count(SearchQuery(text="好吃 -😡")) == 1


def test_full_width_letters_search_as_ascii(tmp_path: Path) -> None:
    index = SQLiteMentionIndex(tmp_path / "m.db")
    index.upsert_many([mention("1", "XWF 退款12315"), mention("2", "鲜味坊 好吃", 5)])
    for full, half in (("ＸＷＦ", "XWF"), ("ｘｗｆ　退款", "xwf 退款"), ("１２３１５", "12315")):
        assert index.count(SearchQuery(text=full)) == index.count(SearchQuery(text=half)) == 1
    assert index.count(SearchQuery(text="－ＸＷＦ")) == 1  # a full-width minus excludes too
