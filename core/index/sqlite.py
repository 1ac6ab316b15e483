"""Embedded mention index: SQLite in WAL mode with FTS5 tables of CJK bigrams and characters.

One writer process (the service) and any number of reader processes (dashboards, CLI)
can share the file; each process opens its own connection. Hourly rollups (sqlite_rollups)
answer trends, breakdowns and hot words; full-text matching is planned in sqlite_text.
"""

from __future__ import annotations

import math
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from core.errors import MentionIndexError
from core.index import sqlite_rollups as rollups
from core.index.protocol import (
    HistogramBucket,
    SearchQuery,
    SearchResult,
    SortOrder,
    SplitField,
    UpsertResult,
)
from core.index.rollup_api import RollupQueries
from core.index.sqlite_filters import (
    drop_derived,
    epoch,
    filters,
    group_of,
    label,
    tz_offset,
    unfiltered,
)
from core.index.sqlite_schema import RID_SHIFT, TIME_LAYOUT, prepare, time_rid_base
from core.index.sqlite_text import RowidRange, TextPlan, as_clauses, plan_text, rowid_bounds
from core.index.textquery import bigram_tokens, cjk_chars
from core.models import Mention

PRUNE_CHUNK = 2_000  # mentions deleted per transaction: writers wait at most one chunk
SMALL_WINDOW = 50_000  # mentions in a time window below which plan filters are probed per row
_ORDER = {
    SortOrder.NEWEST: "m.published DESC, m.id",
    SortOrder.OLDEST: "m.published ASC, m.id",
    SortOrder.URGENCY: "COALESCE(m.urgency_score, -1) DESC, m.published DESC, m.id",
}


class SQLiteMentionIndex(RollupQueries):
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
            self._db.execute("PRAGMA cache_size=-65536")
            self.layout = prepare(self._db, _backfill)
        except sqlite3.DatabaseError as exc:
            raise MentionIndexError(f"{self.path}: cannot open the mention index: {exc}") from None

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._db:
            yield self._db

    # -- writes ---------------------------------------------------------------------------

    def upsert_many(self, mentions: Sequence[Mention]) -> UpsertResult:
        """Insert or replace by id in one transaction, rollups included; idempotent."""
        result = UpsertResult()
        if not mentions:
            return result
        with self._tx() as db:
            seq = db.execute("SELECT COALESCE(MAX(seq), 0) FROM mentions").fetchone()[0]
            stored = self._stored_rids(db, [m.id for m in mentions])
            added: list[rollups.Facts] = []
            for mention in mentions:
                seq += 1
                try:
                    rid, facts = self._upsert_one(db, mention, seq, stored.get(mention.id))
                except (sqlite3.Error, ValueError) as exc:
                    result.errors[mention.id] = str(exc)
                    continue
                added.append(facts)
                created = mention.id not in stored
                (result.created if created else result.updated).append(mention.id)
                stored[mention.id] = rid
            rollups.apply(db, added, 1)
        return result

    @staticmethod
    def _stored_rids(db: sqlite3.Connection, ids: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(db.execute(f"SELECT id, rid FROM mentions WHERE id IN ({marks})", chunk))
        return found

    def _upsert_one(
        self, db: sqlite3.Connection, mention: Mention, seq: int, old: int | None
    ) -> tuple[int, rollups.Facts]:
        """Write one mention (replacing its stored row `old`): its row id and rollup facts."""
        published = epoch(mention.published_at)
        values = (
            mention.id,
            seq,
            mention.source,
            str(mention.channel),
            published,
            str(mention.sentiment.label) if mention.sentiment else None,
            str(mention.category) if mention.category else None,
            mention.urgency.level.rank if mention.urgency else None,
            mention.urgency.score if mention.urgency else None,
            mention.author.name,
            mention.full_text,
            mention.model_dump_json(),
            mention.region,
        )
        if old is not None:  # rewritten: its row id follows its (possibly new) time
            rollups.apply(db, rollups.stored_facts(db, [old]), -1)
            drop_derived(db, [old])
            db.execute("DELETE FROM mentions WHERE rid = ?", (old,))
        rid = self._new_rid(db, published)
        cur = db.execute(
            "INSERT INTO mentions (rid, id, seq, source, channel, published, sentiment, category,"
            " urgency_rank, urgency_score, author, body, doc, region)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rid, *values),
        )
        rid = int(cur.lastrowid or 0)
        db.executemany("INSERT INTO mention_plans VALUES (?, ?)", [(rid, p) for p in mention.plans])
        db.executemany(
            "INSERT INTO mention_keywords VALUES (?, ?)", [(rid, k) for k in mention.keywords]
        )
        text = mention.full_text
        grams, chars = bigram_tokens(text), cjk_chars(text)
        db.execute("INSERT INTO mention_fts (rowid, grams) VALUES (?, ?)", (rid, " ".join(grams)))
        db.execute("INSERT INTO mention_chars (rowid, chars) VALUES (?, ?)", (rid, chars))
        terms = rollups.text_terms(grams, chars)
        return rid, rollups.facts_of(mention, published, terms)

    def _new_rid(self, db: sqlite3.Connection, published: float) -> int | None:
        """The next free row id of the publication second (time layout); None = SQLite's."""
        if self.layout != TIME_LAYOUT:
            return None
        base = time_rid_base(published)
        top = db.execute(
            "SELECT MAX(rid) FROM mentions WHERE rid >= ? AND rid < ?",
            (base, base + (1 << RID_SHIFT)),
        ).fetchone()[0]
        rid = base if top is None else int(top) + 1
        if rid >= base + (1 << RID_SHIFT):
            raise ValueError("more than 1,048,576 mentions published in one second")
        return rid

    # -- reads ----------------------------------------------------------------------------

    def _bounds(self, query: SearchQuery) -> RowidRange:
        """The row-id range of the query window (time layout only; a superset of it)."""
        if self.layout != TIME_LAYOUT:
            return (None, None)
        low = time_rid_base(epoch(query.since)) if query.since is not None else None
        high = (
            time_rid_base(epoch(query.until)) + (1 << RID_SHIFT)
            if query.until is not None
            else None
        )
        return (low, high)

    def _where(self, query: SearchQuery, per_row: bool | None = None) -> tuple[str, list[Any]]:
        """Every condition of a query (text as rowid subqueries) on `mentions m`."""
        per_row = self._small_window(query) if per_row is None else per_row
        sql, params = filters(query, plans_per_row=per_row)
        bounds = self._bounds(query)
        plan = plan_text(query.text, bounds)
        if plan is not None:
            clauses, extra = as_clauses(plan, bounds)
            narrow, more = rowid_bounds("m.rid", bounds)
            sql = " AND ".join([sql, *clauses]) + narrow
            params = [*params, *extra, *more]
        return sql, params

    def _small_window(self, query: SearchQuery) -> bool:
        """True when the query's time window holds few mentions (counted up to a bound).

        A plan filter over a small window is checked per mention (an index probe each);
        over a large or unbounded one it is driven from the plan's mention list instead.
        """
        if not query.plans or query.since is None:
            return False
        bounds, params = "published >= ?", [epoch(query.since)]
        if query.until is not None:
            bounds += " AND published < ?"
            params.append(epoch(query.until))
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
        """Matching mentions, sorted and paged; the total is counted once."""
        with self._lock:
            total = self._count(query)
            docs = self._page(query) if total else []
        return SearchResult(total=total, mentions=[Mention.model_validate_json(d) for d in docs])

    def count(self, query: SearchQuery) -> int:
        """How many mentions match."""
        with self._lock:
            return self._count(query)

    def _count(self, query: SearchQuery) -> int:
        shape = rollups.shape_of(query)
        if shape is not None:
            span = rollups.hour_span(query, epoch)
            if span[0] is None or span[1] is None or span[0] < span[1]:
                edges = sum(self._count(edge) for edge in _edges(query, span))
                return rollups.count_rows(self._db, shape, span) + edges
        plan = plan_text(query.text, self._bounds(query))
        if plan is not None and plan.driver is not None:
            return self._driven_count(query, plan)
        where, params = self._where(query)
        sql = f"SELECT COUNT(*) FROM mentions m WHERE {where}"
        return int(self._db.execute(sql, params).fetchone()[0])

    def _driven(
        self, query: SearchQuery, plan: TextPlan, covering: bool = False
    ) -> tuple[str, list[Any]]:
        """FROM/WHERE with the FTS table as the outer loop, narrowed to the window's rowids.

        `covering` reads the filter columns from an index instead of the wide rows (counts).
        """
        assert plan.driver is not None
        sql, params = filters(query, plans_per_row=True)
        narrow, extra = rowid_bounds("f.rowid", self._bounds(query))
        clauses = " AND ".join([sql, *plan.on("m.rid")])
        hint = " INDEXED BY mentions_rid_filters" if covering and not query.ids else ""
        return (
            f"FROM {plan.driver} f CROSS JOIN mentions m{hint} ON m.rid = f.rowid"
            f" WHERE f.{plan.driver} MATCH ?{narrow} AND {clauses}",
            [plan.match, *extra, *params, *plan.params],
        )

    def _driven_count(self, query: SearchQuery, plan: TextPlan) -> int:
        """Count text matches: one token from term_docs, a window from the FTS rowids alone."""
        assert plan.driver is not None
        if plan.lone_token is not None and unfiltered(query):
            found = self._db.execute(
                "SELECT n FROM term_docs WHERE term = ?", (plan.lone_token,)
            ).fetchone()
            return int(found[0]) if found else 0
        window = replace(query, since=None, until=None)
        if self.layout != TIME_LAYOUT or not unfiltered(window):
            return self._joined_count(query, plan)
        first = math.ceil(epoch(query.since)) if query.since is not None else None
        last = math.floor(epoch(query.until)) if query.until is not None else None
        if first is not None and last is not None and first >= last:
            return self._joined_count(query, plan)
        bounds = (
            None if first is None else first << RID_SHIFT,
            None if last is None else last << RID_SHIFT,
        )
        narrow, extra = rowid_bounds("rowid", bounds)
        others = "".join(f" AND {c}" for c in plan.on("rowid"))
        sql = f"SELECT COUNT(*) FROM {plan.driver} WHERE {plan.driver} MATCH ?{narrow}{others}"
        total = int(self._db.execute(sql, [plan.match, *extra, *plan.params]).fetchone()[0])
        if first is not None and query.since is not None and epoch(query.since) < first:
            total += self._joined_count(replace(query, until=_at(first)), plan)
        if last is not None and query.until is not None and last < epoch(query.until):
            total += self._joined_count(replace(query, since=_at(last)), plan)
        return total

    def _joined_count(self, query: SearchQuery, plan: TextPlan) -> int:
        body, params = self._driven(query, plan, covering=True)
        return int(self._db.execute(f"SELECT COUNT(*) {body}", params).fetchone()[0])

    def _page(self, query: SearchQuery) -> list[str]:
        """The page's documents, in the query's order."""
        plan = plan_text(query.text, self._bounds(query))
        by_time = query.sort in (SortOrder.NEWEST, SortOrder.OLDEST)
        if plan is not None and plan.driver is not None and by_time and self.layout == TIME_LAYOUT:
            return self._driven_page(query, plan)
        where, params = self._where(query, per_row=True if by_time else None)
        sql = f"SELECT m.doc FROM mentions m WHERE {where} ORDER BY {_ORDER[query.sort]}"
        rows = self._db.execute(f"{sql} LIMIT ? OFFSET ?", [*params, query.limit, query.offset])
        return [r[0] for r in rows]

    def _driven_page(self, query: SearchQuery, plan: TextPlan) -> list[str]:
        """Walk the FTS matches in row-id (= publication second) order, stop at the page end.

        Row ids order mentions by second only; the whole last second is read so the page is
        exactly the one ORDER BY published, id would give.
        """
        body, params = self._driven(query, plan)
        direction = "DESC" if query.sort == SortOrder.NEWEST else "ASC"
        wanted = query.offset + query.limit
        sql = f"SELECT m.rid, m.published, m.id {body}"
        rows = self._db.execute(
            f"{sql} ORDER BY f.rowid {direction} LIMIT ?", [*params, wanted]
        ).fetchall()
        if not rows or query.limit <= 0:
            return []
        second = rows[-1][0] >> RID_SHIFT
        edge = replace(
            query,
            since=datetime.fromtimestamp(second, UTC),
            until=datetime.fromtimestamp(second + 1, UTC),
        )
        edge_body, edge_params = self._driven(edge, plan)
        rows.extend(self._db.execute(f"SELECT m.rid, m.published, m.id {edge_body}", edge_params))
        unique = {r[0]: r for r in rows}.values()
        newest = query.sort == SortOrder.NEWEST
        ordered = sorted(unique, key=lambda r: (-r[1] if newest else r[1], r[2]))
        rids = [r[0] for r in ordered[query.offset : wanted]]
        if not rids:
            return []
        marks = ",".join("?" * len(rids))
        docs = dict(self._db.execute(f"SELECT rid, doc FROM mentions WHERE rid IN ({marks})", rids))
        return [docs[r] for r in rids]

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
        offset = tz_offset(tz)
        counts: dict[int, Counter[str]] = {}
        with self._lock:
            for bucket, group, count in self._histogram_rows(query, step, offset, split_by):
                counts.setdefault(int(bucket), Counter())[label(split_by, group)] += count
        out = []
        for bucket in sorted(counts):
            start = datetime.fromtimestamp(bucket * step - offset, UTC)
            kept = {k: v for k, v in counts[bucket].items() if v}
            if kept:
                out.append(HistogramBucket(start=start, counts=kept))
        return out

    def _histogram_rows(
        self, query: SearchQuery, step: float, offset: float, split_by: SplitField | None
    ) -> list[tuple[Any, Any, int]]:
        shape = rollups.shape_of(query)
        source = rollups.group_source(shape, split_by) if shape is not None else None
        hourly = step % rollups.HOUR == 0 and offset % rollups.HOUR == 0
        span = rollups.hour_span(query, epoch)
        if source is not None and hourly and _spans(span):
            rows = rollups.histogram_rows(self._db, source, span, int(step), int(offset))
            for edge in _edges(query, span):
                rows.extend(self._histogram_rows(edge, step, offset, split_by))
            return rows
        where, params = self._where(query)
        group_expr, join = group_of(split_by)
        sql = (
            f"SELECT CAST((m.published + ?) / ? AS INTEGER) AS b, {group_expr} AS g, COUNT(*)"
            f" FROM mentions m {join} WHERE {where} GROUP BY b, g"
        )
        return list(self._db.execute(sql, [offset, step, *params]))

    def top_terms(
        self, query: SearchQuery, field: SplitField, size: int = 10
    ) -> list[tuple[str, int]]:
        """The most frequent values of a field among matching mentions."""
        if size <= 0:
            return []
        with self._lock:
            counts = self._term_counts(query, field, size)
        ranked = sorted(((g, c) for g, c in counts.items() if c > 0), key=lambda t: (-t[1], t[0]))
        return [(label(field, g), c) for g, c in ranked[:size]]

    def _term_counts(self, query: SearchQuery, field: SplitField, size: int | None) -> Counter[str]:
        """Raw value (as text) → count; `size` limits only a query answered wholly here."""
        shape = rollups.shape_of(query)
        source = rollups.group_source(shape, field) if shape is not None else None
        span = rollups.hour_span(query, epoch)
        counts: Counter[str] = Counter()
        if source is not None and _spans(span):
            for group, count in rollups.total_rows(self._db, source, span):
                if group != "":
                    counts[str(group)] += count
            for edge in _edges(query, span):
                counts.update(self._term_counts(edge, field, None))
            return counts
        where, params = self._where(query)
        group_expr, join = group_of(field)
        sql = (
            f"SELECT {group_expr} AS g, COUNT(*) AS c FROM mentions m {join}"
            f" WHERE {where} AND {group_expr} IS NOT NULL GROUP BY g ORDER BY c DESC, g"
        )
        if size is not None:
            sql, params = sql + " LIMIT ?", [*params, size]
        for group, count in self._db.execute(sql, params):
            counts[str(group)] += count
        return counts

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
                        (epoch(cutoff), PRUNE_CHUNK),
                    )
                ]
                if not rids:
                    return removed
                rollups.apply(db, rollups.stored_facts(db, rids), -1)
                drop_derived(db, rids)
                marks = ",".join("?" * len(rids))
                db.execute(f"DELETE FROM mentions WHERE rid IN ({marks})", rids)
            removed += len(rids)

    def refresh(self) -> None:
        """Writes are visible on commit; nothing to do."""

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()


def _at(second: int) -> datetime:
    return datetime.fromtimestamp(second, UTC)


def _spans(span: tuple[int | None, int | None]) -> bool:
    """True when a window holds at least one whole hour (or is open on a side)."""
    return span[0] is None or span[1] is None or span[0] < span[1]


def _edges(query: SearchQuery, span: tuple[int | None, int | None]) -> list[SearchQuery]:
    """The partial hours before and after the whole hours of a window."""
    out = []
    first, last = span
    if first is not None and query.since is not None:
        start = datetime.fromtimestamp(first * rollups.HOUR, UTC)
        if query.since < start:
            out.append(replace(query, until=start))
    if last is not None and query.until is not None:
        end = datetime.fromtimestamp(last * rollups.HOUR, UTC)
        if end < query.until:
            out.append(replace(query, since=end))
    return out


def _backfill(db: sqlite3.Connection) -> None:
    """Upgrade an older file: single characters and rollups for every stored mention."""
    db.execute("DELETE FROM mention_chars")
    last = -(2**63)
    while True:
        rows = db.execute(
            "SELECT rid, body FROM mentions WHERE rid > ? ORDER BY rid LIMIT 5000", (last,)
        ).fetchall()
        if not rows:
            break
        db.executemany(
            "INSERT INTO mention_chars (rowid, chars) VALUES (?, ?)",
            [(rid, cjk_chars(body)) for rid, body in rows],
        )
        last = rows[-1][0]
    rollups.backfill(db)
