"""Shared parts of the generated review weeks (bank_week, cosmetics_week; not shipped): the
week's clock, the daily rhythm, authors, and a mention record in the intake JSON."""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

DATA = Path("/work/shared/data")
TZ = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 11, 23, tzinfo=TZ)  # a Monday
HOURLY = [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.7, 1.0, 1.3, 1.4, 1.5]
HOURLY += [1.6, 1.3, 1.2, 1.3, 1.4, 1.4, 1.5, 1.7, 1.9, 1.8, 1.3, 0.7]
REGIONS = ["广东", "北京", "上海", "浙江", "江苏", "四川", "湖北", "山东", "河南", "福建"]
SOURCES = {"weibo": "weibo_search", "forum": "tieba", "complaint_platform": "heimao"}


def rows(path: Path, column: str, text: str = "text") -> list[tuple[str, str]]:
    """(text, label) pairs of a corpus CSV, texts of 8–400 characters."""
    with path.open(encoding="utf-8") as handle:
        found = [(r[text].strip(), r.get(column) or "") for r in csv.DictReader(handle)]
    return [(t, label) for t, label in found if 8 <= len(t) <= 400]


def author(rng: random.Random, prefix: str = "用户") -> dict[str, Any]:
    """An ordinary account: Pareto-distributed followers, verified above 50,000."""
    followers = int(rng.paretovariate(1.2) * 40)
    return {
        "id": str(rng.randrange(10**9)),
        "name": f"{prefix}{rng.randrange(10**6):06d}",
        "followers": followers,
        "verified": followers > 50_000,
    }


def moment(day: int, rng: random.Random) -> datetime:
    """A time on the week's day `day` (0 = Monday), following the daily rhythm."""
    hour = rng.choices(range(24), weights=HOURLY)[0]
    return START + timedelta(days=day, hours=hour, seconds=rng.randrange(3600))


def record(
    prefix: str, n: int, channel: str, text: str, at: datetime, rng: random.Random, **extra: Any
) -> dict[str, Any]:
    """One mention JSON with native id `{prefix}{n}`, collected 2–15 minutes after publication."""
    source = SOURCES[channel]
    found: dict[str, Any] = {
        "source": source,
        "native_id": f"{prefix}{n}",
        "channel": channel,
        "url": f"https://example.com/{source}/{prefix}{n}",
        "author": author(rng),
        "region": rng.choice(REGIONS),
        "text": text,
        "published_at": at.isoformat(),
        "collected_at": (at + timedelta(minutes=rng.randrange(2, 15))).isoformat(),
        "metrics": {"reposts": 0, "comments": rng.randrange(0, 8), "likes": rng.randrange(0, 30)},
    }
    found.update(extra)
    return found


def write(out: Path, records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Write the records to `out` as JSONL in publication order; the sorted records."""
    ordered = sorted(records, key=lambda r: r["published_at"])
    with out.open("w", encoding="utf-8") as handle:
        for item in ordered:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    return ordered
