"""The embedded index's tables, and the in-place upgrade of files written by older versions.

Files created by this version key `mentions.rid` by publication time (see `time_rid`), so a
time window is a rowid range the full-text tables can seek to; older files keep their row ids
(layout "seq") and get correct, slower plans. Upgrades back-fill the single-character table
and the hourly rollups once, at the first open. New files' full-text tables are contentless
(the tokens are not stored twice) and keep no per-row token counts (`columnsize=0`: one b-tree
row less per mention and table); older files keep theirs as they are (`contentless_tables`).
A table without stored text or sizes cannot be scanned: every read goes through MATCH.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

SCHEMA = """
CREATE TABLE IF NOT EXISTS mentions (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    seq INTEGER NOT NULL,
    source TEXT NOT NULL,
    channel TEXT NOT NULL,
    published REAL NOT NULL,
    sentiment TEXT,
    category TEXT,
    urgency_rank INTEGER,
    urgency_score REAL,
    author TEXT,
    body TEXT NOT NULL,
    doc TEXT NOT NULL,
    region TEXT
);
CREATE INDEX IF NOT EXISTS mentions_published ON mentions(published);
CREATE INDEX IF NOT EXISTS mentions_seq ON mentions(seq);
-- Covering index for windowed counts, histograms and top terms over the filter columns:
-- a time range is read from the index alone, never from the (large) table rows.
CREATE INDEX IF NOT EXISTS mentions_published_filters
    ON mentions(published, channel, source, category, sentiment, urgency_rank);
CREATE TABLE IF NOT EXISTS mention_plans (rid INTEGER NOT NULL, plan TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS mention_plans_rid ON mention_plans(rid);
CREATE INDEX IF NOT EXISTS mention_plans_plan ON mention_plans(plan, rid);
CREATE TABLE IF NOT EXISTS mention_keywords (rid INTEGER NOT NULL, keyword TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS mention_keywords_rid_keyword ON mention_keywords(rid, keyword);
-- Contentless (content=''): the tokens are indexed, the token text is not stored (the mention's
-- body is); a row is deleted by giving back its values (sqlite_batch.drop_derived).
-- columnsize=0: no per-row token counts (only ranking functions read them, and no query ranks).
CREATE VIRTUAL TABLE IF NOT EXISTS mention_fts
    USING fts5(grams, tokenize='unicode61', content='', columnsize=0);
"""
# Added by the scale work: single characters, metadata and hourly rollups.
SCALE_SCHEMA = """
CREATE TABLE IF NOT EXISTS index_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS mention_chars
    USING fts5(chars, tokenize='unicode61', detail=none, content='', columnsize=0);
CREATE TABLE IF NOT EXISTS rollup_hourly (
    dim TEXT NOT NULL,
    plan TEXT NOT NULL,
    hour INTEGER NOT NULL,
    value TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (dim, plan, hour, value)
) WITHOUT ROWID;
-- Documents per full-text token, read from the FTS indexes themselves (nothing is written):
-- a one-token query over the whole index is counted here.
CREATE VIRTUAL TABLE IF NOT EXISTS mention_fts_vocab USING fts5vocab(mention_fts, row);
CREATE VIRTUAL TABLE IF NOT EXISTS mention_chars_vocab USING fts5vocab(mention_chars, row);
-- The filter columns by row id: the FTS-driven joins read this instead of the wide rows.
CREATE INDEX IF NOT EXISTS mentions_rid_filters
    ON mentions(rid, published, channel, source, category, sentiment, urgency_rank, region);
CREATE TABLE IF NOT EXISTS rollup_keywords (
    plan TEXT NOT NULL,
    hour INTEGER NOT NULL,
    keyword TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (plan, hour, keyword)
) WITHOUT ROWID;
-- The plan-set rows the rollups hold (sqlite_plansets): a handful of rows.
CREATE TABLE IF NOT EXISTS rollup_plan_sets (plan TEXT PRIMARY KEY) WITHOUT ROWID;
"""
# Columns added after the first release: an older mentions.db gets them at open (every row
# keeps its data; the new column is NULL, as the stored documents have no value for it).
ADDED_COLUMNS = {
    "region": "TEXT",
    "complaint": "INTEGER",
    "resolved": "INTEGER",
    "collected": "REAL",  # collected_at in seconds since the epoch (what is new to a reader)
}
# A column whose value older rows may already carry in their stored JSON is filled from it
# once, when the column is added (1/0 for a classified mention, NULL = unknown). A decision
# stored before `resolved` existed reads as not resolved, as the model reads it.
FILL_ADDED = {
    "complaint": "json_extract(doc, '$.complaint.flag')",
    "resolved": "CASE WHEN json_type(doc, '$.complaint') = 'object'"
    " THEN COALESCE(json_extract(doc, '$.complaint.resolved'), 0) END",
    # Every stored document has collected_at (ISO 8601); julianday keeps milliseconds.
    "collected": "(julianday(json_extract(doc, '$.collected_at')) - 2440587.5) * 86400.0",
}
# Written by older versions, no longer kept: documents per token (now the FTS vocabularies)
# and an index that repeated the first column of mention_keywords_rid_keyword.
RETIRED = """
DROP TABLE IF EXISTS term_docs;
DROP INDEX IF EXISTS mention_keywords_rid;
"""
AFTER_UPGRADE = """
CREATE INDEX IF NOT EXISTS mentions_region ON mentions(region, published);
-- Complaint-filtered windows bypass the rollups: counted from this index alone.
CREATE INDEX IF NOT EXISTS mentions_complaint ON mentions(complaint, published);
-- Praise after a recovery is rare (about 1 in 100): a window's few are found here, never by
-- reading every stored document (1,000× faster than json_extract on the doc at 200k rows).
-- Partial: the other 99 % of inserts touch no extra b-tree (the filter writes resolved = 1
-- literally, so the planner can use it).
CREATE INDEX IF NOT EXISTS mentions_resolved ON mentions(published) WHERE resolved = 1;
-- 新 since I last looked: the few mentions collected after a moment, without a table scan.
CREATE INDEX IF NOT EXISTS mentions_collected ON mentions(collected);
"""
TIME_LAYOUT = "time"
SEQ_LAYOUT = "seq"
RID_SHIFT = 20  # row ids per second of publication time: 1,048,576


def time_rid_base(published: float) -> int:
    """The first row id of the second a mention was published in (time layout)."""
    return int(published // 1) << RID_SHIFT


def stored_top_rid(db: sqlite3.Connection, base: int) -> int | None:
    """The highest stored row id of the second starting at `base` (None: none stored)."""
    return stored_top_rids(db, [base])[base]


def stored_top_rids(db: sqlite3.Connection, bases: list[int]) -> dict[int, int | None]:
    """The highest stored row id of each second starting at a base (None: none stored), in one
    statement (at most 500 bases per call)."""
    if not bases:
        return {}
    values = ",".join(["(?)"] * len(bases))
    rows = db.execute(
        f"WITH s(base) AS (VALUES {values}) SELECT base,"
        " (SELECT MAX(rid) FROM mentions WHERE rid >= base AND rid < base + ?) FROM s",
        [*bases, 1 << RID_SHIFT],
    )
    return {int(base): None if top is None else int(top) for base, top in rows}


def rid_after(base: int, top: int | None) -> int:
    """The row id after `top` in the second starting at `base` (its first when `top` is None)."""
    rid = base if top is None else top + 1
    if rid >= base + (1 << RID_SHIFT):
        raise ValueError("同一秒内发布的提及超过 1,048,576 条")
    return rid


def contentless_tables(db: sqlite3.Connection) -> frozenset[str]:
    """The full-text tables of this file that store no text (files of older versions do)."""
    rows = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE name IN ('mention_fts', 'mention_chars')"
    )
    return frozenset(name for name, sql in rows if "content=''" in sql.replace(" ", ""))


def prepare(db: sqlite3.Connection, backfill: Callable[[sqlite3.Connection], None]) -> str:
    """Create missing tables, upgrade an older file in place; return the row-id layout."""
    with db:
        db.executescript(SCHEMA)
    _add_columns(db)
    with db:
        db.executescript(AFTER_UPGRADE)
        db.executescript(SCALE_SCHEMA)
        db.executescript(RETIRED)
    return _layout(db, backfill)


def _layout(db: sqlite3.Connection, backfill: Callable[[sqlite3.Connection], None]) -> str:
    """The file's row-id layout; a file older than the scale tables is back-filled once."""
    with db:
        db.execute("BEGIN IMMEDIATE")  # one opener decides, the others wait and read it
        found = db.execute("SELECT value FROM index_meta WHERE key = 'rid_layout'").fetchone()
        if found:
            return str(found[0])
        has_rows = db.execute("SELECT 1 FROM mentions LIMIT 1").fetchone() is not None
        layout = SEQ_LAYOUT if has_rows else TIME_LAYOUT
        if has_rows:
            backfill(db)
        db.execute("INSERT INTO index_meta VALUES ('rid_layout', ?)", (layout,))
    return layout


def _add_columns(db: sqlite3.Connection) -> None:
    """ALTER TABLE ADD COLUMN for each column an older file lacks (another opener may race)."""
    present = {row[1] for row in db.execute("PRAGMA table_info(mentions)")}
    for name, kind in ADDED_COLUMNS.items():
        if name in present:
            continue
        try:
            with db:
                db.execute(f"ALTER TABLE mentions ADD COLUMN {name} {kind}")
                if name in FILL_ADDED:  # same transaction: a racing opener sees it filled
                    db.execute(f"UPDATE mentions SET {name} = {FILL_ADDED[name]}")
        except sqlite3.OperationalError as exc:
            if "duplicate column" not in str(exc):
                raise
