"""A synthetic but realistic JSONL intake file for the streaming-ingest benchmark (not shipped).

Real food-delivery reviews (the demo sample) dressed as Weibo posts, forum threads, complaint
entries and emails about one brand, spread over 90 days (about 11k a day), with reposts of
earlier posts by other authors, a few floods (one author repeating a text) and some broken
lines — the mix a crawler export has.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from collectors.demo.stream import background_texts, shape

BRAND = "鲜味坊"
START = datetime(2026, 9, 1, tzinfo=UTC)
STEP = 90 * 86_400 / 1_000_000  # seconds between lines: 1M lines in 90 days
SOURCES = {
    "weibo": "weibo_search",
    "forum": "tieba",
    "complaint_platform": "heimao",
    "email": "mailbox",
}
REPOST = 0.04  # share of lines reposting an earlier post (same text, another author)
FLOOD = 0.005  # share of lines where an author posts their previous text again
BROKEN = 0.0005  # share of lines that are not JSON (counted as rejected)


def records(count: int, seed: int = 17) -> Iterator[dict[str, Any] | str]:
    """`count` intake records (a dict per mention, a string per broken line), in order."""
    texts = background_texts()
    rng = random.Random(seed)
    recent: list[dict[str, Any]] = []
    for number in range(count):
        roll = rng.random()
        if roll < BROKEN:
            yield f'{{"source": "weibo_search", "native_id": "{number}", "text": "断'
            continue
        at = START + timedelta(seconds=number * STEP + rng.uniform(-600, 600))
        if recent and roll < BROKEN + FLOOD + REPOST:
            earlier = rng.choice(recent)
            record = _again(earlier, number, at, rng, flood=roll < BROKEN + FLOOD)
        else:
            record = _fresh(texts, number, at, rng)
        recent.append(record)
        if len(recent) > 200:
            recent.pop(0)
        yield record


def _fresh(texts: tuple[str, ...], number: int, at: datetime, rng: random.Random) -> dict:
    review = texts[rng.randrange(len(texts))]
    if rng.random() < 0.4:
        review += "，" + texts[rng.randrange(len(texts))]
    if rng.random() < 0.25:
        review += f"（订单尾号{rng.randrange(1000, 9999)}）"
    fields = shape(review, BRAND, rng)
    channel = str(fields.pop("channel"))
    return {
        "source": SOURCES[channel],
        "channel": channel,
        "native_id": str(number),
        "url": f"https://example.com/{channel}/{number}",
        "published_at": at.isoformat(),
        **fields,
    }


def _again(
    earlier: dict[str, Any], number: int, at: datetime, rng: random.Random, flood: bool
) -> dict[str, Any]:
    record = {**earlier, "native_id": str(number), "published_at": at.isoformat()}
    record["url"] = f"https://example.com/{earlier['channel']}/{number}"
    if not flood:
        name = f"转发用户{rng.randrange(1, 100_000)}"
        record["author"] = {"name": name, "followers": int(rng.lognormvariate(4, 1.5))}
        record["text"] = f"转发微博//@{earlier['author']['name']}: {earlier['text']}"
        record["repost_of"] = earlier["native_id"]
    return record


def write(path: Path, count: int, marks: list[int], seed: int = 17) -> dict[int, int]:
    """Write `count` lines to path; returns the byte offset after line N for each N in marks."""
    offsets: dict[int, int] = {}
    wanted = set(marks)
    written = 0
    with path.open("wb") as handle:
        for number, record in enumerate(records(count, seed), start=1):
            line = record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)
            data = (line + "\n").encode()
            handle.write(data)
            written += len(data)
            if number in wanted:
                offsets[number] = written
    return offsets
