"""Oldest-first pages on monthly indices sorted newest first.

A sorted segment is read newest first, so an oldest-first page would visit every match
before reaching the oldest (about 1 s for all 1M mentions). Instead the page comes from a
time window starting at the oldest possible moment, grown ×8 (from one hour) until it holds
the page; each window is cheap because a range on the index's sort field is a contiguous
block of documents. The total is counted once, as for any search.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from core.index.engines import dsl, results
from core.index.engines.client import EngineClient
from core.index.protocol import SearchQuery, SearchResult

FIRST_WINDOW = timedelta(hours=1)
GROWTH = 8
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _bounds(client: EngineClient, pattern: str) -> tuple[datetime, datetime] | None:
    """(oldest, newest) published time in the index; None when it is empty."""
    body: dict[str, Any] = {
        "size": 0,
        "aggs": {
            "lo": {"min": {"field": "published_us"}},
            "hi": {"max": {"field": "published_us"}},
        },
    }
    aggs = client.search(pattern, body).get("aggregations", {})
    lo, hi = aggs.get("lo", {}).get("value"), aggs.get("hi", {}).get("value")
    if lo is None or hi is None:
        return None
    return _EPOCH + timedelta(microseconds=int(lo)), _EPOCH + timedelta(microseconds=int(hi))


def oldest_page(
    client: EngineClient, pattern: str, query: SearchQuery, cap: int | None
) -> SearchResult:
    """The oldest-first page of a query, and its total (exact up to cap)."""
    counted = results.parse_search(
        client.search(pattern, dsl.search_body(replace(query, limit=0, offset=0), cap))
    )
    if counted.total == 0:
        return counted
    start, end = query.since, query.until
    if start is None or end is None:
        bounds = _bounds(client, pattern)
        if bounds is None:
            return counted
        start = start or bounds[0]
        end = end or bounds[1] + timedelta(microseconds=1)
    need = query.offset + query.limit
    width = FIRST_WINDOW
    while True:
        stop = min(start + width, end)
        window = replace(query, since=start, until=stop, offset=0, limit=need)
        body = dsl.search_body(window)
        body["track_total_hits"] = False
        found = results.parse_mentions(client.search(pattern, body))
        if len(found) >= need or stop >= end:
            page = found[query.offset : need]
            return SearchResult(counted.total, page, total_exact=counted.total_exact)
        width *= GROWTH
