"""Capped search totals and the sorted monthly layout, without a server."""

from __future__ import annotations

from fnmatch import fnmatch

import pytest

from core.index.engines import dsl, mapping
from core.index.engines.results import parse_search
from core.index.protocol import SearchQuery, SearchResult


def test_searches_count_up_to_the_cap_unless_told_to_count_exactly() -> None:
    assert dsl.search_body(SearchQuery(text="退款"))["track_total_hits"] == 10_000
    assert dsl.search_body(SearchQuery(), total_cap=None)["track_total_hits"] is True


@pytest.mark.parametrize(
    ("total", "exact", "label"),
    [
        ({"value": 12_345, "relation": "eq"}, True, "12,345"),
        ({"value": 10_000, "relation": "gte"}, False, "超过 1 万"),
        ({"value": 500, "relation": "gte"}, False, "超过 500"),
        (7, True, "7"),
    ],
)
def test_a_capped_total_reads_as_more_than(total: object, exact: bool, label: str) -> None:
    result = parse_search({"hits": {"total": total, "hits": []}})

    assert result.total_exact is exact
    assert result.total_zh == label


def test_embedded_results_are_exact() -> None:
    assert SearchResult(total=20_000, mentions=[]).total_zh == "20,000"


def test_new_months_are_sorted_newest_first_like_the_default_search() -> None:
    body = mapping.template_body("yq", mapping.CJK_BIGRAM, 1, 0)
    settings = body["template"]["settings"]
    order = dsl.build_sort(SearchQuery().sort)

    assert settings["sort.field"] == [next(iter(c)) for c in order]
    assert settings["sort.order"] == [c[next(iter(c))]["order"] for c in order]
    assert mapping.template_sorted(body)
    assert not mapping.template_sorted(mapping.template_body("yq", "x", 1, 0, sort=False))
    installed = {"index.sort.field": ["published_us", "id"], "index.sort.order": ["desc", "asc"]}
    assert mapping.index_sorted(installed) and not mapping.index_sorted({})


def test_a_resorted_copy_stays_outside_every_read_pattern() -> None:
    copy = mapping.resorted_name("yuqing-2026.09")

    assert copy == "yuqing-s2026.09"
    assert mapping.month_of(copy) == mapping.month_of("yuqing-2026.09") == "2026.09"
    assert mapping.month_of("yuqing") == ""
    for prefix in ("yuqing", "yuqing-s", "yuqing-s2026", "yuq"):
        assert not any(fnmatch(copy, p) for p in mapping.index_patterns(prefix)), prefix
