"""The MentionIndex protocol and its query/result types; engine details stay behind it."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

from core.enums import Category, Channel, SentimentLabel, Severity
from core.models import Mention


class SortOrder(StrEnum):
    """How search results are ordered."""

    NEWEST = "newest"
    OLDEST = "oldest"
    URGENCY = "urgency"


class SplitField(StrEnum):
    """Fields a histogram or top-terms aggregation can group by."""

    CHANNEL = "channel"
    SOURCE = "source"
    SENTIMENT = "sentiment"
    CATEGORY = "category"
    URGENCY = "urgency"
    PLAN = "plan"
    KEYWORD = "keyword"
    AUTHOR = "author"
    REGION = "region"


@dataclass(frozen=True)
class BrandSide:
    """The brand's side when competitor plans (role 竞品) are configured: every mention but a
    competitor's. A competitor's is one of a plan in `rivals` and of none in `own` (a post naming
    both brands stays the brand's); a mention of no plan at all (a reply, a mailbox complaint, a
    board post that names no brand) came from a source the brand set up and is the brand's."""

    own: tuple[str, ...]
    rivals: tuple[str, ...]

    def admits(self, plans: Collection[str]) -> bool:
        """Whether a mention of these plans is the brand's: of no rival plan, or of an own one
        too. The one predicate alert rules, reports, events and the index filters answer."""
        return not set(plans) & set(self.rivals) or bool(set(plans) & set(self.own))


@dataclass(frozen=True)
class SearchQuery:
    """Full-text query (Chinese substrings; space = AND, leading '-' = NOT) plus filters.

    `since`/`until` bound `published_at` (since inclusive, until exclusive);
    `collected_since` bounds `collected_at` (when we fetched it: a late-crawled old post is
    collected after a moment it was published before).
    """

    text: str | None = None
    plans: Sequence[str] = ()
    brand_side: BrandSide | None = None  # leaves a competitor's mentions out
    channels: Sequence[Channel] = ()
    sources: Sequence[str] = ()
    sentiments: Sequence[SentimentLabel] = ()
    categories: Sequence[Category] = ()
    regions: Sequence[str] = ()  # short names (广东); mentions without a region never match
    min_urgency: Severity | None = None
    # True = flagged complaints, False = flagged non-complaints; unclassified never match either.
    complaint: bool | None = None
    # True = praise after a recovery (complaint.resolved, 补救后好评); False = classified
    # mentions that are not; unclassified never match either.
    resolved: bool | None = None
    since: datetime | None = None
    until: datetime | None = None
    collected_since: datetime | None = None  # inclusive
    ids: Sequence[str] = ()
    id_prefix: str = ""  # only ids that start with it (a shortened id a person typed)
    sort: SortOrder = SortOrder.NEWEST
    limit: int = 50
    offset: int = 0


# What a report or a page counts: these plans' mentions (none: every mention), or the brand's
# side beside competitors.
PlanScope = Sequence[str] | BrandSide


def scoped(scope: PlanScope, **fields: Any) -> SearchQuery:
    """A query of the scope's mentions with these other fields."""
    if isinstance(scope, BrandSide):
        return SearchQuery(brand_side=scope, **fields)
    return SearchQuery(plans=list(scope), **fields)


def admits(scope: PlanScope, plans: Collection[str]) -> bool:
    """Whether a mention of these plans is counted by the scope."""
    if isinstance(scope, BrandSide):
        return scope.admits(plans)
    return not scope or bool(set(scope) & set(plans))


@dataclass
class SearchResult:
    """One page of mentions and the total number that matched.

    Engines stop counting at a cap (10,000): `total_exact` is then False and `total` the
    cap. Use `count()` where an exact number matters (headlines, reports, alert rules).
    """

    total: int
    mentions: list[Mention]
    total_exact: bool = True

    @property
    def total_zh(self) -> str:
        """The total for display: "12,345", or "超过 1 万" when counting stopped at 10,000."""
        if self.total_exact:
            return f"{self.total:,}"
        if self.total % 10_000 == 0:
            return f"超过 {self.total // 10_000} 万"
        return f"超过 {self.total:,}"


@dataclass
class HistogramBucket:
    """Counts in one time bucket; `counts` is keyed by the split value ('' when unsplit)."""

    start: datetime
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Sum over all split values."""
        return sum(self.counts.values())


@dataclass
class UpsertResult:
    """What an upsert did: new ids, updated ids, and per-document errors (id → reason)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


@runtime_checkable
class MentionIndex(Protocol):
    """Search and aggregation store for mentions; every backend has the same semantics."""

    backend: str

    def upsert_many(
        self, mentions: Sequence[Mention], located: Mapping[str, str] | None = None
    ) -> UpsertResult:
        """Insert or replace by id; idempotent.

        `located`: what `locate` answered for these ids just before (the pipeline's lookup), so
        the write needn't look them up again; None looks them up.
        """
        ...

    def get(self, mention_id: str) -> Mention | None:
        """One mention by id."""
        ...

    def locate(self, ids: Sequence[str]) -> dict[str, str]:
        """The already-indexed ids among these → where each is stored (its monthly index on the
        engines, the backend's name on SQLite)."""
        ...

    def search(self, query: SearchQuery) -> SearchResult:
        """Matching mentions, sorted and paged."""
        ...

    def count(self, query: SearchQuery) -> int:
        """How many mentions match."""
        ...

    def histogram(
        self,
        query: SearchQuery,
        interval: timedelta,
        split_by: SplitField | None = None,
        tz: tzinfo | None = None,
    ) -> list[HistogramBucket]:
        """Counts per time bucket of published_at (buckets aligned in tz), optionally split."""
        ...

    def top_terms(
        self, query: SearchQuery, field: SplitField, size: int = 10
    ) -> list[tuple[str, int]]:
        """The most frequent values of a field among matching mentions."""
        ...

    def trend(
        self,
        since: datetime,
        until: datetime | None = None,
        interval: timedelta = timedelta(hours=1),
        split_by: SplitField | None = None,
        plans: Sequence[str] = (),
        tz: tzinfo | None = None,
    ) -> list[HistogramBucket]:
        """Mentions per time bucket of a window, optionally split (from rollups where kept)."""
        ...

    def breakdown(
        self,
        field: SplitField,
        since: datetime,
        until: datetime | None = None,
        plans: Sequence[str] = (),
        size: int = 50,
    ) -> list[tuple[str, int]]:
        """Mentions per value of a field over a window (from rollups where kept)."""
        ...

    def top_keywords(
        self,
        since: datetime,
        until: datetime | None = None,
        size: int = 20,
        plans: Sequence[str] = (),
    ) -> list[tuple[str, int]]:
        """The hot words of a window, most frequent first (from rollups where kept)."""
        ...

    def since(self, cursor: str | None, limit: int = 500) -> tuple[list[Mention], str | None]:
        """Mentions indexed or updated after cursor, in indexing order, and the next cursor."""
        ...

    def prune_before(self, cutoff: datetime) -> int:
        """Delete mentions published before cutoff (retention); returns how many went."""
        ...

    def refresh(self) -> None:
        """Make recent writes visible to searches (a no-op where writes are immediate)."""
        ...

    def merge_segments(self, pages: int) -> bool:
        """Merge storage segments a step, writing about `pages` pages at most; False when
        there was nothing (more) to merge (the engines merge inside their nodes: always False)."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...
