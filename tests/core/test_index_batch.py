"""Batched index writes store exactly what row-by-row writes did, and isolate a failing row."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from core.index import sqlite_schema as schema
from core.index.protocol import SearchQuery
from core.index.sqlite import SQLiteMentionIndex
from core.models import Mention
from tests.core.conftest import T0, mention

TABLES = {
    "mentions": "SELECT rid, id, seq, published, body, doc FROM mentions ORDER BY rid",
    "plans": "SELECT rid, plan FROM mention_plans ORDER BY rid, plan",
    "keywords": "SELECT rid, keyword FROM mention_keywords ORDER BY rid, keyword",
    # The rows of each FTS table (they cannot be scanned: no stored text or sizes).
    "grams": "SELECT DISTINCT doc FROM temp.gram_tokens ORDER BY 1",
    "chars": "SELECT DISTINCT doc FROM temp.char_tokens ORDER BY 1",
    # Every token of every row, with its position (the FTS tables store no text to compare).
    "gram_tokens": "SELECT * FROM temp.gram_tokens ORDER BY 1, 2, 3, 4",
    "char_tokens": "SELECT * FROM temp.char_tokens ORDER BY 1, 2",
    "hourly": "SELECT * FROM rollup_hourly ORDER BY 1, 2, 3, 4",
    "terms": "SELECT term, doc FROM mention_fts_vocab ORDER BY 1",
    "char_terms": "SELECT term, doc FROM mention_chars_vocab ORDER BY 1",
    "words": "SELECT * FROM rollup_keywords ORDER BY 1, 2, 3",
}


def _stream() -> list[Mention]:
    """Mentions sharing publication seconds (row ids taken within a second), one id twice."""
    out = []
    for n in range(40):
        seconds = (n // 3) * 1.0 + (n % 3) * 0.25  # three per second
        text = f"第{n}单外卖洒了，退款{n % 4}元 #鲜味坊{n % 2}#"
        out.append(
            mention(
                str(n), text, seconds / 60, plans=["a", "b"][: 1 + n % 2], keywords=["退款", "外卖"]
            )
        )
    out.append(mention("5", "第5单外卖洒了，重发一次", 0.1, plans=["a"], keywords=["重发"]))
    return out


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE temp.gram_tokens USING fts5vocab(main, mention_fts, instance)")
    db.execute(
        "CREATE VIRTUAL TABLE temp.char_tokens USING fts5vocab(main, mention_chars, instance)"
    )
    try:
        return {name: db.execute(sql).fetchall() for name, sql in TABLES.items()}
    finally:
        db.close()


def test_one_batch_stores_what_one_call_per_mention_stores(tmp_path: Path) -> None:
    stream = _stream()
    batched = SQLiteMentionIndex(tmp_path / "batched.db")
    result = batched.upsert_many(stream)
    single = SQLiteMentionIndex(tmp_path / "single.db")
    for item in stream:
        single.upsert_many([item])
    batched.close()
    single.close()
    assert len(result.created) == 40 and result.updated == [stream[5].id] and not result.errors
    assert result.created == [m.id for m in stream[:40]]
    first, second = _dump(tmp_path / "batched.db"), _dump(tmp_path / "single.db")
    assert len(first["mentions"]) == 40
    for table in TABLES:
        assert first[table] == second[table], table


def test_a_failing_row_is_reported_and_leaves_nothing_behind(tmp_path: Path) -> None:
    index = SQLiteMentionIndex(tmp_path / "m.db")
    index._db.execute(  # a row the database refuses, amid good ones
        "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.mention_keywords"
        " WHEN NEW.keyword = '拒收' BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    good = [mention(str(n), f"第{n}单外卖洒了", n, keywords=["外卖"]) for n in range(3)]
    bad = mention("bad", "这一条写不进去", 1.5, keywords=["拒收"])
    result = index.upsert_many([good[0], good[1], bad, good[2]])
    assert result.created == [m.id for m in good]
    assert list(result.errors) == [bad.id] and "refused" in result.errors[bad.id]
    dump = _dump(tmp_path / "m.db")
    assert [row[1] for row in dump["mentions"]] == [m.id for m in good]
    assert len(dump["grams"]) == len(dump["chars"]) == len(dump["keywords"]) == 3
    assert index.get(bad.id) is None and index.get(good[2].id) is not None


def test_a_rewrite_amid_new_rows_of_its_second_shifts_the_later_ones(tmp_path: Path) -> None:
    # Row ids of the batch's seconds are looked up ahead; a rewrite in between takes one of
    # them, so the new rows after it must not reuse the row ids looked up before.
    first = [mention(str(n), f"第{n}单外卖洒了", 0.1, keywords=["外卖"]) for n in range(3)]
    moved = mention("0", "第0单外卖洒了，改到同一秒", 0.1, keywords=["外卖"])
    later = [mention(f"new{n}", f"又一单外卖洒了{n}", 0.1) for n in range(2)]
    batched = SQLiteMentionIndex(tmp_path / "batched.db")
    single = SQLiteMentionIndex(tmp_path / "single.db")
    for index in (batched, single):
        index.upsert_many(first[:1])
    result = batched.upsert_many([*first[1:], moved, *later])
    for item in [*first[1:], moved, *later]:
        single.upsert_many([item])
    batched.close()
    single.close()
    assert not result.errors and result.updated == [moved.id]
    assert result.created == [m.id for m in [*first[1:], *later]]
    stored, expected = _dump(tmp_path / "batched.db"), _dump(tmp_path / "single.db")
    assert len({row[0] for row in stored["mentions"]}) == 5
    for table in TABLES:
        assert stored[table] == expected[table], table


def _tokens_by_mention(path: Path) -> list[tuple[object, ...]]:
    """Every FTS token of every row, keyed by the mention's id instead of its row id."""
    db = sqlite3.connect(path)
    try:
        out = []
        for table in ("mention_fts", "mention_chars"):
            db.execute(
                f"CREATE VIRTUAL TABLE temp.v_{table} USING fts5vocab(main, {table}, instance)"
            )
            out += db.execute(
                f"SELECT '{table}', m.id, v.term, v.offset FROM temp.v_{table} v"
                " JOIN mentions m ON m.rid = v.doc ORDER BY 1, 2, 3, 4"
            ).fetchall()
        return out
    finally:
        db.close()


def test_rewrites_and_pruning_leave_exactly_the_tokens_of_the_kept_mentions(tmp_path: Path) -> None:
    # The FTS tables are contentless: a rewrite or prune deletes a row by giving its tokens back.
    # Deleting other tokens than those written would corrupt the index silently.
    stream = _stream()
    index = SQLiteMentionIndex(tmp_path / "m.db")
    assert index.contentless == {"mention_fts", "mention_chars"}
    index.upsert_many(stream)
    rewritten = [
        mention(str(n), f"改写{n}：食品安全问题 iPhone{n}", n / 2) for n in range(0, 40, 7)
    ]
    index.upsert_many(rewritten)
    cutoff = T0 + timedelta(seconds=6)
    removed = index.prune_before(cutoff)
    latest = {m.id: m for m in [*stream, *rewritten]}
    kept = [m for m in latest.values() if m.published_at >= cutoff]
    assert removed == len(latest) - len(kept) > 0
    fresh = SQLiteMentionIndex(tmp_path / "fresh.db")
    fresh.upsert_many(kept)
    index.close()
    fresh.close()
    assert _tokens_by_mention(tmp_path / "m.db") == _tokens_by_mention(tmp_path / "fresh.db")
    assert _dump(tmp_path / "m.db")["terms"] == _dump(tmp_path / "fresh.db")["terms"]


def _segments(path: Path, table: str) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute(f"SELECT COUNT(DISTINCT segid) FROM {table}_idx").fetchone()[0])
    finally:
        db.close()


def test_a_batch_out_of_time_order_writes_one_segment_per_full_text_table(tmp_path: Path) -> None:
    # FTS5 starts a new segment whenever a row id is lower than the previous one; row ids
    # follow publication time, and a stream's mentions arrive out of order.
    stream = [mention(str(n), f"第{n}单外卖洒了，退款", (n * 7) % 30) for n in range(30)]
    index = SQLiteMentionIndex(tmp_path / "m.db")
    assert not index.upsert_many(stream).errors
    index.close()
    assert _segments(tmp_path / "m.db", "mention_fts") == 1
    assert _segments(tmp_path / "m.db", "mention_chars") == 1


SIZE_TABLES = ["mention_chars_docsize", "mention_fts_docsize"]


def _fts_size_tables(path: Path) -> list[str]:
    db = sqlite3.connect(path)
    try:
        rows = db.execute("SELECT name FROM sqlite_master WHERE name LIKE '%docsize' ORDER BY 1")
        return [row[0] for row in rows]
    finally:
        db.close()


def test_a_file_with_per_row_token_counts_keeps_working(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Files written before columnsize=0 keep their size tables; writes, rewrites, prunes and
    # searches on them leave the same tokens and answers as on a new file.
    with monkeypatch.context() as patch:
        for name in ("SCHEMA", "SCALE_SCHEMA"):
            patch.setattr(schema, name, getattr(schema, name).replace(", columnsize=0", ""))
        older = SQLiteMentionIndex(tmp_path / "older.db")
        older.upsert_many(_stream()[:20])
        older.close()
    assert _fts_size_tables(tmp_path / "older.db") == SIZE_TABLES
    new = SQLiteMentionIndex(tmp_path / "new.db")
    new.upsert_many(_stream()[:20])
    older = SQLiteMentionIndex(tmp_path / "older.db")
    assert older.contentless == new.contentless == {"mention_fts", "mention_chars"}
    rewritten = [mention(str(n), f"改写{n}：食品安全 iPhone{n}", n / 2) for n in range(0, 40, 7)]
    for index in (older, new):
        index.upsert_many([*_stream()[20:], *rewritten])
        index.prune_before(T0 + timedelta(seconds=4))
    queries = ["外卖", "退", "iphone7", "鲜味坊1", "食品安全 -iphone14", "单"]
    for text in queries:
        found = older.search(SearchQuery(text=text, limit=100))
        expected = new.search(SearchQuery(text=text, limit=100))
        assert [m.id for m in found.mentions] == [m.id for m in expected.mentions], text
        assert found.total == expected.total > 0, text
    older.close()
    new.close()
    assert _fts_size_tables(tmp_path / "older.db") == SIZE_TABLES
    assert _fts_size_tables(tmp_path / "new.db") == []
    assert _tokens_by_mention(tmp_path / "older.db") == _tokens_by_mention(tmp_path / "new.db")
