"""Index the values older documents already hold in `_source` for a field mapped after them.

The mapping is not dynamic: a document written before a field was mapped keeps the value in
`_source` only, and a search never finds it. `refill` pages through the candidates (the field's
REFILL_ADDED query) reading just that field, and writes again, unchanged, the documents that
have a value; the cluster then indexes them with the new mapping. This needs no script or
reindex module (update-by-query), so it runs on every cluster, the tests' nodes included.

A document rewritten by someone else meanwhile is skipped (`if_seq_no`): that write already
went through the new mapping.
"""

from __future__ import annotations

from typing import Any

from core.errors import MentionIndexError
from core.index.engines import dsl, results
from core.index.engines.bulk import BulkPolicy, bulk_with_retries
from core.index.engines.client import EngineClient
from core.index.engines.mapping import REFILL_ADDED

PAGE = 5_000  # candidates read per request (only the one field of each)
CONFLICT = 409


def refill(client: EngineClient, pattern: str, path: str, policy: BulkPolicy) -> int:
    """Write again every document holding a true/non-empty `path` in `_source`; how many."""
    body: dict[str, Any] = {
        "query": REFILL_ADDED[path],
        "_source": [path],
        "sort": [{"published_us": {"order": "asc"}}, {"id": {"order": "asc"}}],
        "size": PAGE,
        "track_total_hits": False,
    }
    written = 0
    while True:
        page = results.hits(client.search(pattern, body))
        holders = [h["_id"] for h in page if _value(h.get("_source", {}), path)]
        if holders:
            written += _rewrite(client, pattern, holders, policy)
        if len(page) < PAGE:
            return written
        body["search_after"] = page[-1]["sort"]


def _value(source: dict[str, Any], path: str) -> Any:
    node: Any = source
    for name in path.split("."):
        node = node.get(name) if isinstance(node, dict) else None
    return node


def _rewrite(client: EngineClient, pattern: str, ids: list[str], policy: BulkPolicy) -> int:
    """Index these documents again as they are stored, unless changed since they were read."""
    request = dsl.ids_body(ids, with_source=True) | {"seq_no_primary_term": True}
    actions = [
        {
            "_op_type": "index",
            "_index": hit["_index"],
            "_id": hit["_id"],
            "_source": hit["_source"],
            "if_seq_no": hit["_seq_no"],
            "if_primary_term": hit["_primary_term"],
        }
        for hit in results.hits(client.search(pattern, request))
    ]
    outcomes = bulk_with_retries(client, actions, policy)
    failed = [o for o in outcomes if not o.ok and o.status != CONFLICT]
    if failed:
        raise MentionIndexError(
            f"{failed[0].index}：已存储的提及未能按新字段重新写入（{failed[0].error}）；"
            "修复后重启服务即可重试"
        )
    return sum(o.ok for o in outcomes)
