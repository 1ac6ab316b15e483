"""The shared query builder, mapping helpers and cursors, without a server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.enums import Channel, Severity
from core.index.engines import dsl, mapping
from core.index.engines.errors import EngineRequestError
from core.index.engines.index import decode_cursor, encode_cursor
from core.index.engines.results import describe_error, parse_histogram, split_label
from core.index.protocol import SearchQuery, SortOrder, SplitField
from tests.index.corpus import CORPUS


@pytest.mark.parametrize(
    ("term", "clause"),
    [
        ("退款", {"match_phrase": {"body.grams": {"query": "退款"}}}),
        ("申请退款", {"match_phrase": {"body.grams": {"query": "申请 请退 退款"}}}),
        ("退", {"term": {"body.chars": "退"}}),
        ("退！", {"term": {"body.chars": "退"}}),
        ("iPhone15", {"match_phrase": {"body.grams": {"query": "iphone15"}}}),
        ("!!!", None),
    ],
)
def test_text_terms_become_bigram_phrases(term: str, clause: dict[str, object] | None) -> None:
    assert dsl.text_clause(term) == clause


def test_filters_and_exclusions_form_one_bool_query() -> None:
    query = SearchQuery(
        text="退款 -12315 !!!",
        channels=[Channel.WEIBO],
        plans=["brand_a"],
        min_urgency=Severity.HIGH,
        since=datetime(2026, 5, 1, tzinfo=UTC),
        until=datetime(2026, 5, 2, 0, 0, 0, 500, tzinfo=UTC),
    )
    built = dsl.build_query(query)["bool"]

    assert {"terms": {"channel": ["weibo"]}} in built["filter"]
    assert {"terms": {"plans": ["brand_a"]}} in built["filter"]
    assert {"range": {"urgency_rank": {"gte": 2}}} in built["filter"]
    assert {"range": {"published_us": {"gte": 1777593600000000, "lt": 1777680000000500}}} in (
        built["filter"]
    )
    assert built["must_not"] == [{"match_phrase": {"body.grams": {"query": "12315"}}}]


@pytest.mark.parametrize("text", ["!!!", "😡", "！！！ -，", "-😡"])
def test_a_text_with_nothing_searchable_matches_nothing(text: str) -> None:
    query = SearchQuery(text=text, channels=[Channel.WEIBO])
    assert dsl.build_query(query) == {"bool": {"must_not": [{"match_all": {}}]}}


def test_full_width_terms_match_as_ascii() -> None:
    assert dsl.build_query(SearchQuery(text="ＸＷＦ")) == dsl.build_query(SearchQuery(text="xwf"))


def test_no_criteria_match_everything() -> None:
    assert dsl.build_query(SearchQuery(text="  ")) == {"match_all": {}}


def test_urgency_sort_puts_unscored_last_then_newest() -> None:
    assert dsl.build_sort(SortOrder.URGENCY) == [
        {"urgency.score": {"order": "desc", "missing": "_last"}},
        {"published_us": {"order": "desc"}},
        {"id": {"order": "asc"}},
    ]


def test_histogram_offset_aligns_buckets_to_local_midnight() -> None:
    shanghai = dsl.histogram_body(SearchQuery(), timedelta(days=1), None, ZoneInfo("Asia/Shanghai"))
    hourly = dsl.histogram_body(SearchQuery(), timedelta(hours=6), SplitField.URGENCY, None)

    assert shanghai["aggs"]["histogram"]["date_histogram"]["offset"] == "+57600000ms"
    assert hourly["aggs"]["histogram"]["date_histogram"]["fixed_interval"] == "21600000ms"
    assert hourly["aggs"]["histogram"]["aggs"]["split"]["terms"]["missing"] == -1
    with pytest.raises(ValueError, match="positive"):
        dsl.histogram_body(SearchQuery(), timedelta(0), None, None)


def test_histogram_parsing_names_urgency_levels_and_missing_values() -> None:
    response = {
        "aggregations": {
            "histogram": {
                "buckets": [
                    {"key": 0, "doc_count": 0},
                    {
                        "key": 86_400_000,
                        "doc_count": 3,
                        "split": {
                            "buckets": [{"key": 3, "doc_count": 2}, {"key": -1, "doc_count": 1}]
                        },
                    },
                ]
            }
        }
    }
    [bucket] = parse_histogram(response, SplitField.URGENCY)

    assert bucket.start == datetime(1970, 1, 2, tzinfo=UTC)
    assert bucket.counts == {"critical": 2, "": 1}
    assert split_label(SplitField.CHANNEL, dsl.MISSING) == ""


def test_monthly_index_follows_the_utc_month() -> None:
    shanghai_first = datetime(2026, 6, 1, 3, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert mapping.month_index("m", shanghai_first) == "m-2026.05"
    assert mapping.month_index("m", datetime(2026, 6, 1)) == "m-2026.06"


def test_template_records_the_analyzer_and_keeps_substring_fields() -> None:
    body = mapping.template_body("m", mapping.SMARTCN, shards=2, replicas=0)
    props = body["template"]["mappings"]["properties"]

    assert body["index_patterns"] == ["m-1*", "m-2*"] and body["_meta"]["analyzer"] == "smartcn"
    assert body["template"]["aliases"] == {"m": {}}
    assert props["body"]["analyzer"] == "smartcn"
    assert props["body"]["fields"]["grams"]["analyzer"] == "yuqing_grams"
    assert props["plans"] == {"type": "keyword"}


def test_analyzer_choice_prefers_word_segmenters() -> None:
    assert mapping.choose_analyzer({"analysis-icu"}) == mapping.CJK_BIGRAM
    assert mapping.choose_analyzer({"analysis-smartcn"}) == mapping.SMARTCN
    assert mapping.choose_analyzer({"analysis-smartcn", "analysis-ik"}) == mapping.IK


def test_documents_round_trip_to_mentions() -> None:
    mention = CORPUS["courier"]
    doc = mapping.to_document(mention, seq=7, now=datetime(2026, 7, 1, tzinfo=UTC))

    assert doc["body"] == "投诉:物流\n快递丢件了,物流太差"  # full-width forms folded for search
    assert doc["indexed_seq"] == 7 and doc["urgency_rank"] is None
    assert mapping.from_source(doc) == mention


def test_cursors_round_trip_and_reject_garbage() -> None:
    assert decode_cursor(encode_cursor([123, "abc"])) == [123, "abc"]
    assert decode_cursor(None) is None
    with pytest.raises(EngineRequestError, match="not an index cursor"):
        decode_cursor("yesterday")


def test_bulk_errors_read_as_one_line() -> None:
    error = {
        "type": "mapper_parsing_exception",
        "reason": "failed to parse field [metrics.likes]",
        "caused_by": {"type": "illegal_argument_exception", "reason": "For input string: many"},
    }
    assert describe_error(error) == (
        "mapper_parsing_exception: failed to parse field [metrics.likes]"
        "（起因 illegal_argument_exception: For input string: many）"
    )


@pytest.mark.parametrize("flag", [True, False])
def test_complaint_filters_on_the_flag(flag: bool) -> None:
    body = dsl.build_query(SearchQuery(complaint=flag))
    assert body == {"bool": {"filter": [{"term": {"complaint.flag": flag}}], "must_not": []}}
    assert "complaint" in mapping.ADDED_FIELDS
    assert mapping.mappings("yuqing_cjk")["properties"]["complaint"]["properties"] == {
        "flag": {"type": "boolean"},
        "probability": {"type": "float"},
        "resolved": {"type": "boolean"},
    }


def test_resolved_filters_on_the_sub_field() -> None:
    assert dsl.build_query(SearchQuery(resolved=True)) == {
        "bool": {"filter": [{"term": {"complaint.resolved": True}}], "must_not": []}
    }
    assert dsl.build_query(SearchQuery(resolved=False)) == {
        "bool": {
            "filter": [{"exists": {"field": "complaint.flag"}}],
            "must_not": [{"term": {"complaint.resolved": True}}],
        }
    }
    assert "complaint.resolved" in mapping.ADDED_FIELDS
