"""Pipeline ingest throughput into the embedded SQLite index, and search/aggregation latency."""

from __future__ import annotations

import resource
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.config import AppConfig
from collectors.demo.stream import background_events
from core.context import Context
from core.index.protocol import SearchQuery, SplitField
from core.models import Mention

DOCS = 20_000


def _mentions(count: int) -> list[Mention]:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    config = AppConfig(brand="鲜味坊")
    events = background_events(start, start + timedelta(days=60), "鲜味坊", 600, 3, config.tz)
    out = []
    for number, event in enumerate(events):
        if number == count:
            break
        fields = event.fields
        out.append(Mention(source="bench", native_id=str(number), published_at=event.at, **fields))
    return out


def main() -> None:
    """Print docs/s for ingest (classify + dedup + index) and ms for typical dashboard queries."""
    mentions = _mentions(DOCS)
    with tempfile.TemporaryDirectory() as tmp:
        plan = {"id": "x", "name": "x", "expression": "鲜味坊"}
        config = AppConfig.model_validate({"plans": [plan]})
        ctx = Context(config=config, data_dir=Path(tmp))
        ctx.pipeline.process(mentions[:10])  # load the model outside the timing
        started = time.perf_counter()
        for offset in range(10, len(mentions), 500):
            ctx.pipeline.process(mentions[offset : offset + 500])
        ingest = time.perf_counter() - started
        timings = {}
        for label, call in {
            "search '退款' (page of 50)": lambda: ctx.index.search(SearchQuery(text="退款")),
            "count negative": lambda: ctx.index.count(SearchQuery(sentiments=["negative"])),  # type: ignore[list-item]
            "hourly histogram split by sentiment": lambda: ctx.index.histogram(
                SearchQuery(), timedelta(hours=1), SplitField.SENTIMENT, config.tz
            ),
            "top 20 keywords": lambda: ctx.index.top_terms(SearchQuery(), SplitField.KEYWORD, 20),
        }.items():
            started = time.perf_counter()
            for _ in range(5):
                call()
            timings[label] = (time.perf_counter() - started) / 5 * 1000
        ctx.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| ingest {DOCS - 10:,} mentions (normalize→plans→dedup→classify→index) | "
          f"{(DOCS - 10) / ingest:,.0f} docs/s |")  # fmt: skip
    for label, ms in timings.items():
        print(f"| {label} over {DOCS:,} | {ms:.1f} ms |")
    print(f"| peak RSS | {peak:.0f} MB |")


if __name__ == "__main__":
    main()
