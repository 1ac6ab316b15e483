"""Trend, breakdown and hot-word queries over a time window, shared by every backend.

They are histograms and top terms restricted to a window (and at most one plan): the SQLite
backend answers them from its hourly rollups, the engines from aggregations.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from core.index.protocol import HistogramBucket, SearchQuery, SplitField


class RollupQueries:
    """Mixin for a MentionIndex: window queries expressed through histogram and top_terms."""

    def histogram(
        self,
        query: SearchQuery,
        interval: timedelta,
        split_by: SplitField | None = None,
        tz: tzinfo | None = None,
    ) -> list[HistogramBucket]:
        """Provided by the backend."""
        raise NotImplementedError

    def top_terms(
        self, query: SearchQuery, field: SplitField, size: int = 10
    ) -> list[tuple[str, int]]:
        """Provided by the backend."""
        raise NotImplementedError

    def trend(
        self,
        since: datetime,
        until: datetime | None = None,
        interval: timedelta = timedelta(hours=1),
        split_by: SplitField | None = None,
        plans: Sequence[str] = (),
        tz: tzinfo | None = None,
    ) -> list[HistogramBucket]:
        """Mentions per time bucket of a window, optionally split (sentiment, channel, …)."""
        query = SearchQuery(since=since, until=until, plans=plans)
        return self.histogram(query, interval, split_by, tz)

    def breakdown(
        self,
        field: SplitField,
        since: datetime,
        until: datetime | None = None,
        plans: Sequence[str] = (),
        size: int = 50,
    ) -> list[tuple[str, int]]:
        """Mentions per value of a field (sentiment, category, region, …) over a window."""
        return self.top_terms(SearchQuery(since=since, until=until, plans=plans), field, size)

    def top_keywords(
        self,
        since: datetime,
        until: datetime | None = None,
        size: int = 20,
        plans: Sequence[str] = (),
    ) -> list[tuple[str, int]]:
        """The hot words of a window, most frequent first."""
        query = SearchQuery(since=since, until=until, plans=plans)
        return self.top_terms(query, SplitField.KEYWORD, size)
