"""Engine queries at 1M mentions without the pipeline: layouts before and after index sorting.

Bulk-loads BENCH_ENGINE_QUERIES_SIZE synthetic mentions (default 1,000,000; the scale bench's
stream: 11k a day, 90 days) straight into two OpenSearch index sets through the bulk API (no
pipeline, no per-batch id lookups), each document serialised once and sent to both:

- **before**: the template without index sorting, searches counting every hit
  (`track_total_hits: true`) — the layout and queries before this change;
- **after**: monthly indices sorted newest first (`index.sort.field`), searches counting up
  to 10,000 (`track_total_hits: 10000`, SearchResult.total_exact False beyond).

Then each of the scale bench's queries runs on both, interleaved (before, after, before, …):
the first run is "cold", the median of the next 5 warm runs (BENCH_ENGINE_QUERIES_RUNS − 1)
± their spread (max − min) is reported. BENCH_OPENSEARCH_URL uses a running node; otherwise
a local one is started. BENCH_ENGINE_QUERIES_LAYOUTS=after loads and measures the current
layout alone (half the load time: how a 10M run fits on this machine).
"""

from __future__ import annotations

import json
import os
import statistics
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.bench_scale import START, STEP, mentions, queries
from core.config import IndexConfig
from core.index.engines import EngineMentionIndex, mapping, open_client
from core.index.engines.dsl import TOTAL_CAP
from core.index.protocol import SearchQuery, SearchResult
from tests.support import localnode

SIZE = int(os.environ.get("BENCH_ENGINE_QUERIES_SIZE", "1000000"))
# Reuse the indices a run with BENCH_ENGINE_QUERIES_KEEP=1 left (its tag), skipping the load.
REUSE = os.environ.get("BENCH_ENGINE_QUERIES_REUSE", "")
RUNS = int(os.environ.get("BENCH_ENGINE_QUERIES_RUNS", "6"))  # the first is "cold"
CHUNK = 2_000
LAYOUTS = [
    x for x in os.environ.get("BENCH_ENGINE_QUERIES_LAYOUTS", "before,after").split(",") if x
]


def _index(url: str, prefix: str, new: bool) -> EngineMentionIndex:
    config = IndexConfig(backend="opensearch", urls=[url], index_prefix=prefix, replicas=0)
    return EngineMentionIndex(
        open_client(config),
        prefix,
        replicas=0,
        total_cap=TOTAL_CAP if new else None,
        index_sort=new,
    )


def _send(index: EngineMentionIndex, lines: list[tuple[str, str, str]]) -> float:
    body = "".join(
        json.dumps({"index": {"_index": f"{index.prefix}-{month}", "_id": doc_id}})
        + "\n"
        + doc
        + "\n"
        for month, doc_id, doc in lines
    )
    started = time.perf_counter()
    reply = index.client._client.bulk(body=body, timeout=300)  # type: ignore[attr-defined]
    if reply.get("errors"):
        failed = next(i for i in reply["items"] if i["index"].get("error"))
        raise RuntimeError(f"bulk rejected: {failed['index']['error']}")
    return time.perf_counter() - started


def load(indices: list[EngineMentionIndex], size: int) -> list[float]:
    """Bulk-load `size` mentions into every index at once; seconds each index's bulks took.

    Refresh is off while loading (one refresh at the end), as in any bulk import.
    """
    for index in indices:
        index.ensure_template(overwrite=True)
        body = index.client.get_template(index.prefix) or {}
        body["template"]["settings"]["refresh_interval"] = "-1"
        index.client.put_template(index.prefix, body)
    spent = [0.0] * len(indices)
    now = datetime.now(UTC)
    lines: list[tuple[str, str, str]] = []  # (month, id, document JSON)
    pending: list[Future[float]] = []
    with ThreadPoolExecutor(max_workers=len(indices)) as pool:

        def flush() -> None:
            for position, future in enumerate(pending):
                spent[position] += future.result()
            pending[:] = [pool.submit(_send, index, list(lines)) for index in indices if lines]
            lines.clear()

        for seq, mention in enumerate(mentions(0, size), start=1):
            doc = mapping.to_document(mention, seq, now)
            month = mapping.month_of(mapping.month_index("x", mention.published_at))
            lines.append((month, mention.id, json.dumps(doc, ensure_ascii=False)))
            if len(lines) == CHUNK:
                flush()
            if seq % 100_000 == 0:
                print(f"  loaded {seq:,} (load {os.getloadavg()[0]:.1f})", flush=True)
        flush()
        flush()
    for index in indices:
        index.ensure_template(overwrite=True)
        index.client._client.indices.put_settings(  # type: ignore[attr-defined]
            index=index.pattern,
            body={"index": {"refresh_interval": "1s"}},
            allow_no_indices=True,
            ignore_unavailable=True,
        )
        index.refresh()
    return spent


def _cell(runs: list[float]) -> str:
    warm = runs[1:]
    return f"{statistics.median(warm):.1f} ±{max(warm) - min(warm):.1f} (cold {runs[0]:.0f})"


def _total(result: object) -> str:
    if isinstance(result, SearchResult):
        return f"{result.total:,}" if result.total_exact else f"≥{result.total:,}"
    return ""


def measure(indices: dict[str, EngineMentionIndex], size: int) -> None:
    """Every query on each layout, interleaved (first one way round, then the other); one
    table row per query."""
    sides = {name: queries(index, size) for name, index in indices.items()}
    extra = {name: _count_30d(index, size) for name, index in indices.items()}
    head = f"query (ms, median of {RUNS - 1} warm ± spread, cold)"
    names = list(indices)
    print(f"\n| {head} | {' | '.join(names)} | hits {' / '.join(names)} |")
    print("|---|" + "---:|" * len(names) + "---|")
    first = names[0]
    for label in [*sides[first], "count 30 d (plan), exact"]:
        calls = {n: sides[n].get(label) or extra[n] for n in names}
        runs: dict[str, list[float]] = {n: [] for n in names}
        seen: dict[str, object] = {}
        for run in range(RUNS):
            # Alternate who goes first: layouts sharing months warm each other's caches.
            order = list(calls.items()) if run % 2 == 0 else list(reversed(calls.items()))
            for name, call in order:
                started = time.perf_counter()
                seen[name] = call()
                runs[name].append((time.perf_counter() - started) * 1000)
        totals = " / ".join(_total(seen[n]) for n in names).strip(" /")
        cells = " | ".join(_cell(runs[n]) for n in names)
        print(f"| {label} | {cells} | {totals} |", flush=True)


def _count_30d(index: EngineMentionIndex, size: int) -> Callable[[], object]:
    month = START + timedelta(seconds=size * STEP) - timedelta(days=30)
    return lambda: index.count(SearchQuery(since=month, plans=["brand_a"]))


def _stored(index: EngineMentionIndex) -> dict[str, Any]:
    sizes = index.monthly_indices()
    return {"docs": sum(d for d, _ in sizes.values()), "bytes": sum(b for _, b in sizes.values())}


def main() -> None:
    """Load both layouts, print load times and the query table, drop the indices."""
    with ExitStack() as stack:
        url = os.environ.get("BENCH_OPENSEARCH_URL")
        if not url:
            if localnode.missing_tools():
                print("opensearch: skipped (java/mvn not found, BENCH_OPENSEARCH_URL unset)")
                return
            url = stack.enter_context(localnode.LocalNode("opensearch")).url
        tag = REUSE or uuid.uuid4().hex[:6]
        indices = {name: _index(url, f"eq-{name}-{tag}", new=name == "after") for name in LAYOUTS}
        for index in indices.values():
            stack.callback(_drop, index)
        if REUSE:
            measure(indices, SIZE)
            return
        print("indices " + ", ".join(i.prefix for i in indices.values()), flush=True)
        started = time.perf_counter()
        spent = load(list(indices.values()), SIZE)
        took = "; ".join(
            f"bulk time {name} {seconds:.0f} s, stored {_stored(indices[name])}"
            for name, seconds in zip(indices, spent, strict=True)
        )
        print(
            f"loaded {SIZE:,} mentions into each in {time.perf_counter() - started:.0f} s; {took}",
            flush=True,
        )
        measure(indices, SIZE)


def _drop(index: EngineMentionIndex) -> None:
    if os.environ.get("BENCH_ENGINE_QUERIES_KEEP"):
        return
    for name in index.monthly_indices():
        index.client.delete_index(name)
    index.close()


if __name__ == "__main__":
    main()
