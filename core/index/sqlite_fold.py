"""Full-width folding of stored full-text rows, once per file (embedded index).

Files written before full-width letters and digits were folded (textquery.fold_full_width)
indexed "ＡＰＰ闪退" without the word: a search for APP (or ＡＰＰ) could not find it. At the
first open by this version, the rows whose body holds a full-width character get their
full-text tokens rewritten; every other row's tokens are the same either way. Single
characters are CJK only, so that table is unchanged.
"""

from __future__ import annotations

import sqlite3

from core.index.textquery import has_full_width, token_text, unfolded_token_text

DONE = "fts_full_width_folded"
# Any character of textquery's full-width range (the SQL narrows, has_full_width decides).
_GLOB = "*[\u3000\uff01-\uff5e]*"
_BATCH = 2000


def refold(db: sqlite3.Connection, contentless: frozenset[str]) -> int:
    """Rewrite the full-text rows of stored full-width text once; returns the rows rewritten."""
    with db:
        db.execute("BEGIN IMMEDIATE")  # one opener does it, the others then see it done
        if db.execute("SELECT 1 FROM index_meta WHERE key = ?", (DONE,)).fetchone():
            return 0
        rows = [
            (rid, body)
            for rid, body in db.execute(
                "SELECT rid, body FROM mentions WHERE body GLOB ?", (_GLOB,)
            )
            if has_full_width(body)
        ]
        for start in range(0, len(rows), _BATCH):
            _rewrite(db, rows[start : start + _BATCH], "mention_fts" in contentless)
        db.execute("INSERT INTO index_meta VALUES (?, '1')", (DONE,))
    return len(rows)


def _rewrite(db: sqlite3.Connection, rows: list[tuple[int, str]], contentless: bool) -> None:
    if contentless:  # a contentless row is deleted by giving back the values it was written with
        db.executemany(
            "INSERT INTO mention_fts (mention_fts, rowid, grams) VALUES ('delete', ?, ?)",
            [(rid, unfolded_token_text(body)[0]) for rid, body in rows],
        )
    else:
        db.executemany("DELETE FROM mention_fts WHERE rowid = ?", [(rid,) for rid, _ in rows])
    db.executemany(
        "INSERT INTO mention_fts (rowid, grams) VALUES (?, ?)",
        [(rid, token_text(body)[0]) for rid, body in rows],
    )
