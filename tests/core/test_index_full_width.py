"""Full-width letters and digits in stored text search as ASCII on the embedded index, also in
files written before the folding (their rows are rewritten once, at the first open)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from core.index.protocol import SearchQuery
from core.index.sqlite import SQLiteMentionIndex
from core.index.sqlite_fold import DONE, refold
from core.index.textquery import token_text, unfolded_token_text
from tests.core.conftest import mention

WIDE = "鲜味坊ＡＰＰ闪退，退款５００元还没到"


def found(index: SQLiteMentionIndex, text: str) -> list[str]:
    return sorted(m.native_id for m in index.search(SearchQuery(text=text)).mentions)


def written_before_the_folding(path: Path) -> None:
    """Put the wide mention's full-text row back as an older version wrote it (unfolded)."""
    db = sqlite3.connect(path)
    rid, body = db.execute("SELECT rid, body FROM mentions WHERE body LIKE '%ＡＰＰ%'").fetchone()
    delete = "INSERT INTO mention_fts (mention_fts, rowid, grams) VALUES ('delete', ?, ?)"
    db.execute(delete, (rid, token_text(body)[0]))
    db.execute(
        "INSERT INTO mention_fts (rowid, grams) VALUES (?, ?)", (rid, unfolded_token_text(body)[0])
    )
    db.execute("DELETE FROM index_meta WHERE key = ?", (DONE,))
    db.commit()
    db.close()


def matched(path: Path, word: str) -> int:
    """Rows of the raw full-text table that hold the word."""
    db = sqlite3.connect(path)
    try:
        return int(
            db.execute(
                "SELECT COUNT(*) FROM mention_fts WHERE mention_fts MATCH ?", (word,)
            ).fetchone()[0]
        )
    finally:
        db.close()


def test_new_rows_are_folded(tmp_path: Path) -> None:
    index = SQLiteMentionIndex(tmp_path / "m.db")
    index.upsert_many([mention("wide", WIDE), mention("narrow", "鲜味坊APP又闪退了", 5)])
    assert found(index, "APP") == found(index, "ａｐｐ") == ["narrow", "wide"]
    assert found(index, "500") == ["wide"]
    index.close()


def test_an_older_file_is_refolded_once_and_stays_consistent(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    index = SQLiteMentionIndex(path)
    index.upsert_many([mention("wide", WIDE), mention("narrow", "鲜味坊APP又闪退了", 5)])
    index.close()
    written_before_the_folding(path)
    assert matched(path, "app") == 1 and matched(path, "500") == 0  # as an older file holds it

    upgraded = SQLiteMentionIndex(path)
    assert found(upgraded, "APP") == ["narrow", "wide"] and found(upgraded, "500") == ["wide"]
    upgraded.close()
    again = SQLiteMentionIndex(path)  # done once: a second open rewrites nothing
    assert refold(again._db, again.contentless) == 0
    assert matched(path, "app") == 2 and matched(path, "500") == 1

    # The rewritten row is deleted with the values it now holds: an edit leaves no stale token.
    again.upsert_many([mention("wide", "鲜味坊客服终于回复了")])
    assert found(again, "APP") == ["narrow"] and found(again, "500") == []
    assert found(again, "客服") == ["wide"]
    again._db.execute("INSERT INTO mention_fts (mention_fts) VALUES ('integrity-check')")
    again.close()
    assert matched(path, "app") == 1 and matched(path, "500") == 0
