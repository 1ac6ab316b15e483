"""A wide newest-first search on the engines is answered from its newest week when that week
already holds more matches than the total cap: the same page as the whole search, the total
"more than cap"; anything the week cannot answer falls back to the whole search (real nodes)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from core.index.engines import EngineMentionIndex
from core.index.protocol import SearchQuery, SortOrder
from tests.index.conftest import drop_engine_index, engine_index
from tests.index.corpus import make_mention

pytestmark = pytest.mark.engine

NEWEST = datetime(2026, 11, 30, 12, tzinfo=UTC)
# Six refund posts in the newest week, six two months before, two old warranty posts.
RECENT = [make_mention(f"r{n}", f"申请退款第{n}天", NEWEST - timedelta(days=n)) for n in range(6)]
OLD = [make_mention(f"o{n}", f"旧的退款{n}", NEWEST - timedelta(days=60 + n)) for n in range(6)]
WARRANTY = [
    make_mention(f"w{n}", f"保修问题{n}", NEWEST - timedelta(days=90 + n)) for n in range(2)
]


@pytest.fixture
def loaded(engine_url: tuple[str, str]) -> Iterator[tuple[EngineMentionIndex, list[str]]]:
    """The index with a total cap of 3, and the windows of the searches it sends."""
    index = engine_index(*engine_url)
    sent: list[str] = []
    search = index.client.search

    def recording(pattern: str, body: dict[str, Any]) -> dict[str, Any]:
        ranges = [
            c["range"]
            for c in body.get("query", {}).get("bool", {}).get("filter", [])
            if "range" in c
        ]
        sent.append(str(ranges))
        return search(pattern, body)

    try:
        assert not index.upsert_many([*RECENT, *OLD, *WARRANTY]).errors
        index.refresh()
        index.total_cap = 3
        index.client.search = recording  # type: ignore[method-assign]
        yield index, sent
    finally:
        index.client.search = search  # type: ignore[method-assign]
        drop_engine_index(index)


def whole(index: EngineMentionIndex, query: SearchQuery) -> tuple[int, list[str]]:
    """The whole search's answer with exact totals (what the week must agree with)."""
    index.total_cap = None
    try:
        found = index.search(query)
    finally:
        index.total_cap = 3
    return found.total, [m.native_id for m in found.mentions]


def test_a_common_word_over_all_time_is_answered_from_the_newest_week(
    loaded: tuple[EngineMentionIndex, list[str]],
) -> None:
    index, sent = loaded
    query = SearchQuery(text="退款", limit=2)
    page = index.search(query)
    windows = list(sent)  # the bounds, then the week alone
    assert len(windows) == 2 and "published_us" in windows[1]
    assert [m.native_id for m in page.mentions] == whole(index, query)[1] == ["r0", "r1"]
    assert (page.total, page.total_exact, page.total_zh) == (3, False, "超过 3")
    assert index.count(query) == 12


@pytest.mark.parametrize(
    "query",
    [
        SearchQuery(text="保修", limit=2),  # no match in the week
        SearchQuery(text="退款", limit=2, offset=5),  # the page reaches past the week
        SearchQuery(text="退款", limit=2, sort=SortOrder.URGENCY),  # another order
        SearchQuery(text="退款", limit=2, since=NEWEST - timedelta(days=3)),  # a narrow search
    ],
)
def test_what_the_week_cannot_answer_is_searched_whole(
    loaded: tuple[EngineMentionIndex, list[str]], query: SearchQuery
) -> None:
    index, _ = loaded
    page = index.search(query)
    total, ids = whole(index, query)
    assert [m.native_id for m in page.mentions] == ids
    assert page.total == min(total, 3) and page.total_exact == (total <= 3)


def test_the_week_ends_where_the_search_ends(
    loaded: tuple[EngineMentionIndex, list[str]],
) -> None:
    """A search until 40 days ago has its week 40 days ago: no refund post there, whole search."""
    index, _ = loaded
    query = SearchQuery(text="退款", limit=2, until=NEWEST - timedelta(days=40))
    page = index.search(query)
    assert [m.native_id for m in page.mentions] == whole(index, query)[1] == ["o0", "o1"]
    assert (page.total, page.total_exact) == (3, False)


def test_a_search_of_the_last_days_costs_no_extra_round_trip(
    loaded: tuple[EngineMentionIndex, list[str]],
) -> None:
    """The dashboard's 24-hour feed: no bounds, no week, one search as before."""
    index, sent = loaded
    page = index.search(SearchQuery(text="退款", since=datetime.now(UTC) - timedelta(days=1)))
    assert (page.total, page.mentions, len(sent)) == (0, [], 1)
