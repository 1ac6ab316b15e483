"""Event clustering throughput (tracker alone and inside ingest) and the dedup lookups at 100k."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from app.config import AppConfig
from bench.bench_neardup import dedup_batch_ms
from brand_events.synthetic import build_stream
from brand_events.tracker import EventTracker
from collectors.demo.stream import background_texts
from core.context import Context
from core.models import Mention

BATCH = 500
RUNS = 3
PLAN = {"id": "x", "name": "鲜味坊", "expression": "鲜味坊|鲜味坊外卖", "own_accounts": ["官方"]}


def _config() -> AppConfig:
    return AppConfig.model_validate({"brand": "鲜味坊", "plans": [PLAN]})


def _stream() -> list[Mention]:
    return build_stream(seed=3, hours=200, per_hour=100).mentions  # ~20k mentions


Rate = tuple[float, float]  # mentions per CPU second of this process, per wall second


def _rates(count: int, cpu_started: float, wall_started: float) -> Rate:
    cpu = time.process_time() - cpu_started
    wall = time.perf_counter() - wall_started
    return count / cpu, count / wall


def _tracker_rate(classified: list[Mention], folder: Path) -> Rate:
    ctx = Context(config=_config(), data_dir=folder)
    tracker = EventTracker(ctx.sessions, ctx.config)
    tracker.track(classified[:10])  # tables and caches outside the timing
    cpu, wall = time.process_time(), time.perf_counter()
    for offset in range(10, len(classified), BATCH):
        tracker.track(classified[offset : offset + BATCH])
    rate = _rates(len(classified) - 10, cpu, wall)
    ctx.close()
    return rate


def _ingest_rate(mentions: list[Mention], folder: Path, with_events: bool) -> Rate:
    ctx = Context(config=_config(), data_dir=folder)
    pipeline = ctx.pipeline
    if not with_events:
        pipeline.listeners.clear()
    pipeline.process(mentions[:10])
    cpu, wall = time.process_time(), time.perf_counter()
    for offset in range(10, len(mentions), BATCH):
        pipeline.process(mentions[offset : offset + BATCH])
    rate = _rates(len(mentions) - 10, cpu, wall)
    ctx.close()
    return rate


def _spread(rates: list[Rate]) -> str:
    parts = []
    for values in ([r[0] for r in rates], [r[1] for r in rates]):
        spread = statistics.stdev(values) if len(values) > 1 else 0.0
        parts.append(f"{statistics.mean(values):,.0f} ± {spread:,.0f}")
    return " | ".join(parts)


def main() -> None:
    """Print mentions/s for clustering alone and for ingest with/without it, and dedup ms."""
    mentions = _stream()
    with tempfile.TemporaryDirectory() as tmp:
        ctx = Context(config=_config(), data_dir=Path(tmp) / "classify")
        classified = ctx.classifier.classify(mentions)
        ctx.close()
        tracker = [_tracker_rate(classified, Path(tmp) / f"t{run}") for run in range(RUNS)]
        plain = [_ingest_rate(mentions, Path(tmp) / f"p{run}", False) for run in range(RUNS)]
        full = [_ingest_rate(mentions, Path(tmp) / f"f{run}", True) for run in range(RUNS)]
        texts = background_texts()
        dedup_10k = dedup_batch_ms(Path(tmp) / "d10k", 10_000, texts)
        dedup_100k = dedup_batch_ms(Path(tmp) / "d100k", 100_000, texts)
    print(f"{len(mentions):,} mentions (chatter + promotion + incident), {RUNS} runs, mean ± sd")
    print("| what | per CPU second (one core) | per wall second (shared machine) |")
    print(f"| event clustering alone (tracker.track, batches of {BATCH}) | {_spread(tracker)} /s |")
    print(f"| ingest without events | {_spread(plain)} /s |")
    print(f"| ingest with events | {_spread(full)} /s |")
    for known, (ms, spread) in (("10k", dedup_10k), ("100k", dedup_100k)):
        print(
            f"| dedup of a {BATCH}-batch of new texts (exact + near-duplicate lookups),"
            f" {known} known texts (median of 5, range {spread:.0f}) | {ms:.1f} CPU ms |"
        )


if __name__ == "__main__":
    main()
