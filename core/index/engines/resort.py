"""Rewrite monthly indices made before index sorting into the current layout, in place.

Index sorting is fixed when an index is created, so a month made by an older template is
copied (search_after pages of `_source` bulk-written by this process: no reindex module
needed, progress per page) into `<prefix>-s<YYYY.MM>`, which the template's settings sort newest
first; then, in one atomic alias change, the old index is deleted and the month's name
becomes an alias of the copy. Readers (`<prefix>-1*,<prefix>-2*`, which match the alias
but never the copy's own name) see the old month until the switch and the copy after it —
never both, never neither. Writes into a month are refused while it is copied (a write
block: the bulk items fail with 403 and are reported, not lost silently); other months take
writes throughout. An interrupted run leaves the old month in place and starts over.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.index.engines import mapping, results
from core.index.engines.bulk import bulk_with_retries
from core.index.engines.errors import EngineRequestError
from core.index.engines.index import EngineMentionIndex

PAGE = 1000


class ResortError(EngineRequestError):
    """A month could not be rewritten; the old index stays in place and writable."""


@dataclass
class ResortReport:
    """What a re-sort did: months rewritten (old name → new index) and documents copied."""

    months: dict[str, str] = field(default_factory=dict)
    copied: int = 0


def unsorted_months(index: EngineMentionIndex) -> dict[str, int]:
    """Monthly indices without index sorting → their document count, oldest first."""
    settings = index.client.index_settings(index.pattern)
    sizes = index.monthly_indices()
    return {
        name: sizes.get(name, (0, 0))[0]
        for name in sorted(settings, key=mapping.month_of)
        if not mapping.index_sorted(settings[name])
    }


def resort_all(
    index: EngineMentionIndex,
    progress: Callable[[int], None] = lambda n: None,
) -> ResortReport:
    """Rewrite every unsorted month (the template is brought up to date first)."""
    index.index_sort = True
    index.ensure_template()
    report = ResortReport()
    for name in unsorted_months(index):
        target, copied = resort_month(index, name, progress)
        report.months[name] = target
        report.copied += copied
    return report


def _creation_body(index: EngineMentionIndex, name: str) -> dict[str, Any]:
    """Settings, mappings and read alias of the copy: the template's, with the old shards."""
    old = index.client.index_settings(name).get(name, {})
    shards = int(old.get("index.number_of_shards", index.shards))
    replicas = int(old.get("index.number_of_replicas", index.replicas))
    template = index.template(index.analyzer, shards, replicas)["template"]
    return {
        "settings": template["settings"],
        "mappings": template["mappings"],
        "aliases": template["aliases"],
    }


def resort_month(
    index: EngineMentionIndex,
    name: str,
    progress: Callable[[int], None] = lambda n: None,
) -> tuple[str, int]:
    """Copy one month into a sorted index and put it in the month's place; (new index, docs)."""
    month = mapping.month_of(name)
    alias = f"{index.prefix}-{month}"
    target = mapping.resorted_name(alias)
    if not month or target == name:
        raise ResortError(f"{name}: 不是本前缀的月份索引，无法重建（检查 index.index_prefix）")
    client = index.client
    if client.index_settings(target):  # left by an interrupted run; nothing reads it
        client.delete_index(target)
    client.put_settings(name, {"blocks.write": True})
    try:
        client.refresh(name)
        expected = client.count(name, {"match_all": {}})
        client.create_index(target, _creation_body(index, name))
        copied = _copy(index, name, target, progress)
        client.refresh(target)
        found = client.count(target, {"match_all": {}})
        if found != expected:
            raise ResortError(
                f"{name}: 复制后有 {found} 条，原索引有 {expected} 条；原索引保持不变，请重新运行"
            )
        client.update_aliases(
            [{"remove_index": {"index": name}}, {"add": {"index": target, "alias": alias}}]
        )
    except BaseException:
        client.put_settings(name, {"blocks.write": False})
        if client.index_settings(target):
            client.delete_index(target)
        raise
    return target, copied


def _copy(
    index: EngineMentionIndex, name: str, target: str, progress: Callable[[int], None]
) -> int:
    """Every document of name into target, page by page in id order; the number copied."""
    copied = 0
    after: list[Any] | None = None
    while True:
        body: dict[str, Any] = {
            "query": {"match_all": {}},
            "sort": [{"id": {"order": "asc"}}],
            "size": PAGE,
            "track_total_hits": False,
        }
        if after is not None:
            body["search_after"] = after
        found = results.hits(index.client.search(name, body))
        if not found:
            return copied
        actions = [
            {"_op_type": "create", "_index": target, "_id": h["_id"], "_source": h["_source"]}
            for h in found
        ]
        failed = [
            o
            for o in bulk_with_retries(index.client, actions, index.policy)
            if not o.ok and o.status != 409  # 409: already copied by an earlier page
        ]
        if failed:
            raise ResortError(
                f"{name}: {len(failed)} 条未能写入 {target}（{failed[0].error}）；"
                "原索引保持不变，请重新运行"
            )
        copied += len(found)
        progress(len(found))
        after = found[-1]["sort"]
