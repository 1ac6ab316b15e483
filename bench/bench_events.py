"""Event clustering throughput (tracker alone and inside ingest) and the dedup lookup at 100k."""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from app.config import AppConfig
from brand_events.synthetic import build_stream
from brand_events.tracker import EventTracker
from core.context import Context
from core.models import Author, Mention
from core.pipeline.dedup import AuthorCopy, ContentDeduper, SimilarityGroup

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


def _dedup_batch_ms(folder: Path, rows: int) -> float:
    """CPU ms to dedup a 500-mention batch against `rows` known digests (issue 17's lookup)."""
    ctx = Context(config=_config(), data_dir=folder)
    with ctx.sessions.begin() as session:
        session.execute(
            AuthorCopy.__table__.insert(),
            [{"digest": f"{i:040x}", "mention_id": str(i), "repeats": 0} for i in range(rows)],
        )
        session.execute(
            SimilarityGroup.__table__.insert(),
            [{"digest": f"{i:040x}", "group_id": str(i), "size": 1} for i in range(rows)],
        )
    deduper = ContentDeduper(ctx.sessions)
    samples = []
    start = _stream()[0].published_at
    for run in range(5):
        batch = [
            Mention(
                source="bench",
                native_id=f"{run}-{i}",
                text=f"鲜味坊第{run}批第{i}条投诉",
                published_at=start + timedelta(seconds=i),
                author=Author(id=f"a{i}"),
            )
            for i in range(BATCH)
        ]
        started = time.process_time()
        deduper.split(batch)
        samples.append((time.process_time() - started) * 1000)
    ctx.close()
    return statistics.median(samples)


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
        dedup_10k = _dedup_batch_ms(Path(tmp) / "d10k", 10_000)
        dedup_100k = _dedup_batch_ms(Path(tmp) / "d100k", 100_000)
    print(f"{len(mentions):,} mentions (chatter + promotion + incident), {RUNS} runs, mean ± sd")
    print("| what | per CPU second (one core) | per wall second (shared machine) |")
    print(f"| event clustering alone (tracker.track, batches of {BATCH}) | {_spread(tracker)} /s |")
    print(f"| ingest without events | {_spread(plain)} /s |")
    print(f"| ingest with events | {_spread(full)} /s |")
    for known, ms in (("10k", dedup_10k), ("100k", dedup_100k)):
        print(f"| dedup of a {BATCH}-batch, {known} known texts (median of 5) | {ms:.1f} CPU ms |")


if __name__ == "__main__":
    main()
