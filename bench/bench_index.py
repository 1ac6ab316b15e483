"""Bulk indexing throughput (docs/s) and query latency: SQLite vs local OpenSearch and ES nodes.

`python -m bench.bench_index` starts tools/opensearch-node, then tools/elasticsearch-node
(Java + Maven), unless BENCH_OPENSEARCH_URL / BENCH_ELASTICSEARCH_URL point at running
clusters; BENCH_INDEX_DOCS sets the corpus size.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from core.config import IndexConfig
from core.enums import Category, Channel, SentimentLabel, Severity
from core.index.engines import EngineMentionIndex, open_engine_index
from core.index.engines.bulk import BulkPolicy
from core.index.protocol import MentionIndex, SearchQuery, SplitField
from core.index.sqlite import SQLiteMentionIndex
from core.models import Author, Mention, Sentiment, Urgency
from tests.support import localnode

DOCS = int(os.environ.get("BENCH_INDEX_DOCS", "20000"))
BATCH = 500
PHRASES = [
    "申请退款一直没到账",
    "客服态度很差推诿扯皮",
    "快递三天还没发货",
    "手机屏幕质量太差用了三天就坏了",
    "已经向12315投诉",
    "吃出异物要求赔偿",
    "会员自动续费不退",
    "新品体验不错点赞",
]


def corpus(count: int, seed: int = 7) -> list[Mention]:
    """Synthetic Chinese complaints over 90 days, with every indexed field filled."""
    return list(stream(count, seed))


def stream(count: int, seed: int = 7) -> Iterator[Mention]:
    """The corpus one mention at a time (for sizes that do not fit in memory as a list)."""
    rng = random.Random(seed)
    start = datetime(2026, 4, 1, tzinfo=UTC)
    for number in range(count):
        score = rng.uniform(0, 100)
        text = "，".join(rng.sample(PHRASES, 3)) + f"（订单{rng.randint(10_000, 99_999)}）"
        yield Mention(
            source="bench",
            channel=rng.choice(list(Channel)),
            native_id=str(number),
            author=Author(name=f"用户{rng.randint(1, 500)}", followers=rng.randint(0, 10**6)),
            text=text,
            published_at=start + timedelta(seconds=rng.randint(0, 90 * 86_400)),
            plans=rng.sample(["brand_a", "brand_b", "brand_c"], rng.randint(1, 2)),
            keywords=rng.sample(["退款", "投诉", "质量", "物流"], 2),
            sentiment=Sentiment(label=rng.choice(list(SentimentLabel)), score=rng.random()),
            category=rng.choice(list(Category)),
            urgency=Urgency(level=Severity.from_score(score), score=score),
        )


def bulk_rate(index: MentionIndex, mentions: list[Mention]) -> float:
    """Docs/s for upserting in batches, including the final refresh."""
    started = time.perf_counter()
    for offset in range(0, len(mentions), BATCH):
        result = index.upsert_many(mentions[offset : offset + BATCH])
        if result.errors:
            raise RuntimeError(f"{len(result.errors)} documents rejected: {result.errors}")
    index.refresh()
    return len(mentions) / (time.perf_counter() - started)


def latencies(index: MentionIndex) -> dict[str, float]:
    """Median milliseconds of typical dashboard queries."""
    tz = ZoneInfo("Asia/Shanghai")
    calls: dict[str, Callable[[], object]] = {
        "search '退款 -12315'": lambda: index.search(SearchQuery(text="退款 -12315")),
        "count negative": lambda: index.count(SearchQuery(sentiments=[SentimentLabel.NEGATIVE])),
        "daily histogram by channel": lambda: index.histogram(
            SearchQuery(), timedelta(days=1), SplitField.CHANNEL, tz
        ),
        "top 10 authors": lambda: index.top_terms(SearchQuery(), SplitField.AUTHOR, 10),
    }
    out = {}
    for label, call in calls.items():
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            call()
            runs.append((time.perf_counter() - started) * 1000)
        out[label] = sorted(runs)[2]
    return out


def _drop(index: EngineMentionIndex) -> None:
    for name in index.monthly_indices():
        index.client.delete_index(name)
    index.close()


def _engine(stack: ExitStack, backend: str) -> EngineMentionIndex | None:
    """A fresh index on BENCH_<BACKEND>_URL, or on a local node built from Maven Central."""
    url = os.environ.get(f"BENCH_{backend.upper()}_URL")
    if not url:
        if localnode.missing_tools():
            return None
        started = time.perf_counter()
        url = stack.enter_context(localnode.LocalNode(backend)).url
        print(f"(local {backend} node built/started in {time.perf_counter() - started:.1f}s)")
    config = IndexConfig(
        backend=backend, urls=[url], index_prefix=f"bench-{uuid.uuid4().hex[:8]}", replicas=0
    )
    index = open_engine_index(config)
    stack.callback(_drop, index)
    return index


def main() -> None:
    """Print a table: backend, docs/s, query latencies."""
    mentions = corpus(DOCS)
    rows: list[tuple[str, float, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = SQLiteMentionIndex(Path(tmp) / "bench.db")
        rows.append(("sqlite", bulk_rate(sqlite, mentions), latencies(sqlite)))
        sqlite.close()
    for backend in ("opensearch", "elasticsearch"):
        with ExitStack() as stack:  # one node at a time on a small machine
            engine = _engine(stack, backend)
            if engine is None:
                print(
                    f"{backend}: skipped (java/mvn not found and BENCH_{backend.upper()}_URL unset)"
                )
                continue
            engine.bulk_load()  # what `yuqing index migrate` does
            bulk_rate(engine, mentions[:2000])  # warm the JVM and create the monthly indices
            rate = bulk_rate(engine, mentions)
            rows.append((f"{backend} (bulk load)", rate, latencies(engine)))
            # The service's mode: every bulk waits until its documents are searchable.
            engine.policy = BulkPolicy()
            waited = bulk_rate(engine, mentions[: len(mentions) // 4])
            print(f"{backend}, refresh=wait_for per bulk (service mode): {waited:,.0f} docs/s")
    labels = list(rows[0][2])
    print(f"\n{DOCS:,} mentions, batches of {BATCH}")
    print("| backend | bulk docs/s | " + " | ".join(f"{label} (ms)" for label in labels) + " |")
    print("|---|---:|" + "---:|" * len(labels))
    for name, rate, timings in rows:
        cells = " | ".join(f"{timings[label]:.1f}" for label in labels)
        print(f"| {name} | {rate:,.0f} | {cells} |")


if __name__ == "__main__":
    main()
