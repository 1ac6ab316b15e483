"""Index layout shared by Elasticsearch and OpenSearch: analyzers, template, monthly names, docs.

Mentions live in one index per month of `published_at` (UTC), e.g. `yuqing-mentions-2026.05`,
so retention drops whole months. A composable index template gives every monthly index the
same mapping and the read alias `<prefix>`; readers search `<prefix>-1*,<prefix>-2*`. The
patterns start with the year's digit so that prefixes such as `yuqing` and `yuqing-staging`
never read (or template) each other's indices.

Full-text search must behave like the SQLite backend: every term is a substring. The field
`body.grams` mirrors `textquery.bigram_tokens` on the server (CJK runs become overlapping
bigrams, latin words stay whole), so a `match_phrase` per term gives SQLite's results;
`body.chars` holds single characters for one-character terms. `body` itself uses the best
Chinese analyzer the cluster has (smartcn or ik when installed) for relevance and highlighting.
"""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime
from typing import Any

from core.index.textquery import fold_full_width
from core.models import Mention

# Keep in step with core/index/textquery.py: everything outside these ranges separates tokens.
_KEEP = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9A-Za-z\u00c0-\u024f"

SMARTCN = "smartcn"
IK = "ik_max_word"
CJK_BIGRAM = "yuqing_cjk"

# Cluster plugin name → analyzer it provides, best first.
PLUGIN_ANALYZERS: list[tuple[str, str]] = [("analysis-ik", IK), ("analysis-smartcn", SMARTCN)]

INTERNAL_FIELDS = ("body", "urgency_rank", "published_us", "indexed_seq", "indexed_at")
# Fields added after monthly indices may already exist. The mapping is not dynamic, so an
# older index ignores them until they are put into its mapping (see missing_fields); a dotted
# name is a sub-field added to an object that was mapped before.
ADDED_FIELDS = ("region", "complaint", "group_id", "complaint.resolved")
# Added fields whose values older documents already carry in _source (as FILL_ADDED does on
# SQLite) → the query that narrows the documents to look at (engines/refill.py).
REFILL_ADDED: dict[str, dict[str, Any]] = {
    # Praise after a recovery is never flagged a complaint.
    "complaint.resolved": {"bool": {"must_not": [{"term": {"complaint.flag": True}}]}},
}
# Index sorting: segments keep the newest mention first, in the order of the default search
# sort, so a newest-first page stops after its first hits instead of sorting every match.
# It can only be set when an index is created: older months are rewritten by
# `yuqing index migrate --from E --to E` (see engines/resort.py).
INDEX_SORT = {"sort.field": ["published_us", "id"], "sort.order": ["desc", "asc"]}
_MONTH = re.compile(r"(\d{4}\.\d{2})$")


def choose_analyzer(plugins: set[str]) -> str:
    """The Chinese analyzer for `body`: ik or smartcn when installed, else CJK bigrams."""
    for plugin, analyzer in PLUGIN_ANALYZERS:
        if plugin in plugins:
            return analyzer
    return CJK_BIGRAM


def analysis_settings() -> dict[str, Any]:
    """Analyzers `yuqing_grams` (SQLite-equivalent bigrams), `yuqing_chars` and `yuqing_cjk`."""
    keep_only = {"type": "pattern_replace", "pattern": f"[^{_KEEP}]+", "replacement": " "}
    return {
        "char_filter": {"yuqing_keep": keep_only},
        "analyzer": {
            "yuqing_grams": {
                "type": "custom",
                "char_filter": ["yuqing_keep"],
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding", "cjk_bigram"],
            },
            "yuqing_chars": {
                "type": "custom",
                "char_filter": ["yuqing_keep"],
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding"],
            },
            CJK_BIGRAM: {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["cjk_width", "lowercase", "cjk_bigram"],
            },
        },
    }


def _keyword() -> dict[str, Any]:
    return {"type": "keyword"}


def mappings(analyzer: str) -> dict[str, Any]:
    """Field mappings; unknown fields stay in _source but are not indexed."""
    stored_only = {"type": "text", "index": False}
    return {
        "dynamic": False,
        "properties": {
            "id": _keyword(),
            "source": _keyword(),
            "channel": _keyword(),
            "url": {"type": "keyword", "index": False, "doc_values": False},
            "native_id": _keyword(),
            "author": {
                "properties": {
                    "id": _keyword(),
                    "name": _keyword(),
                    "followers": {"type": "long"},
                    "verified": {"type": "boolean"},
                }
            },
            "region": _keyword(),
            "title": stored_only,
            "text": stored_only,
            "published_at": {"type": "date"},
            "collected_at": {"type": "date"},
            "metrics": {
                "properties": {
                    k: {"type": "long"} for k in ("reposts", "comments", "likes", "views")
                }
            },
            "reply_to": _keyword(),
            "repost_of": _keyword(),
            # Similarity group (core.pipeline.dedup): engines aggregate copies on it.
            "group_id": _keyword(),
            "plans": _keyword(),
            "keywords": _keyword(),
            "sentiment": {"properties": {"label": _keyword(), "score": {"type": "float"}}},
            "category": _keyword(),
            "complaint": {
                "properties": {
                    "flag": {"type": "boolean"},
                    "probability": {"type": "float"},
                    "resolved": {"type": "boolean"},  # 补救后好评
                }
            },
            "urgency": {
                "properties": {
                    "level": _keyword(),
                    "score": {"type": "float"},
                    "reasons": {"type": "object", "enabled": False},
                }
            },
            "urgency_rank": {"type": "byte"},
            "published_us": {"type": "long"},
            "indexed_seq": {"type": "long"},
            "indexed_at": {"type": "date"},
            "body": {
                "type": "text",
                "analyzer": analyzer,
                # Both only filter (never score): no norms; chars only needs term presence.
                "fields": {
                    "grams": {"type": "text", "analyzer": "yuqing_grams", "norms": False},
                    "chars": {
                        "type": "text",
                        "analyzer": "yuqing_chars",
                        "norms": False,
                        "index_options": "docs",
                    },
                },
            },
        },
    }


def template_body(
    prefix: str, analyzer: str, shards: int, replicas: int, sort: bool = True
) -> dict[str, Any]:
    """The composable index template for the monthly indices, with the analyzer in _meta.

    `sort=False` gives the layout before index sorting (kept for benchmarks and upgrades).
    """
    settings: dict[str, Any] = {
        "number_of_shards": shards,
        "number_of_replicas": replicas,
        # Set explicitly: shards never go search-idle, so writes become searchable
        # within a second even on an index nobody searched for a while.
        "refresh_interval": "1s",
        "analysis": analysis_settings(),
    }
    if sort:
        settings.update(INDEX_SORT)
    return {
        "index_patterns": index_patterns(prefix),
        "priority": 200,
        "template": {
            "settings": settings,
            "mappings": mappings(analyzer),
            "aliases": {prefix: {}},
        },
        "_meta": {"managed_by": "yuqing", "analyzer": analyzer},
    }


def template_sorted(template: dict[str, Any]) -> bool:
    """Whether an installed template gives new months index sorting."""
    settings = template.get("template", {}).get("settings", {})
    settings = settings.get("index", settings)
    return "sort.field" in settings or "field" in settings.get("sort", {})


def index_sorted(flat_settings: dict[str, Any]) -> bool:
    """Whether an index (its flat settings) is sorted the way INDEX_SORT says."""
    return flat_settings.get("index.sort.field") == INDEX_SORT["sort.field"]


def month_of(index_name: str) -> str:
    """The YYYY.MM a monthly index (or its re-sorted copy) holds; '' for other names."""
    found = _MONTH.search(index_name)
    return found.group(1) if found else ""


def resorted_name(month_alias: str) -> str:
    """Where a month is rewritten with index sorting: `<prefix>-s<YYYY.MM>`.

    The month's own name becomes an alias of it. The '-s' keeps the name outside every
    read pattern (`<p>-1*`, `<p>-2*`), so a half-copied month is never read twice.
    """
    prefix, _, month = month_alias.rpartition("-")
    return f"{prefix}-s{month}"


def missing_fields(template: dict[str, Any], analyzer: str) -> dict[str, Any]:
    """Mappings of the ADDED_FIELDS an installed template lacks (empty when it is current),
    as properties for a put-mapping: a missing sub-field comes inside its object."""
    installed = template.get("template", {}).get("mappings", {}).get("properties", {})
    current = mappings(analyzer)["properties"]
    added: dict[str, Any] = {}
    for path in ADDED_FIELDS:
        if not mapped(installed, path) and not mapped(added, path):
            _merge(added, _branch(current, path.split(".")))
    return added


def mapped(properties: dict[str, Any], path: str) -> bool:
    """Whether a (dotted) field is in these mapping properties."""
    node: dict[str, Any] = {"properties": properties}
    for name in path.split("."):
        found = node.get("properties", {}).get(name)
        if not isinstance(found, dict):
            return False
        node = found
    return True


def refilled(added: dict[str, Any]) -> list[str]:
    """The REFILL_ADDED fields among these newly mapped ones."""
    return [path for path in REFILL_ADDED if mapped(added, path)]


def _branch(properties: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """The mapping of one field with only the objects on its path around it."""
    field = properties[names[0]]
    if len(names) == 1:
        return {names[0]: field}
    return {names[0]: {"properties": _branch(field["properties"], names[1:])}}


def _merge(into: dict[str, Any], more: dict[str, Any]) -> None:
    for name, value in more.items():
        if isinstance(into.get(name), dict) and "properties" in value:
            into[name].setdefault("properties", {})
            _merge(into[name]["properties"], value["properties"])
        else:
            into[name] = copy.deepcopy(value)


def month_index(prefix: str, published_at: datetime) -> str:
    """The monthly index a mention belongs to (UTC month of published_at, stable per mention)."""
    moment = published_at.astimezone(UTC) if published_at.tzinfo else published_at
    return f"{prefix}-{moment:%Y.%m}"


def index_patterns(prefix: str) -> list[str]:
    """Patterns of the monthly indices (years 1000–2999), never those of a longer prefix."""
    return [f"{prefix}-1*", f"{prefix}-2*"]


def read_pattern(prefix: str) -> str:
    """The index expression every read goes to."""
    return ",".join(index_patterns(prefix))


def epoch_us(moment: datetime) -> int:
    """Microseconds since the epoch (naive = UTC), exact where `date` keeps milliseconds."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    delta = aware - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def to_document(mention: Mention, seq: int, now: datetime) -> dict[str, Any]:
    """The engine document: the mention's JSON plus the fields search and cursors need."""
    doc = mention.model_dump(mode="json")
    # Full-width letters and digits as ASCII (the analyzers drop them): "APP" finds "ＡＰＰ闪退".
    doc["body"] = fold_full_width(mention.full_text)
    doc["urgency_rank"] = mention.urgency.level.rank if mention.urgency else None
    doc["published_us"] = epoch_us(mention.published_at)
    doc["indexed_seq"] = seq
    doc["indexed_at"] = now.isoformat()
    return doc


def from_source(source: dict[str, Any]) -> Mention:
    """Rebuild the Mention from a hit's _source."""
    return Mention.model_validate({k: v for k, v in source.items() if k not in INTERNAL_FIELDS})
