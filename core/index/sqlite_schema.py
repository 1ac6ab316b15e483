"""The embedded index's tables, and the in-place upgrade of files written by older versions."""

from __future__ import annotations

import sqlite3

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
CREATE INDEX IF NOT EXISTS mention_keywords_rid ON mention_keywords(rid);
CREATE INDEX IF NOT EXISTS mention_keywords_rid_keyword ON mention_keywords(rid, keyword);
CREATE VIRTUAL TABLE IF NOT EXISTS mention_fts USING fts5(grams, tokenize='unicode61');
"""
# Columns added after the first release: an older mentions.db gets them at open (every row
# keeps its data; the new column is NULL, as the stored documents have no value for it).
ADDED_COLUMNS = {"region": "TEXT"}
AFTER_UPGRADE = """
CREATE INDEX IF NOT EXISTS mentions_region ON mentions(region, published);
"""


def prepare(db: sqlite3.Connection) -> None:
    """Create missing tables, add the columns an older file lacks, then their indexes."""
    with db:
        db.executescript(SCHEMA)
    _add_columns(db)
    with db:
        db.executescript(AFTER_UPGRADE)


def _add_columns(db: sqlite3.Connection) -> None:
    """ALTER TABLE ADD COLUMN for each column an older file lacks (another opener may race)."""
    present = {row[1] for row in db.execute("PRAGMA table_info(mentions)")}
    for name, kind in ADDED_COLUMNS.items():
        if name in present:
            continue
        try:
            with db:
                db.execute(f"ALTER TABLE mentions ADD COLUMN {name} {kind}")
        except sqlite3.OperationalError as exc:
            if "duplicate column" not in str(exc):
                raise
