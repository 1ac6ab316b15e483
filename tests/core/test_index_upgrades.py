"""The embedded index opens files of earlier releases: upgraded in place, and exact after."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import timedelta
from pathlib import Path

from core.index.protocol import SearchQuery
from core.index.sqlite import SQLiteMentionIndex
from core.index.sqlite_batch import fts_values
from core.models import Mention
from tests.core.index_corpus import START, corpus


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
