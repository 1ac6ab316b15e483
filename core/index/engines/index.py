"""EngineMentionIndex: the MentionIndex protocol on Elasticsearch or OpenSearch."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta, tzinfo
from typing import Any

from core.index.engines import dsl, mapping, results
from core.index.engines.bulk import BulkPolicy, bulk_with_retries
from core.index.engines.client import EngineClient
from core.index.engines.errors import EngineRequestError
from core.index.engines.oldest import oldest_page
from core.index.engines.refill import refill
from core.index.protocol import (
    HistogramBucket,
    SearchQuery,
    SearchResult,
    SortOrder,
    SplitField,
    UpsertResult,
)
from core.index.rollup_api import RollupQueries
from core.models import Mention
from core.timeutil import Clock, system_clock

_ID_CHUNK = 1000
# How long the writer remembers where it wrote a document, for reads of its own writes before
# searches see it: the refresh interval (1 s) with a wide margin for a loaded cluster.
VISIBLE_AFTER = 30.0


class EngineMentionIndex(RollupQueries):
    """Monthly indices behind one read pattern; same results as the SQLite backend.

    Upserts return without waiting for a refresh: searches see them within the index's
    refresh interval (1 s). The writer still reads its own writes: `locate` (and the
    month an upsert replaces) consult what it wrote in the last VISIBLE_AFTER seconds, and
    `get` and `since` refresh first when such documents exist. `since` cursors are
    (indexed_seq, id) search_after positions.
    """

    def __init__(
        self,
        client: EngineClient,
        prefix: str,
        *,
        shards: int = 1,
        replicas: int = 1,
        policy: BulkPolicy | None = None,
        clock: Clock = system_clock,
        total_cap: int | None = dsl.TOTAL_CAP,
        index_sort: bool = True,
    ) -> None:
        self.client = client
        self.backend = client.flavor
        self.prefix = prefix
        self.pattern = mapping.read_pattern(prefix)
        self.shards = shards
        self.replicas = replicas
        self.policy = policy or BulkPolicy()
        self._clock = clock
        # Searches count hits up to total_cap (None = exactly); index_sort=False keeps the
        # layout before index sorting (benchmarks compare the two).
        self.total_cap = total_cap
        self.index_sort = index_sort
        self._lock = threading.Lock()
        self._last_seq = 0
        self._analyzer: str | None = None
        self._unseen: dict[str, tuple[float, str]] = {}  # id → (written at, monthly index)

    # -- setup ----------------------------------------------------------------------------

    def bulk_load(self) -> None:
        """Never wait for a refresh after an upsert (the default; call refresh() at the end)."""
        self.policy = replace(self.policy, wait_for_refresh=False)

    def ensure_template(self, overwrite: bool = False) -> str:
        """Install the index template if missing (or replace it); return the active analyzer."""
        existing = self.client.get_template(self.prefix)
        if existing is not None and not overwrite:
            analyzer = str(existing.get("_meta", {}).get("analyzer", mapping.CJK_BIGRAM))
            added = mapping.missing_fields(existing, analyzer)
            resort = self.index_sort and not mapping.template_sorted(existing)
            if added or resort:  # months created from now on get the current layout
                self._add_fields(analyzer, added, _template_shards(existing))
            self._analyzer = analyzer
            return analyzer
        analyzer = mapping.choose_analyzer(self.client.plugin_names())
        added = mapping.missing_fields(existing, analyzer) if existing is not None else {}
        if added:  # replaced: the months made by the old template get the new fields too
            self._map_added(added)
        body = self.template(analyzer, self.shards, self.replicas)
        self.client.put_template(self.prefix, body)
        self._analyzer = analyzer
        return analyzer

    def template(self, analyzer: str, shards: int, replicas: int) -> dict[str, Any]:
        """The index template this index installs."""
        return mapping.template_body(self.prefix, analyzer, shards, replicas, self.index_sort)

    def _add_fields(self, analyzer: str, added: dict[str, Any], shards: tuple[int, int]) -> None:
        """Upgrade an older layout: new fields into every monthly index, then the template.

        Indices first, so that a failure leaves the template old and the next start retries.
        """
        if added:
            self._map_added(added)
        self.client.put_template(self.prefix, self.template(analyzer, *shards))

    def _map_added(self, added: dict[str, Any]) -> None:
        """Put new fields into every monthly index, then write again the older documents that
        already hold a value of one in _source, so that searches find them."""
        self.client.put_mapping(self.pattern, added)
        for path in mapping.refilled(added):
            refill(self.client, self.pattern, path, self.policy)

    @property
    def analyzer(self) -> str:
        """The analyzer of the `body` field (from the template; installs it when missing)."""
        return self._analyzer or self.ensure_template()

    def monthly_indices(self) -> dict[str, tuple[int, int]]:
        """Monthly index name → (documents, bytes), oldest first (re-sorted copies included)."""
        stats = self.client.index_stats(self.pattern)
        return {name: stats[name] for name in sorted(stats, key=mapping.month_of)}

    def drop_months_before(self, cutoff: datetime) -> list[str]:
        """Delete the monthly indices whose whole month lies before cutoff (retention)."""
        keep_from = mapping.month_of(mapping.month_index(self.prefix, cutoff))
        dropped = [name for name in self.monthly_indices() if mapping.month_of(name) < keep_from]
        for name in dropped:
            self.client.delete_index(name)
        return dropped

    def prune_before(self, cutoff: datetime) -> int:
        """Retention by whole months: drop the months before cutoff's; returns their mentions.

        Mentions of cutoff's own month stay until the month has passed (a delete-by-query
        per mention would cost far more than the disk it frees).
        """
        sizes = self.monthly_indices()
        return sum(sizes[name][0] for name in self.drop_months_before(cutoff) if name in sizes)

    # -- writes ---------------------------------------------------------------------------

    def _next_seqs(self, count: int) -> list[int]:
        # Microsecond clock, strictly increasing in this process, roughly ordered across them.
        with self._lock:
            start = max(self._last_seq + 1, time.time_ns() // 1000)
            self._last_seq = start + count - 1
        return list(range(start, start + count))

    def _locate(self, ids: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), _ID_CHUNK):
            body = dsl.ids_body(unique[start : start + _ID_CHUNK], with_source=False)
            for hit in results.hits(self.client.search(self.pattern, body)):
                found[str(hit["_id"])] = str(hit["_index"])
        return found

    def upsert_many(
        self, mentions: Sequence[Mention], located: Mapping[str, str] | None = None
    ) -> UpsertResult:
        """Index by id into the mention's monthly index; a copy in another month is removed.

        `located` (the pipeline's `locate` of this batch) saves the search for old copies.
        """
        result = UpsertResult()
        if not mentions:
            return result
        if self._analyzer is None:
            self.ensure_template()
        ids = [m.id for m in mentions]
        located = dict(located) if located is not None else self.locate(ids)
        now = self._clock()
        actions: list[dict[str, Any]] = []
        moved: set[str] = set()
        for mention, seq in zip(mentions, self._next_seqs(len(mentions)), strict=True):
            target = mapping.month_index(self.prefix, mention.published_at)
            try:
                doc = mapping.to_document(mention, seq, now)
            except (ValueError, TypeError, AttributeError) as exc:
                result.errors[mention.id] = f"无法转换为索引文档：{exc}"
                continue
            actions.append(
                {"_op_type": "index", "_index": target, "_id": mention.id, "_source": doc}
            )
            old = located.get(mention.id)
            # A re-sorted month answers under its alias (the month's name): same month.
            if old and mapping.month_of(old) != mapping.month_of(target):
                actions.append({"_op_type": "delete", "_index": old, "_id": mention.id})
                moved.add(mention.id)
                located[mention.id] = target
        outcomes = bulk_with_retries(self.client, actions, self.policy)
        for action, outcome in zip(actions, outcomes, strict=True):
            self._record(result, action, outcome, moved)
        if not self.policy.wait_for_refresh:
            self._remember(
                {
                    str(a["_id"]): str(a["_index"])
                    for a in actions
                    if a["_op_type"] == "index" and a["_id"] not in result.errors
                }
            )
        return result

    def _remember(self, written: dict[str, str]) -> None:
        """Note where documents not yet searchable went, so the writer reads its own writes."""
        now = time.monotonic()
        with self._lock:
            for old in [k for k, (at, _) in self._unseen.items() if now - at > VISIBLE_AFTER]:
                del self._unseen[old]
            self._unseen.update((i, (now, index)) for i, index in written.items())

    def _recent(self, ids: Sequence[str]) -> dict[str, str]:
        """Of these ids, the ones written lately (maybe not yet searchable) → their index."""
        with self._lock:
            return {i: self._unseen[i][1] for i in ids if i in self._unseen}

    @staticmethod
    def _record(
        result: UpsertResult, action: dict[str, Any], outcome: results.BulkOutcome, moved: set[str]
    ) -> None:
        mention_id = str(action["_id"])
        if action["_op_type"] == "delete":
            if not outcome.ok and outcome.status != 404:
                result.errors[mention_id] = (
                    f"已写入索引，但 {action['_index']} 中的旧副本未能删除：{outcome.error}"
                )
            return
        if not outcome.ok:
            reason = outcome.error or f"HTTP {outcome.status}"
            result.errors[mention_id] = f"{action['_index']}: {reason}"
        elif outcome.result == "created" and mention_id not in moved:
            result.created.append(mention_id)
        else:
            result.updated.append(mention_id)

    # -- reads ----------------------------------------------------------------------------

    def get(self, mention_id: str) -> Mention | None:
        """One mention by id."""
        if self._recent([mention_id]):
            self.refresh()  # written moments ago by this process: make it searchable first
        found = results.parse_mentions(
            self.client.search(self.pattern, dsl.ids_body([mention_id], with_source=True))
        )
        return found[0] if found else None

    def locate(self, ids: Sequence[str]) -> dict[str, str]:
        """The already-indexed ids among these → their monthly index (own recent writes too)."""
        if not ids:
            return {}
        recent = self._recent(ids)
        return self._locate([i for i in ids if i not in recent]) | recent

    def search(self, query: SearchQuery) -> SearchResult:
        """Matching mentions, sorted and paged."""
        if query.sort == SortOrder.OLDEST and self.index_sort and query.limit > 0:
            return oldest_page(self.client, self.pattern, query, self.total_cap)
        body = dsl.search_body(query, self.total_cap)
        return results.parse_search(self.client.search(self.pattern, body))

    def count(self, query: SearchQuery) -> int:
        """How many mentions match."""
        return self.client.count(self.pattern, dsl.build_query(query))

    def histogram(
        self,
        query: SearchQuery,
        interval: timedelta,
        split_by: SplitField | None = None,
        tz: tzinfo | None = None,
    ) -> list[HistogramBucket]:
        """Non-empty buckets of published_at, aligned to midnight in tz, optionally split."""
        body = dsl.histogram_body(query, interval, split_by, tz)
        return results.parse_histogram(self.client.search(self.pattern, body), split_by)

    def top_terms(
        self, query: SearchQuery, field: SplitField, size: int = 10
    ) -> list[tuple[str, int]]:
        """The most frequent values of a field among matching mentions."""
        if size <= 0:
            return []
        body = dsl.top_terms_body(query, field, size)
        return results.parse_top_terms(self.client.search(self.pattern, body), field)

    def since(self, cursor: str | None, limit: int = 500) -> tuple[list[Mention], str | None]:
        """Mentions indexed or updated after cursor, in indexing order, and the next cursor."""
        if self._unseen:
            self.refresh()
        response = self.client.search(self.pattern, dsl.since_body(decode_cursor(cursor), limit))
        found = results.hits(response)
        if not found:
            return [], cursor
        return [mapping.from_source(h["_source"]) for h in found], encode_cursor(found[-1]["sort"])

    def refresh(self) -> None:
        """Make recent writes visible to searches."""
        self.client.refresh(self.pattern)
        with self._lock:
            self._unseen.clear()

    def merge_segments(self, pages: int) -> bool:
        """Nothing to do: the node merges its own segments."""
        return False

    def close(self) -> None:
        """Release connections."""
        self.client.close()


def _template_shards(template: dict[str, Any]) -> tuple[int, int]:
    """(shards, replicas) of an installed template; 1, 1 where it does not say."""
    settings = template.get("template", {}).get("settings", {})
    settings = settings.get("index", settings)
    return int(settings.get("number_of_shards", 1)), int(settings.get("number_of_replicas", 1))


def encode_cursor(sort: list[Any]) -> str:
    """Opaque cursor from a hit's sort values (indexed_seq, id)."""
    return f"{int(sort[0])}:{sort[1]}"


def decode_cursor(cursor: str | None) -> list[Any] | None:
    """search_after values for a cursor; None starts from the beginning."""
    if not cursor:
        return None
    seq, _, mention_id = cursor.partition(":")
    if not seq.isdigit():
        raise EngineRequestError(f"not an index cursor: {cursor!r} (pass a cursor from since())")
    return [int(seq), mention_id]
