"""Every backend gives the same answers as the SQLite reference on the same corpus."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.enums import Category, Channel, SentimentLabel, Severity
from core.index.protocol import MentionIndex, SearchQuery, SortOrder, SplitField
from tests.index.corpus import CORPUS, ids, names

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _utc(month: int, day: int, hour: int = 0) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def _found(index: MentionIndex, **query: object) -> set[str]:
    return {m.id for m in index.search(SearchQuery(limit=100, **query)).mentions}  # type: ignore[arg-type]


def test_upsert_is_idempotent_by_id(index: MentionIndex) -> None:
    first = index.upsert_many(list(CORPUS.values()))
    again = index.upsert_many([CORPUS["refund"], CORPUS["lone"]])
    index.refresh()

    assert set(first.created) == ids(*CORPUS) and not first.updated and not first.errors
    assert set(again.updated) == ids("refund", "lone") and not again.created
    assert index.count(SearchQuery()) == len(CORPUS)


def test_the_writer_reads_its_own_writes_without_refresh(index: MentionIndex) -> None:
    index.upsert_many([CORPUS["refund"], CORPUS["lone"]])

    assert set(index.locate([CORPUS["refund"].id])) == {CORPUS["refund"].id}
    assert index.get(CORPUS["lone"].id) == CORPUS["lone"]
    assert names(index.since(None)[0]) == ["refund", "lone"]


def test_get_and_locate_round_trip(loaded: MentionIndex) -> None:
    assert loaded.get(CORPUS["courier"].id) == CORPUS["courier"]
    assert loaded.get("no-such-id") is None
    assert set(loaded.locate([CORPUS["refund"].id, "missing"])) == {CORPUS["refund"].id}
    assert loaded.locate([]) == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("退款", {"refund", "regulator"}),
        ("退", {"refund", "regulator", "lone"}),
        ("款一直", {"refund"}),
        ("退款一直", {"refund"}),
        ("退款 12315", {"regulator"}),
        ("退款 -12315", {"refund"}),
        ("-退款", {"screen", "launch", "battery", "courier", "lone"}),
        ("太差", {"screen", "courier"}),
        ("差 -物流", {"screen"}),
        ("质量 -差", set()),
        ("投诉", {"regulator", "courier"}),
        ('"退款流程"', {"regulator"}),
        ("12315", {"regulator"}),
        ("IPHONE15", {"battery"}),
        ("iPhone", set()),
        ("ＩＰＨＯＮＥ１５", {"battery"}),  # full-width letters and digits search as ASCII
        ("退款 !!!", {"refund", "regulator"}),  # punctuation beside a term is left out
        ("!!!", set()),  # nothing searchable: nothing matches, not everything
        ("😡", set()),
        ("-😡", set()),
        ("", set(CORPUS)),
    ],
)
def test_full_text_is_substring_search(loaded: MentionIndex, text: str, expected: set[str]) -> None:
    assert _found(loaded, text=text) == ids(*expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"channels": [Channel.FORUM]}, {"screen", "lone"}),
        ({"sources": ["heimao"]}, {"regulator"}),
        ({"sentiments": [SentimentLabel.NEGATIVE]}, {"refund", "screen", "regulator"}),
        ({"categories": [Category.PRODUCT_QUALITY]}, {"screen", "battery"}),
        ({"min_urgency": Severity.HIGH}, {"refund", "regulator"}),
        ({"plans": ["brand_b"]}, {"regulator", "launch", "battery"}),
        (
            {
                "since": _utc(5, 1, 15) + timedelta(minutes=30),
                "until": _utc(5, 2, 16) + timedelta(minutes=30),
            },
            {"screen", "regulator"},
        ),
        (  # a plan filter inside a small time window (SQLite probes it per row)
            {
                "plans": ["brand_b"],
                "since": _utc(5, 1, 15) + timedelta(minutes=30),
                "until": _utc(5, 2, 16) + timedelta(minutes=30),
            },
            {"regulator"},
        ),
        (
            {
                "plans": ["brand_a", "brand_b"],
                "since": _utc(5, 1, 15) + timedelta(minutes=30),
                "until": _utc(5, 2, 16) + timedelta(minutes=30),
            },
            {"screen", "regulator"},
        ),
        ({"ids": [CORPUS["refund"].id, CORPUS["courier"].id]}, {"refund", "courier"}),
        ({"text": "退款", "plans": ["brand_b"]}, {"regulator"}),
        ({"channels": [Channel.WEIBO, Channel.EMAIL], "text": "-iphone15"}, {"refund", "courier"}),
        ({"regions": ["广东"]}, {"refund", "regulator"}),
        ({"regions": ["北京", "海外"]}, {"screen", "battery"}),
        ({"regions": ["广东"], "channels": [Channel.COMPLAINT_PLATFORM]}, {"regulator"}),
        ({"regions": ["西藏"]}, set()),  # mentions without a region never match a region
    ],
)
def test_every_filter(loaded: MentionIndex, query: dict[str, object], expected: set[str]) -> None:
    assert _found(loaded, **query) == ids(*expected)
    assert loaded.count(SearchQuery(**query)) == len(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (
            SortOrder.NEWEST,
            ["lone", "courier", "battery", "launch", "regulator", "screen", "refund"],
        ),
        (
            SortOrder.OLDEST,
            ["refund", "screen", "regulator", "launch", "battery", "courier", "lone"],
        ),
        (
            SortOrder.URGENCY,
            ["regulator", "refund", "screen", "launch", "lone", "courier", "battery"],
        ),
    ],
)
def test_sort_orders(loaded: MentionIndex, sort: SortOrder, expected: list[str]) -> None:
    assert names(loaded.search(SearchQuery(sort=sort)).mentions) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (SearchQuery(sort=SortOrder.OLDEST, limit=2, offset=3), ["launch", "battery"]),
        (SearchQuery(sort=SortOrder.OLDEST, limit=1, offset=6), ["lone"]),
        (
            SearchQuery(sort=SortOrder.OLDEST, since=datetime(2026, 5, 2, tzinfo=UTC), limit=2),
            ["regulator", "launch"],
        ),
        (SearchQuery(text="退", sort=SortOrder.OLDEST, limit=5), ["refund", "regulator", "lone"]),
    ],
)
def test_oldest_first_pages_across_weeks(
    loaded: MentionIndex, query: SearchQuery, expected: list[str]
) -> None:
    """Engines page oldest-first through growing time windows; the page and total agree."""
    page = loaded.search(query)
    assert names(page.mentions) == expected
    assert page.total == loaded.count(query)


def test_paging_keeps_the_total(loaded: MentionIndex) -> None:
    page = loaded.search(SearchQuery(limit=2, offset=2))
    assert page.total == len(CORPUS)
    assert names(page.mentions) == ["battery", "launch"]


def _buckets(index: MentionIndex, **kwargs: object) -> list[tuple[datetime, dict[str, int]]]:
    query = kwargs.pop("query", SearchQuery())
    found = index.histogram(query, **kwargs)  # type: ignore[arg-type]
    return [(b.start, b.counts) for b in found]


def test_histogram_days_in_local_time(loaded: MentionIndex) -> None:
    assert _buckets(loaded, interval=timedelta(days=1), tz=SHANGHAI) == [
        (_utc(4, 30, 16), {"": 2}),
        (_utc(5, 1, 16), {"": 1}),
        (_utc(5, 2, 16), {"": 1}),
        (_utc(6, 9, 16), {"": 1}),
        (_utc(6, 10, 16), {"": 1}),
        (_utc(6, 11, 16), {"": 1}),
    ]
    assert _buckets(loaded, interval=timedelta(days=1)) == [
        (_utc(5, 1), {"": 2}),
        (_utc(5, 2), {"": 2}),
        (_utc(6, 10), {"": 1}),
        (_utc(6, 11), {"": 1}),
        (_utc(6, 12), {"": 1}),
    ]


def test_histogram_hours_aligned_to_local_midnight(loaded: MentionIndex) -> None:
    query = SearchQuery(text="退款")
    assert _buckets(loaded, query=query, interval=timedelta(hours=6), tz=SHANGHAI) == [
        (_utc(4, 30, 22), {"": 1}),
        (_utc(5, 1, 22), {"": 1}),
    ]


def test_histogram_split_by_urgency_names_levels(loaded: MentionIndex) -> None:
    found = _buckets(loaded, interval=timedelta(days=1), split_by=SplitField.URGENCY, tz=SHANGHAI)
    assert found == [
        (_utc(4, 30, 16), {"high": 1, "medium": 1}),
        (_utc(5, 1, 16), {"critical": 1}),
        (_utc(5, 2, 16), {"low": 1}),
        (_utc(6, 9, 16), {"": 1}),
        (_utc(6, 10, 16), {"": 1}),
        (_utc(6, 11, 16), {"": 1}),
    ]


def test_histogram_split_by_plan_skips_mentions_without_plans(loaded: MentionIndex) -> None:
    assert _buckets(loaded, interval=timedelta(days=1), split_by=SplitField.PLAN) == [
        (_utc(5, 1), {"brand_a": 2}),
        (_utc(5, 2), {"brand_a": 1, "brand_b": 2}),
        (_utc(6, 10), {"brand_b": 1}),
        (_utc(6, 12), {"brand_a": 1}),
    ]


def test_histogram_split_by_author_keys_missing_as_empty(loaded: MentionIndex) -> None:
    assert _buckets(loaded, interval=timedelta(days=1), split_by=SplitField.AUTHOR) == [
        (_utc(5, 1), {"小王": 1, "小李": 1}),
        (_utc(5, 2), {"小王": 1, "新闻社": 1}),
        (_utc(6, 10), {"": 1}),
        (_utc(6, 11), {"小李": 1}),
        (_utc(6, 12), {"": 1}),
    ]


def test_histogram_split_by_region_keys_missing_as_empty(loaded: MentionIndex) -> None:
    assert _buckets(loaded, interval=timedelta(days=1), split_by=SplitField.REGION) == [
        (_utc(5, 1), {"广东": 1, "北京": 1}),
        (_utc(5, 2), {"广东": 1, "": 1}),
        (_utc(6, 10), {"海外": 1}),
        (_utc(6, 11), {"": 1}),
        (_utc(6, 12), {"": 1}),
    ]


@pytest.mark.parametrize(
    ("field", "size", "query", "expected"),
    [
        (SplitField.PLAN, 10, SearchQuery(), [("brand_a", 4), ("brand_b", 3)]),
        (SplitField.KEYWORD, 10, SearchQuery(), [("退款", 2), ("12315", 1), ("质量", 1)]),
        (
            SplitField.URGENCY,
            10,
            SearchQuery(),
            [("low", 1), ("medium", 1), ("high", 1), ("critical", 1)],
        ),
        (SplitField.CHANNEL, 2, SearchQuery(), [("forum", 2), ("weibo", 2)]),
        (SplitField.AUTHOR, 10, SearchQuery(), [("小李", 2), ("小王", 2), ("新闻社", 1)]),
        (SplitField.SENTIMENT, 10, SearchQuery(text="退款"), [("negative", 2)]),
        (SplitField.REGION, 10, SearchQuery(), [("广东", 2), ("北京", 1), ("海外", 1)]),
        (
            SplitField.CATEGORY,
            1,
            SearchQuery(channels=[Channel.WEIBO]),
            [("after_sales_refund", 1)],
        ),
    ],
)
def test_top_terms(
    loaded: MentionIndex,
    field: SplitField,
    size: int,
    query: SearchQuery,
    expected: list[tuple[str, int]],
) -> None:
    assert loaded.top_terms(query, field, size) == expected


def test_since_pages_in_indexing_order_and_sees_updates(index: MentionIndex) -> None:
    order = ["refund", "screen", "regulator", "launch", "battery", "courier", "lone"]
    index.upsert_many([CORPUS[n] for n in order[:3]])
    index.upsert_many([CORPUS[n] for n in order[3:]])
    index.refresh()

    seen: list[str] = []
    cursor: str | None = None
    for _ in range(4):
        page, cursor = index.since(cursor, limit=3)
        seen += names(page)
    assert seen == order
    assert index.since(cursor) == ([], cursor)

    index.upsert_many([CORPUS["screen"]])
    index.refresh()
    page, after = index.since(cursor)
    assert names(page) == ["screen"] and after != cursor


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"complaint": True}, {"refund", "screen", "regulator", "courier"}),
        ({"complaint": False}, {"launch"}),  # battery and lone are undecided: neither
        ({"complaint": True, "text": "退款"}, {"refund", "regulator"}),
        ({"complaint": True, "plans": ["brand_b"]}, {"regulator"}),
        ({"complaint": False, "plans": ["brand_b"], "since": _utc(5, 1), "until": _utc(6, 1)},
         {"launch"}),
        ({"complaint": True, "since": _utc(5, 1, 1), "until": _utc(6, 11, 1)},
         {"refund", "screen", "regulator", "courier"}),
    ],
)  # fmt: skip
def test_complaint_filter(
    loaded: MentionIndex, query: dict[str, object], expected: set[str]
) -> None:
    assert _found(loaded, **query) == ids(*expected)
    assert loaded.count(SearchQuery(**query)) == len(expected)  # type: ignore[arg-type]
    days = loaded.histogram(SearchQuery(**query), timedelta(days=1))  # type: ignore[arg-type]
    assert sum(b.total for b in days) == len(expected)


def test_complaint_filter_in_top_terms(loaded: MentionIndex) -> None:
    assert loaded.top_terms(SearchQuery(complaint=True), SplitField.CHANNEL) == [
        ("complaint_platform", 1),
        ("email", 1),
        ("forum", 1),
        ("weibo", 1),
    ]
    assert loaded.get(CORPUS["launch"].id) == CORPUS["launch"]  # the decision round-trips


def test_full_width_letters_and_digits_in_stored_text_search_as_ascii(
    index: MentionIndex,
) -> None:
    from tests.index.corpus import make_mention

    when = _utc(11, 20, 8)
    stored = {
        "wide": make_mention("wide", "鲜味坊ＡＰＰ闪退，退款５００元还没到", when),
        "narrow": make_mention("narrow", "鲜味坊APP又闪退了", when),
    }
    index.upsert_many(list(stored.values()))
    index.refresh()

    def found(text: str) -> set[str]:
        return {m.native_id for m in index.search(SearchQuery(text=text, limit=10)).mentions}

    assert found("APP") == {"wide", "narrow"}
    assert found("ａｐｐ") == {"wide", "narrow"}
    assert found("500") == {"wide"}
    assert found("APP闪退") == {"wide"}  # one phrase across the folded letters
    assert found("-APP") == set()


def test_a_lone_chinese_character_beside_letters_is_found_inside_longer_runs(
    index: MentionIndex,
) -> None:
    from tests.index.corpus import make_mention

    when = _utc(11, 20, 8)
    texts = {
        "shop": "上周去4S店做了首保，服务还行",
        "lamp": "仪表盘上EPC灯就亮了",
        "alone": "4S店",
        "apart": "4S的店员态度差",  # 4S and 店 apart: not the substring 4S店
        "buy": "我想买iPhone了",
        "later": "iPhone新品出了",
    }
    index.upsert_many([make_mention(k, v, when) for k, v in texts.items()])
    index.refresh()

    def found(text: str) -> set[str]:
        return {m.native_id for m in index.search(SearchQuery(text=text, limit=10)).mentions}

    assert found("4S店") == {"shop", "alone"}
    assert found("EPC灯") == {"lamp"}
    assert found("4S店 首保") == {"shop"}
    assert found("-4S店") == set(texts) - {"shop", "alone"}
    assert found("买iPhone") == {"buy"}
    assert index.count(SearchQuery(text="4S店")) == 2
