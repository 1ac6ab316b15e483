"""The mention index: search and aggregations behind one protocol, several engines."""

from core.index.factory import open_index
from core.index.protocol import (
    HistogramBucket,
    MentionIndex,
    SearchQuery,
    SearchResult,
    SortOrder,
    UpsertResult,
)

__all__ = [
    "HistogramBucket",
    "MentionIndex",
    "SearchQuery",
    "SearchResult",
    "SortOrder",
    "UpsertResult",
    "open_index",
]
