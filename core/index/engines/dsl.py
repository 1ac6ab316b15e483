"""SearchQuery → Elasticsearch/OpenSearch query DSL, with the SQLite backend's semantics."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from typing import Any

from core.enums import Severity
from core.index.engines.mapping import epoch_us
from core.index.protocol import SearchQuery, SortOrder, SplitField
from core.index.textquery import bigram_tokens, is_single_cjk_char, parse_text_query, term_match

# Aggregatable field per split; urgency groups by rank so ties order low → critical like SQLite.
SPLIT_FIELDS: dict[SplitField, str] = {
    SplitField.CHANNEL: "channel",
    SplitField.SOURCE: "source",
    SplitField.SENTIMENT: "sentiment.label",
    SplitField.CATEGORY: "category",
    SplitField.URGENCY: "urgency_rank",
    SplitField.PLAN: "plans",
    SplitField.KEYWORD: "keywords",
    SplitField.AUTHOR: "author.name",
    SplitField.REGION: "region",
}
# Multi-valued fields are joined in SQLite: a mention without a value is not counted at all.
_INNER_JOIN = {SplitField.PLAN, SplitField.KEYWORD}
MISSING = "__yuqing_missing__"
SPLIT_SIZE = 10_000
# Searches count matches exactly up to here, then report "more than" (SearchResult.total_exact
# False): counting every one of 600k matches costs far more than the page itself, and it keeps
# a newest-first page on a sorted index from stopping early. count() stays exact.
TOTAL_CAP = 10_000


def text_clause(term: str, required: bool = True) -> dict[str, Any] | None:
    """One query term as a substring match; None when the term has nothing searchable
    (a lone character beside letters or digits: textquery.TermMatch)."""
    tokens = bigram_tokens(term)
    if not tokens:
        return None
    if is_single_cjk_char(term):
        return {"term": {"body.chars": tokens[0]}}
    match = term_match(term, required)
    if match is None:
        return {"match_phrase": {"body.grams": {"query": " ".join(tokens)}}}
    phrase: dict[str, Any] = {"match_phrase": {"body.grams": {"query": " ".join(match.tokens)}}}
    if match.prefix_last:
        spans: list[dict[str, Any]] = [{"span_term": {"body.grams": t}} for t in match.tokens[:-1]]
        prefix = {"prefix": {"body.grams": {"value": match.tokens[-1]}}}
        spans.append({"span_multi": {"match": prefix}})
        phrase = {"span_near": {"clauses": spans, "slop": 0, "in_order": True}}
    if match.also_char is None:
        return phrase
    return {"bool": {"filter": [phrase, {"term": {"body.chars": match.also_char}}]}}


def build_query(query: SearchQuery) -> dict[str, Any]:
    """The bool query for every filter and the text terms of a SearchQuery."""
    filters: list[dict[str, Any]] = []
    must_not: list[dict[str, Any]] = []

    def within(field: str, values: Sequence[Any]) -> None:
        if values:
            filters.append({"terms": {field: [str(v) for v in values]}})

    within("channel", query.channels)
    within("source", query.sources)
    within("sentiment.label", query.sentiments)
    within("category", query.categories)
    within("region", query.regions)
    within("id", query.ids)
    if query.id_prefix:
        filters.append({"prefix": {"id": query.id_prefix}})
    within("plans", query.plans)
    if query.brand_side is not None:  # a competitor's: of a rival plan and of no own plan
        rival = {"terms": {"plans": list(query.brand_side.rivals)}}
        own = {"terms": {"plans": list(query.brand_side.own)}}
        must_not.append({"bool": {"filter": [rival], "must_not": [own]}})
    if query.min_urgency is not None:
        filters.append({"range": {"urgency_rank": {"gte": Severity(query.min_urgency).rank}}})
    if query.complaint is not None:  # a mention without the field matches neither value
        filters.append({"term": {"complaint.flag": query.complaint}})
    if query.resolved:
        filters.append({"term": {"complaint.resolved": True}})
    elif query.resolved is not None:  # classified, not resolved (a decision stored without it too)
        filters.append({"exists": {"field": "complaint.flag"}})
        must_not.append({"term": {"complaint.resolved": True}})
    published: dict[str, int] = {}
    if query.since is not None:
        published["gte"] = epoch_us(query.since)
    if query.until is not None:
        published["lt"] = epoch_us(query.until)
    if published:
        filters.append({"range": {"published_us": published}})
    if query.collected_since is not None:  # `date` keeps milliseconds: from the one it is in
        since_ms = epoch_us(query.collected_since) // 1000
        filters.append({"range": {"collected_at": {"gte": since_ms, "format": "epoch_millis"}}})
    parsed = parse_text_query(query.text)
    if parsed.unsearchable:  # terms, but nothing in them the index holds: no match
        return {"bool": {"must_not": [{"match_all": {}}]}}
    for term in parsed.must:
        clause = text_clause(term)
        if clause is not None:
            filters.append(clause)
    for term in parsed.must_not:
        clause = text_clause(term, required=False)
        if clause is not None:
            must_not.append(clause)
    if not filters and not must_not:
        return {"match_all": {}}
    return {"bool": {"filter": filters, "must_not": must_not}}


def build_sort(order: SortOrder) -> list[dict[str, Any]]:
    """Sort clauses equal to the SQLite ORDER BY, ties broken by id."""
    newest = {"published_us": {"order": "desc"}}
    by_id = {"id": {"order": "asc"}}
    if order == SortOrder.OLDEST:
        return [{"published_us": {"order": "asc"}}, by_id]
    if order == SortOrder.URGENCY:
        return [{"urgency.score": {"order": "desc", "missing": "_last"}}, newest, by_id]
    return [newest, by_id]


def search_body(query: SearchQuery, total_cap: int | None = TOTAL_CAP) -> dict[str, Any]:
    """A search request for one sorted page, its total exact up to total_cap (None: always)."""
    return {
        "query": build_query(query),
        "sort": build_sort(query.sort),
        "from": query.offset,
        "size": query.limit,
        "track_total_hits": True if total_cap is None else total_cap,
    }


def _split_agg(field: SplitField) -> dict[str, Any]:
    terms: dict[str, Any] = {"field": SPLIT_FIELDS[field], "size": SPLIT_SIZE}
    if field not in _INNER_JOIN:
        terms["missing"] = -1 if field == SplitField.URGENCY else MISSING
    return {"terms": terms}


def tz_offset_seconds(tz: tzinfo | None) -> float:
    """The tz's current UTC offset, fixed for the whole histogram (as the SQLite backend does)."""
    if tz is None:
        return 0.0
    delta = datetime.now(tz).utcoffset()
    return delta.total_seconds() if delta else 0.0


def histogram_body(
    query: SearchQuery, interval: timedelta, split_by: SplitField | None, tz: tzinfo | None
) -> dict[str, Any]:
    """A size-0 search with a date histogram of published_at aligned to midnight in tz."""
    step_ms = round(interval.total_seconds() * 1000)
    if step_ms <= 0:
        raise ValueError("histogram interval must be positive")
    offset_ms = round(-tz_offset_seconds(tz) * 1000) % step_ms
    histogram: dict[str, Any] = {
        "date_histogram": {
            "field": "published_at",
            "fixed_interval": f"{step_ms}ms",
            "offset": f"+{offset_ms}ms",
            "min_doc_count": 1,
        }
    }
    if split_by is not None:
        histogram["aggs"] = {"split": _split_agg(split_by)}
    return {"query": build_query(query), "size": 0, "aggs": {"histogram": histogram}}


def top_terms_body(query: SearchQuery, field: SplitField, size: int) -> dict[str, Any]:
    """A size-0 search with the most frequent values of a field, ties by value ascending."""
    terms = {
        "field": SPLIT_FIELDS[field],
        "size": size,
        "shard_size": max(500, size * 20),
        "order": [{"_count": "desc"}, {"_key": "asc"}],
    }
    return {"query": build_query(query), "size": 0, "aggs": {"top": {"terms": terms}}}


def since_body(after: list[Any] | None, limit: int) -> dict[str, Any]:
    """Mentions in indexing order after a (seq, id) position."""
    body: dict[str, Any] = {
        "query": {"match_all": {}},
        "sort": [{"indexed_seq": {"order": "asc"}}, {"id": {"order": "asc"}}],
        "size": limit,
        "track_total_hits": False,
    }
    if after is not None:
        body["search_after"] = after
    return body


def ids_body(ids: Sequence[str], with_source: bool) -> dict[str, Any]:
    """Look up documents by id across every monthly index."""
    return {
        "query": {"ids": {"values": list(ids)}},
        "size": len(ids),
        "_source": with_source,
        "track_total_hits": False,
    }
