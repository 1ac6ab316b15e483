"""Batched writes of new mention rows: collected per upsert, written with one executemany per table.

Row ids of the time layout are handed out from a per-batch cache of each second's highest row
id, so the rows not written yet still count. A batch that fails as a whole (an I/O or integrity
error) is rolled back to its savepoint and written row by row, so one bad row is reported alone
and leaves nothing half-written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from core.index import sqlite_rollups as rollups
from core.index.sqlite_schema import (
    RID_SHIFT,
    rid_after,
    stored_top_rid,
    stored_top_rids,
    time_rid_base,
)
from core.index.textquery import token_text

RID_MASK = (1 << RID_SHIFT) - 1  # the row id bits below a second's base
INSERT_MENTION = (
    "INSERT INTO mentions (rid, id, seq, source, channel, published, sentiment, category,"
    " urgency_rank, urgency_score, author, body, doc, region, complaint, resolved,"
    " collected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


class PendingRow(NamedTuple):
    """Everything one new mention writes: its row (row id first) and derived tables' rows.

    A named tuple, not a frozen dataclass: one is made per new mention and a tuple is built
    in half the time (no object.__setattr__ per field)."""

    mention_id: str
    rid: int  # the row id the mention is written at (row[0])
    row: tuple[object, ...]
    plans: list[str]
    keywords: list[str]
    grams: str
    chars: str
    facts: rollups.Facts


@dataclass
class RowBatch:
    """New rows of one transaction, written together by `flush`."""

    rows: list[PendingRow] = field(default_factory=list)
    tops: dict[int, int] = field(default_factory=dict)  # second's base row id → highest used
    # Stored highest row id per second, looked up ahead for the whole batch (see prefetch).
    stored: dict[int, int | None] = field(default_factory=dict)

    def prefetch(self, db: sqlite3.Connection, published: Iterable[float]) -> None:
        """Look up the stored top row id of these publication seconds in a few statements
        instead of one per new row; valid until the next flush (a rewrite may follow it)."""
        bases = list({time_rid_base(p) for p in published} - self.stored.keys())
        for start in range(0, len(bases), 500):
            self.stored.update(stored_top_rids(db, bases[start : start + 500]))

    def next_rid(self, db: sqlite3.Connection, published: float) -> int:
        """The next free row id of the publication second, pending rows included."""
        base = time_rid_base(published)
        if base in self.tops:
            top: int | None = self.tops[base]
        elif base in self.stored:
            top = self.stored[base]
        else:
            top = stored_top_rid(db, base)
        return rid_after(base, top)

    def add(self, row: PendingRow) -> None:
        """Queue a row (its row id is taken from now on)."""
        self.rows.append(row)
        base = row.rid & ~RID_MASK  # the row id lies in its second's range: time_rid_base
        self.tops[base] = max(self.tops.get(base, row.rid), row.rid)

    def flush(self, db: sqlite3.Connection) -> tuple[list[PendingRow], dict[str, str]]:
        """Write the queued rows: (written, errors by mention id); the batch is empty after."""
        rows, self.rows = self.rows, []
        self.tops.clear()
        self.stored.clear()
        if not rows:
            return [], {}
        if not db.in_transaction:
            db.execute("BEGIN")  # so that releasing the savepoint does not commit
        try:
            _savepoint(db, rows)
            return rows, {}
        except sqlite3.Error:
            pass
        written, errors = [], {}
        for row in rows:
            try:
                _savepoint(db, [row])
            except sqlite3.Error as exc:
                errors[row.mention_id] = str(exc)
            else:
                written.append(row)
        return written, errors


def _savepoint(db: sqlite3.Connection, rows: list[PendingRow]) -> None:
    """Write rows inside a savepoint: all of them, or (after an error) none."""
    db.execute("SAVEPOINT mention_rows")
    try:
        _write(db, rows)
    except sqlite3.Error:
        db.execute("ROLLBACK TO mention_rows")
        db.execute("RELEASE mention_rows")
        raise
    db.execute("RELEASE mention_rows")


def _write(db: sqlite3.Connection, rows: list[PendingRow]) -> None:
    # In row-id order: FTS5 writes its pending tokens out as a new segment whenever a row id
    # is lower than the one before, so a stream's out-of-order publication times made many
    # tiny segments and merges per batch (FTS inserts 2.4 s → 0.6 s on the 30k stream).
    rows = sorted(rows, key=_rid)
    db.executemany(INSERT_MENTION, [r.row for r in rows])
    write_derived(db, rows)


def _rid(row: PendingRow) -> int:
    return row.rid


def write_derived(db: sqlite3.Connection, rows: list[PendingRow]) -> None:
    """The rows' plans, keywords and text tokens (their mentions rows are written already)."""
    db.executemany(
        "INSERT INTO mention_plans VALUES (?, ?)", [(r.rid, p) for r in rows for p in r.plans]
    )
    db.executemany(
        "INSERT INTO mention_keywords VALUES (?, ?)",
        [(r.rid, k) for r in rows for k in r.keywords],
    )
    db.executemany(
        "INSERT INTO mention_fts (rowid, grams) VALUES (?, ?)", [(r.rid, r.grams) for r in rows]
    )
    db.executemany(
        "INSERT INTO mention_chars (rowid, chars) VALUES (?, ?)", [(r.rid, r.chars) for r in rows]
    )


def fts_values(text: str) -> tuple[str, str]:
    """The full-text columns of a text: its bigram tokens and its distinct CJK characters."""
    return token_text(text)


def drop_derived(db: sqlite3.Connection, rids: Sequence[int], contentless: frozenset[str]) -> None:
    """Delete the plan, keyword and full-text rows of these mentions (before their own rows).

    A contentless FTS row is deleted by giving back the values it was written with, made again
    from the stored body: they must be exactly those of `fts_values` at write time.
    """
    rids = list(rids)
    marks = ",".join("?" * len(rids))
    for table in ("mention_plans", "mention_keywords"):
        db.execute(f"DELETE FROM {table} WHERE rid IN ({marks})", rids)
    values: list[tuple[int, str, str]] = []
    if contentless:
        bodies = db.execute(f"SELECT rid, body FROM mentions WHERE rid IN ({marks})", rids)
        values = [(rid, *fts_values(body)) for rid, body in bodies]
    for at, (table, column) in enumerate((("mention_fts", "grams"), ("mention_chars", "chars"))):
        if table in contentless:
            db.executemany(
                f"INSERT INTO {table} ({table}, rowid, {column}) VALUES ('delete', ?, ?)",
                [(v[0], v[at + 1]) for v in values],
            )
        else:
            db.execute(f"DELETE FROM {table} WHERE rowid IN ({marks})", rids)
