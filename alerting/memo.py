"""A per-tick read cache in front of the mention index: rules sharing a window share a read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta, tzinfo
from typing import Any

from core.index.protocol import (
    HistogramBucket,
    MentionIndex,
    SearchQuery,
    SearchResult,
    SplitField,
    UpsertResult,
)
from core.index.rollup_api import RollupQueries
from core.models import Mention


class BaselineBudget:
    """How much from-scratch baseline work one tick may do, in rough index-query units.

    A cold start (no cached baselines) would otherwise compute every rule's baseline in the
    first tick; with a budget the work is spread over the next few ticks, and a rule whose
    baseline is not computed yet stays "warming up" (no finding) until its turn. Refreshes
    of baselines that exist are not budgeted (their refresh slots are already staggered).
    Work shared between rules within a tick (same key) is paid once.
    """

    def __init__(self, units: int | None) -> None:
        self.total = units
        self.left = units
        self._granted: set[Any] = set()

    def take(self, units: int, key: Any = None) -> bool:
        """Spend units if they fit (always when nothing was spent yet this tick)."""
        if self.left is None or (key is not None and key in self._granted):
            return True
        if units > self.left and self.left != self.total:
            return False
        self.left = max(0, self.left - units)
        if key is not None:
            self._granted.add(key)
        return True


class TickIndex(RollupQueries):
    """MentionIndex wrapper memoizing reads for one evaluation tick (rules only read)."""

    def __init__(self, index: MentionIndex) -> None:
        self.inner = index
        self.backend = index.backend
        self._memo: dict[tuple[Any, ...], Any] = {}

    def _cached(self, key: tuple[Any, ...], compute: Any) -> Any:
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def remember(self, key: tuple[Any, ...], compute: Any) -> Any:
        """Memoize a derived read (e.g. a keyword-filtered window) for the rest of the tick."""
        return self._cached(("derived", *key), compute)

    def search(self, query: SearchQuery) -> SearchResult:
        """Memoized search."""
        return self._cached(("search", repr(query)), lambda: self.inner.search(query))  # type: ignore[no-any-return]

    def count(self, query: SearchQuery) -> int:
        """Memoized count."""
        return self._cached(("count", repr(query)), lambda: self.inner.count(query))  # type: ignore[no-any-return]

    def histogram(
        self,
        query: SearchQuery,
        interval: timedelta,
        split_by: SplitField | None = None,
        tz: tzinfo | None = None,
    ) -> list[HistogramBucket]:
        """Memoized histogram."""
        key = ("histogram", repr(query), interval, split_by, repr(tz))
        return self._cached(key, lambda: self.inner.histogram(query, interval, split_by, tz))  # type: ignore[no-any-return]

    def top_terms(
        self, query: SearchQuery, field: SplitField, size: int = 10
    ) -> list[tuple[str, int]]:
        """Memoized top terms."""
        key = ("top_terms", repr(query), field, size)
        return self._cached(key, lambda: self.inner.top_terms(query, field, size))  # type: ignore[no-any-return]

    def get(self, mention_id: str) -> Mention | None:
        """Passed through."""
        return self.inner.get(mention_id)

    def locate(self, ids: Sequence[str]) -> dict[str, str]:
        """Passed through."""
        return self.inner.locate(ids)

    def since(self, cursor: str | None, limit: int = 500) -> tuple[list[Mention], str | None]:
        """Passed through."""
        return self.inner.since(cursor, limit)

    def upsert_many(
        self, mentions: Sequence[Mention], located: Mapping[str, str] | None = None
    ) -> UpsertResult:
        """Writes go through and drop the memo."""
        self._memo.clear()
        return self.inner.upsert_many(mentions, located)

    def prune_before(self, cutoff: datetime) -> int:
        """Deletes go through and drop the memo."""
        self._memo.clear()
        return self.inner.prune_before(cutoff)

    def refresh(self) -> None:
        """Passed through."""
        self.inner.refresh()

    def merge_segments(self, pages: int) -> bool:
        """Passed through (answers do not change, so the memo stays)."""
        return self.inner.merge_segments(pages)

    def close(self) -> None:
        """The wrapper owns nothing."""
