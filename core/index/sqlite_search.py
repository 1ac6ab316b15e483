"""Searching the embedded index: filters, text matches driven by FTS tables, counts and pages."""

from __future__ import annotations

import math
import sqlite3
import threading
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from core.index import sqlite_rollups as rollups
from core.index.protocol import SearchQuery, SearchResult, SortOrder
from core.index.sqlite_filters import epoch, filters, unfiltered
from core.index.sqlite_schema import RID_SHIFT, TIME_LAYOUT, time_rid_base
from core.index.sqlite_text import RowidRange, TextPlan, as_clauses, plan_text, rowid_bounds
from core.models import Mention

SMALL_WINDOW = 50_000  # mentions in a time window below which plan filters are probed per row
_ORDER = {
    SortOrder.NEWEST: "m.published DESC, m.id",
    SortOrder.OLDEST: "m.published ASC, m.id",
    SortOrder.URGENCY: "COALESCE(m.urgency_score, -1) DESC, m.published DESC, m.id",
}


class SQLiteSearch:
    """search() and count() of SQLiteMentionIndex (which sets the connection and layout)."""

    _db: sqlite3.Connection
    _lock: threading.RLock
    layout: str

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
        bounds = self._bounds(query)
        sql, params = filters(query, plans_per_row=per_row, rid_bounds=bounds)
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
        shape = rollups.shape_of(query, self._db)
        if shape is not None:
            span = rollups.hour_span(query, epoch)
            if span[0] is None or span[1] is None or span[0] < span[1]:
                edges = sum(self._count(edge) for edge in rollups.edge_queries(query, span))
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
        sql, params = filters(query, plans_per_row=True, rid_bounds=self._bounds(query))
        narrow, extra = rowid_bounds("f.rowid", self._bounds(query))
        clauses = " AND ".join([sql, *plan.on("m.rid")])
        hint = (
            " INDEXED BY mentions_rid_filters"
            if covering and not query.ids and not query.id_prefix
            else ""
        )
        return (
            f"FROM {plan.driver} f CROSS JOIN mentions m{hint} ON m.rid = f.rowid"
            f" WHERE f.{plan.driver} MATCH ?{narrow} AND {clauses}",
            [plan.match, *extra, *params, *plan.params],
        )

    def _driven_count(self, query: SearchQuery, plan: TextPlan) -> int:
        """Count text matches: one token from the FTS vocabulary, a window from the FTS rowids."""
        assert plan.driver is not None
        if plan.lone_token is not None and unfiltered(query):
            found = self._db.execute(
                f"SELECT doc FROM {plan.driver}_vocab WHERE term = ?", (plan.lone_token,)
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


def _at(second: int) -> datetime:
    return datetime.fromtimestamp(second, UTC)
