"""A deterministic demo stream: diurnal background traffic plus a scripted incident.

Every event is a pure function of (seed, minute slot), so a restart replays exactly the
same mentions and the cursor only needs the time it has emitted up to.
"""

from __future__ import annotations

import gzip
import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from core.enums import Channel

DEMO_DIR = Path(__file__).parent
# Relative volume by local hour: quiet nights, lunch and dinner peaks (food delivery).
HOURLY = [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.7, 0.9, 1.0, 1.2, 1.8,
          2.0, 1.5, 1.0, 0.9, 1.0, 1.6, 1.9, 1.7, 1.4, 1.1, 0.8, 0.5]  # fmt: skip
HOURLY_MEAN = sum(HOURLY) / len(HOURLY)
WEEKEND = 1.25
NICKS = ["小", "阿", "大", "老", "胖", "萌", "酷", "甜"]
NICK_TAILS = ["鱼", "猫", "熊", "桃", "橙", "鹿", "狗", "兔", "米", "豆", "虾", "瓜"]
# The authors' IP属地, weighted roughly by online population (a takeaway brand's customers).
REGIONS = {
    "广东": 14,
    "北京": 8,
    "上海": 8,
    "浙江": 8,
    "江苏": 7,
    "四川": 6,
    "山东": 6,
    "湖北": 5,
    "河南": 5,
    "湖南": 4,
    "福建": 4,
    "陕西": 3,
    "重庆": 3,
    "安徽": 3,
    "河北": 3,
    "辽宁": 3,
    "天津": 2,
    "广西": 2,
    "云南": 2,
    "江西": 2,
    "山西": 2,
    "黑龙江": 2,
    "吉林": 1,
    "贵州": 1,
    "内蒙古": 1,
    "新疆": 1,
    "甘肃": 1,
    "海南": 1,
    "宁夏": 1,
    "青海": 1,
    "西藏": 1,
    "香港": 1,
}


@dataclass(frozen=True)
class Event:
    """One demo mention before it becomes a Mention: when, and its fields."""

    at: datetime
    key: str
    fields: dict[str, Any]


@lru_cache(maxsize=1)
def background_reviews() -> tuple[tuple[str, bool], ...]:
    """The bundled sample of real food-delivery reviews: (text, positive in its corpus)."""
    with gzip.open(DEMO_DIR / "background.jsonl.gz", "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return tuple((row["text"], bool(row["positive"])) for row in rows)


@lru_cache(maxsize=1)
def background_texts() -> tuple[str, ...]:
    """The texts of background_reviews()."""
    return tuple(text for text, _ in background_reviews())


@lru_cache(maxsize=1)
def incident_script() -> tuple[dict[str, Any], ...]:
    """The scripted incident, ordered by offset."""
    data = yaml.safe_load((DEMO_DIR / "incident.yaml").read_text(encoding="utf-8"))
    return tuple(sorted(data, key=lambda e: e["offset"]))


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson-distributed count with this mean (Knuth's method; small means only)."""
    threshold, count, product = math.exp(-mean), 0, rng.random()
    while product > threshold:
        count += 1
        product *= rng.random()
    return count


def background_events(
    start: datetime, end: datetime, brand: str, rate_per_hour: float, seed: int, tz: ZoneInfo
) -> Iterator[Event]:
    """Background mentions published in [start, end), one deterministic draw per minute slot."""
    reviews = background_reviews()
    slot = int(start.timestamp() // 60)
    last = math.ceil(end.timestamp() / 60)
    while slot < last:
        slot_start = datetime.fromtimestamp(slot * 60, tz)
        factor = (
            HOURLY[slot_start.hour] / HOURLY_MEAN * (WEEKEND if slot_start.weekday() >= 5 else 1.0)
        )
        rng = random.Random(seed * 1_000_003 + slot)
        times = sorted(rng.random() * 60 for _ in range(poisson(rng, rate_per_hour / 60 * factor)))
        for number, second in enumerate(times):
            at = slot_start + timedelta(seconds=second)
            if start <= at < end:
                text, positive = reviews[rng.randrange(len(reviews))]
                yield Event(at, f"b{slot}-{number}", shape(text, brand, rng, positive))
        slot += 1


def shape(text: str, brand: str, rng: random.Random, positive: bool = False) -> dict[str, Any]:
    """Dress a review as a Weibo post, forum thread, complaint entry or email about the brand
    (praise is never filed on the complaint platform: it becomes feedback by email)."""
    name = rng.choice(NICKS) + rng.choice(NICK_TAILS) + str(rng.randrange(10, 9999))
    author = {
        "name": name,
        "followers": int(rng.lognormvariate(5.5, 1.6)),
        "verified": rng.random() < 0.02,
    }
    # Its own generator: the region does not shift the stream's other draws.
    region = random.Random(name).choices(list(REGIONS), list(REGIONS.values()))[0]
    roll = rng.random()
    if roll < 0.62:
        body = rng.choice(
            [f"#{brand}# {text}", f"{text} @{brand}官方", f"在{brand}点的外卖，{text}"]
        )
        metrics = {
            "reposts": rng.randrange(0, 8),
            "comments": rng.randrange(0, 12),
            "likes": rng.randrange(0, 40),
        }
        return {
            "channel": Channel.WEIBO,
            "text": body,
            "author": author,
            "metrics": metrics,
            "region": region,
        }
    if roll < 0.82:
        return {
            "channel": Channel.FORUM,
            "title": f"{brand}外卖怎么样？",
            "text": text,
            "author": author,
            "region": region,
        }
    if roll < 0.94 and not positive:
        title = f"投诉{brand}：{text[:14]}"
        return {
            "channel": Channel.COMPLAINT_PLATFORM,
            "title": title,
            "text": text,
            "author": author,
            "region": region,
        }
    return {
        "channel": Channel.EMAIL,
        "title": f"关于{brand}订单的反馈",
        "text": text,
        "author": author,
    }


PARENT_FIELDS = ("repost_of", "reply_to")


def incident_events(start: datetime) -> Iterator[Event]:
    """The scripted incident's mentions, relative to its start (parents named by their key)."""
    script = incident_script()
    keys = {entry["ref"]: f"i{n}" for n, entry in enumerate(script) if "ref" in entry}
    for number, entry in enumerate(script):
        fields = {k: v for k, v in entry.items() if k not in ("offset", "ref")}
        fields["channel"] = Channel(fields["channel"])
        for name in PARENT_FIELDS:
            if name in fields:
                fields[name] = keys[fields[name]]
        yield Event(start + timedelta(seconds=entry["offset"]), f"i{number}", fields)
