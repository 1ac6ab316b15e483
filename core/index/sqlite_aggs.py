"""Histograms and top terms of the embedded index, from hourly rollups where the query allows."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from core.index import sqlite_rollups as rollups
from core.index.protocol import HistogramBucket, SearchQuery, SplitField
from core.index.sqlite_filters import epoch, group_of, label, tz_offset
from core.index.sqlite_search import SQLiteSearch


class SQLiteAggregations(SQLiteSearch):
    """histogram() and top_terms() of SQLiteMentionIndex."""

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
        shape = rollups.shape_of(query, self._db)
        source = rollups.group_source(shape, split_by) if shape is not None else None
        hourly = step % rollups.HOUR == 0 and offset % rollups.HOUR == 0
        span = rollups.hour_span(query, epoch)
        if source is not None and hourly and rollups.spans_hours(span):
            rows = rollups.histogram_rows(self._db, source, span, int(step), int(offset))
            for edge in rollups.edge_queries(query, span):
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
        shape = rollups.shape_of(query, self._db)
        source = rollups.group_source(shape, field) if shape is not None else None
        span = rollups.hour_span(query, epoch)
        counts: Counter[str] = Counter()
        if source is not None and rollups.spans_hours(span):
            for group, count in rollups.total_rows(self._db, source, span):
                if group != "":
                    counts[str(group)] += count
            for edge in rollups.edge_queries(query, span):
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
