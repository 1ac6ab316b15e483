"""Walking every mention of a query, past the engines' 10,000-hit window (keyset paging), and
reading many mentions by id in a few searches."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from core.index.protocol import MentionIndex, SearchQuery, SortOrder
from core.models import Mention

PAGE = 1000
ID_CHUNK = 500  # ids per search in by_ids


def walk(index: MentionIndex, query: SearchQuery, page: int = PAGE) -> Iterator[Mention]:
    """Every mention of the query, oldest first, a page at a time (keyset on published_at:
    the next page starts at the last time seen, skipping the ids already given at it)."""
    since, skip = query.since, 0
    while True:
        found = index.search(
            replace(query, since=since, sort=SortOrder.OLDEST, limit=page, offset=skip)
        ).mentions
        yield from found
        if len(found) < page:
            return
        last = found[-1].published_at
        tied = sum(1 for m in found if m.published_at == last)
        skip = skip + tied if since == last else tied
        since = last


def by_ids(index: MentionIndex, ids: Sequence[str]) -> dict[str, Mention]:
    """The indexed copies of these ids (those stored), in a few searches instead of one get each."""
    found: dict[str, Mention] = {}
    wanted = list(dict.fromkeys(ids))
    for start in range(0, len(wanted), ID_CHUNK):
        chunk = wanted[start : start + ID_CHUNK]
        found.update(
            (m.id, m) for m in index.search(SearchQuery(ids=chunk, limit=len(chunk))).mentions
        )
    return found
