"""Scale: index ingest rate at 10k / 100k / 1M mentions and query latency at 100k and 1M,
SQLite and OpenSearch side by side.

Sizes: BENCH_SCALE_SIZES (default "10000,100000,1000000"); BENCH_SCALE_ENGINE_MAX caps the
OpenSearch corpus (default 1000000); BENCH_OPENSEARCH_URL uses a running cluster instead of
a local node; BENCH_SCALE_ENGINES="" skips OpenSearch. Ingest is `upsert_many` in batches of
500 (no refresh wait; the engine's refresh interval is 1 s), measured over the 10k mentions
written when the index reaches each size. Query latency: median of 5 warm runs (and the
first, cold run) of each query against the corpus of that size.
"""

from __future__ import annotations

import os
import random
import statistics
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
from core.index.protocol import BrandSide, MentionIndex, SearchQuery, SplitField
from core.index.sqlite import SQLiteMentionIndex
from core.models import Author, Mention, Sentiment, Urgency
from tests.support import localnode

SIZES = [int(s) for s in os.environ.get("BENCH_SCALE_SIZES", "10000,100000,1000000").split(",")]
ENGINE_MAX = int(os.environ.get("BENCH_SCALE_ENGINE_MAX", "1000000"))
WITH_SQLITE = os.environ.get("BENCH_SCALE_SQLITE", "1") != "0"
ENGINES = [e for e in os.environ.get("BENCH_SCALE_ENGINES", "opensearch").split(",") if e]
BATCH = 500
FILL_BATCH = 5_000  # the untimed growth between sizes
PROBE = 10_000  # mentions timed at each size
START = datetime(2026, 9, 1, tzinfo=UTC)
STEP = 90 * 86_400 / 1_000_000  # seconds between mentions: 1M mentions in 90 days (~4M/year)
TZ = ZoneInfo("Asia/Shanghai")
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
KEYWORDS = ["退款", "投诉", "质量", "物流", "客服", "异物", "续费", "赔偿", "屏幕", "发货"]
CPU_RATES: list[float] = []  # docs per CPU-second of this process, per fill()
REGIONS = ["广东", "北京", "上海", "浙江", "江苏", "四川", None]


def mentions(start: int, count: int, seed: int = 7) -> Iterator[Mention]:
    """Synthetic complaints arriving like a stream (11k a day, ±10 min out of order)."""
    rng = random.Random(seed * 1_000_003 + start)
    for number in range(start, start + count):
        score = rng.uniform(0, 100)
        text = "，".join(rng.sample(PHRASES, 3)) + f"（订单{rng.randint(10_000, 999_999)}）"
        yield Mention(
            source=rng.choice(["weibo_search", "tieba", "heimao"]),
            channel=rng.choice([Channel.WEIBO, Channel.FORUM, Channel.COMPLAINT_PLATFORM]),
            native_id=str(number),
            author=Author(name=f"用户{rng.randint(1, 5000)}", followers=rng.randint(0, 10**6)),
            region=rng.choice(REGIONS),
            text=text,
            published_at=START + timedelta(seconds=number * STEP + rng.uniform(-600, 600)),
            plans=rng.sample(["brand_a", "brand_b", "brand_c"], rng.randint(1, 2)),
            keywords=rng.sample(KEYWORDS, 3),
            sentiment=Sentiment(label=rng.choice(list(SentimentLabel)), score=rng.random()),
            category=rng.choice(list(Category)),
            urgency=Urgency(level=Severity.from_score(score), score=score),
        )


def fill(index: MentionIndex, have: int, target: int) -> float:
    """Grow the index to `target`; docs/s over the last PROBE mentions (refresh included)."""
    untimed = max(target - PROBE, have)
    batch: list[Mention] = []
    for mention in mentions(have, untimed - have):
        batch.append(mention)
        if len(batch) == FILL_BATCH:
            index.upsert_many(batch)
            batch = []
    if batch:
        index.upsert_many(batch)
    probe = list(mentions(untimed, target - untimed))
    started, cpu = time.perf_counter(), time.process_time()
    for offset in range(0, len(probe), BATCH):
        result = index.upsert_many(probe[offset : offset + BATCH])
        if result.errors:
            raise RuntimeError(
                f"{len(result.errors)} rejected: {next(iter(result.errors.values()))}"
            )
    index.refresh()
    CPU_RATES.append(len(probe) / (time.process_time() - cpu))
    return len(probe) / (time.perf_counter() - started)


SIDE = BrandSide(own=("brand_a", "brand_b"), rivals=("brand_c",))


def queries(index: MentionIndex, size: int) -> dict[str, Callable[[], object]]:
    """The dashboard's typical questions, 'now' being the newest mention's time."""
    end = START + timedelta(seconds=size * STEP)
    day = end - timedelta(days=1)
    week, month = end - timedelta(days=7), end - timedelta(days=30)

    def search(text: str | None = None, since: datetime | None = None, **kw: object):
        return lambda: index.search(SearchQuery(text=text, since=since, **kw))  # type: ignore[arg-type]

    return {
        "common word 退款": search("退款"),
        "phrase 申请退款": search("申请退款"),
        "common word, 24 h": search("退款", day),
        "single char 退": search("退"),
        "single char, 24 h": search("退", day),
        "word + filters 退款 negative weibo 30 d": search(
            "退款", month, sentiments=[SentimentLabel.NEGATIVE], channels=[Channel.WEIBO]
        ),
        "rare word 订单123456": search("订单123456"),
        "rare word, 24 h": search("订单123456", day),
        "feed 30 d (plan)": search(None, month, plans=["brand_a"]),
        "trend 7 d hourly × sentiment": lambda: index.trend(
            week, end, timedelta(hours=1), SplitField.SENTIMENT, tz=TZ
        ),
        "trend 30 d daily × channel": lambda: index.trend(
            month, end, timedelta(days=1), SplitField.CHANNEL, tz=TZ
        ),
        "top keywords 7 d": lambda: index.top_keywords(week, end, 20),
        "top keywords 30 d": lambda: index.top_keywords(month, end, 20),
        # 舆情态势 and the 周报 beside a competitor: every mention but brand_c's alone.
        "brand side: count 24 h": lambda: index.count(SearchQuery(brand_side=SIDE, since=day)),
        "brand side: negative 7 d": lambda: index.count(
            SearchQuery(brand_side=SIDE, since=week, sentiments=[SentimentLabel.NEGATIVE])
        ),
        "brand side: trend 7 d hourly × sentiment": lambda: index.histogram(
            SearchQuery(brand_side=SIDE, since=week, until=end),
            timedelta(hours=1),
            SplitField.SENTIMENT,
            TZ,
        ),
        "brand side: categories 30 d": lambda: index.top_terms(
            SearchQuery(brand_side=SIDE, since=month, until=end), SplitField.CATEGORY
        ),
    }


def latency(call: Callable[[], object]) -> tuple[float, float, float, float]:
    """(cold ms, median warm ms, spread max-min warm ms, median warm CPU ms of this process).

    On a shared machine wall time includes waiting for a core; for the embedded index (which
    runs in this process) the CPU time is the work itself.
    """
    runs, cpus = [], []
    for _ in range(6):
        started, cpu = time.perf_counter(), time.process_time()
        call()
        runs.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    warm = runs[1:]
    return runs[0], statistics.median(warm), max(warm) - min(warm), statistics.median(cpus[1:])


def _engine(stack: ExitStack, backend: str) -> EngineMentionIndex | None:
    url = os.environ.get(f"BENCH_{backend.upper()}_URL")
    if not url:
        if localnode.missing_tools():
            return None
        url = stack.enter_context(localnode.LocalNode(backend)).url
    config = IndexConfig(
        backend=backend, urls=[url], index_prefix=f"scale-{uuid.uuid4().hex[:8]}", replicas=0
    )
    index = open_engine_index(config)
    stack.callback(_drop, index)
    return index


def _drop(index: EngineMentionIndex) -> None:
    for name in index.monthly_indices():
        index.client.delete_index(name)
    index.close()


def run(name: str, index: MentionIndex, sizes: list[int]) -> dict[str, dict[int, str]]:
    """Ingest rates and query latencies of one backend, as table cells keyed by size."""
    cells: dict[str, dict[int, str]] = {}
    have = 0
    for size in sizes:
        rate = fill(index, have, size)
        have = size
        cells.setdefault("ingest docs/s (wall)", {})[size] = f"{rate:,.0f}"
        cells.setdefault("ingest docs per CPU-second of this process", {})[size] = (
            f"{CPU_RATES[-1]:,.0f}"
        )
        load = os.getloadavg()[0]
        print(f"{name}: {size:,}, last {PROBE:,} at {rate:,.0f}/s (load {load:.1f})", flush=True)
        if size < 100_000:
            continue
        for label, call in queries(index, size).items():
            cold, warm, spread, cpu = latency(call)
            cells.setdefault(label, {})[size] = f"{warm:.1f} ±{spread:.1f} (cold {cold:.0f})" + (
                f" cpu {cpu:.1f}" if isinstance(index, SQLiteMentionIndex) else ""
            )
            print(f"{name} {size:,}: {label}: {cells[label][size]} ms", flush=True)
        if isinstance(index, EngineMentionIndex):
            stored = sum(b for _, b in index.monthly_indices().values())
            cells.setdefault("bytes per mention", {})[size] = f"{stored / size:,.0f}"
    return cells


def main() -> None:
    """Print one table: rows = measurements, columns = backend × size."""
    table: dict[str, dict[tuple[str, int], str]] = {}
    columns: list[tuple[str, int]] = []
    with tempfile.TemporaryDirectory() as tmp:
        if not WITH_SQLITE:
            return _engines(table, columns)
        sqlite = SQLiteMentionIndex(Path(tmp) / "scale.db")
        for label, by_size in run("sqlite", sqlite, SIZES).items():
            for size, cell in by_size.items():
                table.setdefault(label, {})[("sqlite", size)] = cell
        columns += [("sqlite", s) for s in SIZES]
        sqlite.close()
        disk = sum(p.stat().st_size for p in Path(tmp).glob("scale.db*"))
        table.setdefault("bytes per mention", {})[("sqlite", SIZES[-1])] = (
            f"{disk / SIZES[-1]:,.0f}"
        )
    _engines(table, columns)


def _engines(table: dict[str, dict[tuple[str, int], str]], columns: list[tuple[str, int]]) -> None:
    for backend in ENGINES:
        sizes = [s for s in SIZES if s <= ENGINE_MAX]
        with ExitStack() as stack:
            engine = _engine(stack, backend)
            if engine is None:
                print(f"{backend}: skipped (java/mvn not found, BENCH_{backend.upper()}_URL unset)")
                continue
            for label, by_size in run(backend, engine, sizes).items():
                for size, cell in by_size.items():
                    table.setdefault(label, {})[(backend, size)] = cell
            columns += [(backend, s) for s in sizes]
    _print(table, columns)


def _print(table: dict[str, dict[tuple[str, int], str]], columns: list[tuple[str, int]]) -> None:
    header = " | ".join(f"{b} {s:,}" for b, s in columns)
    print(f"\n| measurement (ms unless docs/s) | {header} |")
    print("|---|" + "---:|" * len(columns))
    for label, by_column in table.items():
        cells = " | ".join(by_column.get(c, "") for c in columns)
        print(f"| {label} | {cells} |")


if __name__ == "__main__":
    main()
