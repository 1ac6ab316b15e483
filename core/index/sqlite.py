"""Embedded mention index: SQLite in WAL mode with an FTS5 table of CJK bigrams.

One writer process (the service) and any number of reader processes (dashboards, CLI)
can share the file; each process opens its own connection.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from core.enums import Severity
from core.errors import MentionIndexError
from core.index.protocol import (
    HistogramBucket,
    SearchQuery,
    SearchResult,
    SortOrder,
    SplitField,
    UpsertResult,
)
from core.index.sqlite_schema import prepare
from core.index.textquery import bigram_tokens, is_single_cjk_char, parse_text_query
from core.models import Mention

_COLUMN = {
    SplitField.CHANNEL: "m.channel",
    SplitField.SOURCE: "m.source",
    SplitField.SENTIMENT: "m.sentiment",
    SplitField.CATEGORY: "m.category",
    SplitField.URGENCY: "m.urgency_rank",
    SplitField.AUTHOR: "m.author",
    SplitField.REGION: "m.region",
}
_LEVELS = list(Severity)
PRUNE_CHUNK = 2_000  # mentions deleted per transaction: writers wait at most one chunk
SMALL_WINDOW = 50_000  # mentions in a time window below which plan filters are probed per row


def _epoch(moment: datetime) -> float:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


class SQLiteMentionIndex:
    """MentionIndex on one SQLite file."""

    backend = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA busy_timeout=30000")
            prepare(self._db)
        except sqlite3.DatabaseError as exc:
            raise MentionIndexError(f"{self.path}: cannot open the mention index: {exc}") from None

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._db:
            yield self._db

    # -- writes ---------------------------------------------------------------------------

    def upsert_many(self, mentions: Sequence[Mention]) -> UpsertResult:
        """Insert or replace by id in one transaction; idempotent."""
        result = UpsertResult()
        if not mentions:
            return result
        with self._tx() as db:
            seq = db.execute("SELECT COALESCE(MAX(seq), 0) FROM mentions").fetchone()[0]
            for mention in mentions:
                seq += 1
                try:
                    created = self._upsert_one(db, mention, seq)
                except (sqlite3.Error, ValueError) as exc:
                    result.errors[mention.id] = str(exc)
                    continue
                (result.created if created else result.updated).append(mention.id)
        return result

    def _upsert_one(self, db: sqlite3.Connection, mention: Mention, seq: int) -> bool:
        row = db.execute("SELECT rid FROM mentions WHERE id = ?", (mention.id,)).fetchone()
        values = (
            mention.id,
            seq,
            mention.source,
            str(mention.channel),
            _epoch(mention.published_at),
            str(mention.sentiment.label) if mention.sentiment else None,
            str(mention.category) if mention.category else None,
            mention.urgency.level.rank if mention.urgency else None,
            mention.urgency.score if mention.urgency else None,
            mention.author.name,
            mention.full_text,
            mention.model_dump_json(),
            mention.region,
        )
        if row is None:
            cur = db.execute(
                "INSERT INTO mentions (id, seq, source, channel, published, sentiment, category,"
                " urgency_rank, urgency_score, author, body, doc, region)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
            rid = cur.lastrowid
        else:
            rid = row[0]
            db.execute(
                "UPDATE mentions SET id=?, seq=?, source=?, channel=?, published=?, sentiment=?,"
                " category=?, urgency_rank=?, urgency_score=?, author=?, body=?, doc=?, region=?"
                " WHERE rid=?",
                (*values, rid),
            )
            _drop_derived(db, [rid])
        db.executemany("INSERT INTO mention_plans VALUES (?, ?)", [(rid, p) for p in mention.plans])
        db.executemany(
            "INSERT INTO mention_keywords VALUES (?, ?)", [(rid, k) for k in mention.keywords]
        )
        grams = " ".join(bigram_tokens(mention.full_text))
        db.execute("INSERT INTO mention_fts (rowid, grams) VALUES (?, ?)", (rid, grams))
        return row is None

    # -- reads ----------------------------------------------------------------------------

    def _where(self, query: SearchQuery) -> tuple[str, list[Any]]:
        """The WHERE clause, with the plan filter shaped for the time window's size."""
        return _where(query, plans_per_row=self._small_window(query))

    def _small_window(self, query: SearchQuery) -> bool:
        """True when the query's time window holds few mentions (counted up to a bound).

        A plan filter over a small window is checked per mention (an index probe each);
        over a large or unbounded one it is driven from the plan's mention list instead.
        """
        if not query.plans or query.since is None:
            return False
        bounds, params = "published >= ?", [_epoch(query.since)]
        if query.until is not None:
            bounds += " AND published < ?"
            params.append(_epoch(query.until))
        with self._lock:
            found = self._db.execute(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM mentions WHERE {bounds} LIMIT ?)",
                [*params, SMALL_WINDOW + 1],
            ).fetchone()[0]
        return int(found) <= SMALL_WINDOW

    def get(self, mention_id: str) -> Mention | None:
        """One mention by id."""
        with self._lock:
            row = self._db.execute(
                "SELECT doc FROM mentions WHERE id = ?", (mention_id,)
            ).fetchone()
        return Mention.model_validate_json(row[0]) if row else None

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these ids are already indexed."""
        found: set[str] = set()
        ids = list(ids)
        with self._lock:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(f"SELECT id FROM mentions WHERE id IN ({marks})", chunk)
                found.update(r[0] for r in rows)
        return found

    def search(self, query: SearchQuery) -> SearchResult:
        """Matching mentions, sorted and paged."""
        where, params = self._where(query)
        order = {
            SortOrder.NEWEST: "m.published DESC, m.id",
            SortOrder.OLDEST: "m.published ASC, m.id",
            SortOrder.URGENCY: "COALESCE(m.urgency_score, -1) DESC, m.published DESC, m.id",
        }[query.sort]
        with self._lock:
            total = self._db.execute(
                f"SELECT COUNT(*) FROM mentions m WHERE {where}", params
            ).fetchone()[0]
            rows = self._db.execute(
                f"SELECT m.doc FROM mentions m WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
                [*params, query.limit, query.offset],
            ).fetchall()
        return SearchResult(total=total, mentions=[Mention.model_validate_json(r[0]) for r in rows])

    def count(self, query: SearchQuery) -> int:
        """How many mentions match."""
        where, params = self._where(query)
        with self._lock:
            return int(
                self._db.execute(
                    f"SELECT COUNT(*) FROM mentions m WHERE {where}", params
                ).fetchone()[0]
            )

    def histogram(
        self,
        query: SearchQuery,
        interval: timedelta,
        split_by: SplitField | None = None,
        tz: tzinfo | None = None,
    ) -> list[HistogramBucket]:
        """Non-empty buckets of published_at, aligned to midnight in tz, optionally split."""
        step = interval.total_seconds()
        if step <= 0:
            raise ValueError("histogram interval must be positive")
        offset = _tz_offset(tz)
        where, params = self._where(query)
        group_expr, join = _group(split_by)
        sql = (
            f"SELECT CAST((m.published + ?) / ? AS INTEGER) AS b, {group_expr} AS g, COUNT(*)"
            f" FROM mentions m {join} WHERE {where} GROUP BY b, g ORDER BY b"
        )
        buckets: dict[int, HistogramBucket] = {}
        with self._lock:
            for bucket, group, count in self._db.execute(sql, [offset, step, *params]):
                start = datetime.fromtimestamp(bucket * step - offset, UTC)
                entry = buckets.setdefault(bucket, HistogramBucket(start=start))
                entry.counts[_label(split_by, group)] = count
        return [buckets[b] for b in sorted(buckets)]

    def top_terms(
        self, query: SearchQuery, field: SplitField, size: int = 10
    ) -> list[tuple[str, int]]:
        """The most frequent values of a field among matching mentions."""
        where, params = self._where(query)
        group_expr, join = _group(field)
        sql = (
            f"SELECT {group_expr} AS g, COUNT(*) AS c FROM mentions m {join}"
            f" WHERE {where} AND {group_expr} IS NOT NULL GROUP BY g ORDER BY c DESC, g LIMIT ?"
        )
        with self._lock:
            rows = self._db.execute(sql, [*params, size]).fetchall()
        return [(_label(field, g), c) for g, c in rows]

    def since(self, cursor: str | None, limit: int = 500) -> tuple[list[Mention], str | None]:
        """Mentions indexed or updated after cursor (a sequence number), oldest first."""
        after = int(cursor) if cursor else 0
        with self._lock:
            rows = self._db.execute(
                "SELECT seq, doc FROM mentions WHERE seq > ? ORDER BY seq LIMIT ?", (after, limit)
            ).fetchall()
        if not rows:
            return [], cursor
        return [Mention.model_validate_json(r[1]) for r in rows], str(rows[-1][0])

    def prune_before(self, cutoff: datetime) -> int:
        """Delete mentions published before cutoff in short transactions; returns how many."""
        removed = 0
        while True:
            with self._tx() as db:
                rids = [
                    row[0]
                    for row in db.execute(
                        "SELECT rid FROM mentions WHERE published < ? LIMIT ?",
                        (_epoch(cutoff), PRUNE_CHUNK),
                    )
                ]
                if not rids:
                    return removed
                _drop_derived(db, rids)
                marks = ",".join("?" * len(rids))
                db.execute(f"DELETE FROM mentions WHERE rid IN ({marks})", rids)
            removed += len(rids)

    def refresh(self) -> None:
        """Writes are visible on commit; nothing to do."""

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()


def _drop_derived(db: sqlite3.Connection, rids: Sequence[int]) -> None:
    """Delete the plan, keyword and full-text rows of these mentions (rewritten or pruned)."""
    marks = ",".join("?" * len(rids))
    for table in ("mention_plans", "mention_keywords"):
        db.execute(f"DELETE FROM {table} WHERE rid IN ({marks})", list(rids))
    db.execute(f"DELETE FROM mention_fts WHERE rowid IN ({marks})", list(rids))


def _tz_offset(tz: tzinfo | None) -> float:
    if tz is None:
        return 0.0
    delta = datetime.now(tz).utcoffset()
    return delta.total_seconds() if delta else 0.0


def _group(field: SplitField | None) -> tuple[str, str]:
    if field is None:
        return "''", ""
    if field == SplitField.PLAN:
        return "p.plan", "JOIN mention_plans p ON p.rid = m.rid"
    if field == SplitField.KEYWORD:
        return "k.keyword", "JOIN mention_keywords k ON k.rid = m.rid"
    return _COLUMN[field], ""


def _label(field: SplitField | None, value: Any) -> str:
    if field == SplitField.URGENCY and value is not None:
        return str(_LEVELS[int(value)])
    return "" if value is None else str(value)


def _where(query: SearchQuery, plans_per_row: bool = False) -> tuple[str, list[Any]]:
    clauses: list[str] = ["1=1"]
    params: list[Any] = []

    def within(column: str, values: Sequence[Any]) -> None:
        if values:
            clauses.append(f"{column} IN ({','.join('?' * len(values))})")
            params.extend(str(v) for v in values)

    within("m.channel", query.channels)
    within("m.source", query.sources)
    within("m.sentiment", query.sentiments)
    within("m.category", query.categories)
    within("m.region", query.regions)
    within("m.id", query.ids)
    if query.plans:
        marks = ",".join("?" * len(query.plans))
        if plans_per_row:  # same predicate, planned from the time index (see _small_window)
            clauses.append(
                "EXISTS (SELECT 1 FROM mention_plans mp"
                f" WHERE mp.plan IN ({marks}) AND mp.rid = m.rid)"
            )
        else:
            clauses.append(f"m.rid IN (SELECT rid FROM mention_plans WHERE plan IN ({marks}))")
        params.extend(query.plans)
    if query.min_urgency is not None:
        clauses.append("m.urgency_rank >= ?")
        params.append(Severity(query.min_urgency).rank)
    if query.since is not None:
        clauses.append("m.published >= ?")
        params.append(_epoch(query.since))
    if query.until is not None:
        clauses.append("m.published < ?")
        params.append(_epoch(query.until))
    _text_clauses(query.text, clauses, params)
    return " AND ".join(clauses), params


def _text_clauses(text: str | None, clauses: list[str], params: list[Any]) -> None:
    parsed = parse_text_query(text)
    for negate, terms in ((False, parsed.must), (True, parsed.must_not)):
        for term in terms:
            tokens = bigram_tokens(term)
            if not tokens:
                continue
            if is_single_cjk_char(term):
                clause = "instr(m.body, ?) > 0"
                params.append(tokens[0])
            else:
                clause = "m.rid IN (SELECT rowid FROM mention_fts WHERE mention_fts MATCH ?)"
                params.append('"' + " ".join(tokens) + '"')
            clauses.append(f"NOT ({clause})" if negate else clause)
