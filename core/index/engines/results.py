"""Engine responses → protocol results (hits, histogram buckets, top terms, bulk outcomes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from core.enums import Severity
from core.index.engines.dsl import MISSING
from core.index.engines.mapping import from_source
from core.index.protocol import HistogramBucket, SearchResult, SplitField
from core.models import Mention

_LEVELS = list(Severity)


def split_label(field: SplitField | None, key: Any) -> str:
    """The counts key for a bucket value: urgency ranks become level names, missing becomes ''."""
    if field is None or key is None or key == MISSING:
        return ""
    if field == SplitField.URGENCY:
        rank = int(key)
        return str(_LEVELS[rank]) if 0 <= rank < len(_LEVELS) else ""
    return str(key)


def hits(response: dict[str, Any]) -> list[dict[str, Any]]:
    """The hit list of a search response."""
    return list(response.get("hits", {}).get("hits", []))


def parse_search(response: dict[str, Any]) -> SearchResult:
    """A page of mentions and the total (a lower bound when the engine stopped counting)."""
    total = response.get("hits", {}).get("total", 0)
    count = total.get("value", 0) if isinstance(total, dict) else int(total)
    exact = not isinstance(total, dict) or total.get("relation", "eq") == "eq"
    return SearchResult(
        total=count,
        mentions=[from_source(h["_source"]) for h in hits(response)],
        total_exact=exact,
    )


def parse_mentions(response: dict[str, Any]) -> list[Mention]:
    """Every hit's mention, in hit order."""
    return [from_source(h["_source"]) for h in hits(response)]


def parse_histogram(response: dict[str, Any], split_by: SplitField | None) -> list[HistogramBucket]:
    """Non-empty buckets in time order, counts keyed by split value."""
    buckets: list[HistogramBucket] = []
    for raw in response.get("aggregations", {}).get("histogram", {}).get("buckets", []):
        if not raw.get("doc_count"):
            continue
        bucket = HistogramBucket(start=datetime.fromtimestamp(raw["key"] / 1000, UTC))
        if split_by is None:
            bucket.counts[""] = int(raw["doc_count"])
        else:
            for sub in raw.get("split", {}).get("buckets", []):
                label = split_label(split_by, sub["key"])
                bucket.counts[label] = bucket.counts.get(label, 0) + int(sub["doc_count"])
        if bucket.counts:
            buckets.append(bucket)
    return buckets


def parse_top_terms(response: dict[str, Any], field: SplitField) -> list[tuple[str, int]]:
    """(value, count) pairs, most frequent first."""
    raw = response.get("aggregations", {}).get("top", {}).get("buckets", [])
    return [(split_label(field, b["key"]), int(b["doc_count"])) for b in raw]


@dataclass
class BulkOutcome:
    """One bulk item after retries: its id, the index it went to, and the result or error."""

    id: str
    index: str
    ok: bool
    result: str = ""
    status: int = 0
    error: str = ""


def bulk_outcome(ok: bool, item: dict[str, Any]) -> BulkOutcome:
    """Flatten a bulk helper item ({op: {...}}) into a BulkOutcome."""
    info: dict[str, Any] = next(iter(item.values()), {})
    status = info.get("status", 0)
    return BulkOutcome(
        id=str(info.get("_id", "")),
        index=str(info.get("_index", "")),
        ok=ok,
        result=str(info.get("result", "")),
        status=status if isinstance(status, int) else 0,
        error="" if ok else describe_error(info.get("error")),
    )


def describe_error(error: Any) -> str:
    """A one-line reason from a bulk item error (type: reason, caused by …)."""
    if isinstance(error, dict):
        text = f"{error.get('type', 'error')}: {error.get('reason', '')}".strip()
        cause = error.get("caused_by")
        if isinstance(cause, dict):
            text += f"（起因 {cause.get('type', '')}: {cause.get('reason', '')}）"
        return text
    return str(error) if error else "未知错误"
