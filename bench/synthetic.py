"""Synthetic mention streams for alerting tests and benchmarks (already classified; not shipped).

Background traffic follows a diurnal curve with busier weekends; incidents are scripted on
top. A pass-through classifier keeps the labels the generator chose.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from collectors.demo.stream import poisson
from core.enums import Category, Channel, SentimentLabel, Severity, UrgencySignal
from core.models import Author, Mention, Sentiment, Urgency, UrgencyReason

TZ = ZoneInfo("Asia/Shanghai")
HOURLY = [
    0.3,
    0.2,
    0.1,
    0.1,
    0.1,
    0.2,
    0.4,
    0.7,
    0.9,
    1.0,
    1.2,
    1.8,
    2.0,
    1.5,
    1.0,
    0.9,
    1.0,
    1.6,
    1.9,
    1.7,
    1.4,
    1.1,
    0.8,
    0.5,
]
HOURLY_MEAN = sum(HOURLY) / len(HOURLY)
WEEKEND = 1.3
SOURCES = {
    "weibo-search": Channel.WEIBO,
    "tieba": Channel.FORUM,
    "heimao": Channel.COMPLAINT_PLATFORM,
}
VOCAB = [
    "配送",
    "送餐慢",
    "味道",
    "分量",
    "客服",
    "退款",
    "包装",
    "价格",
    "优惠券",
    "骑手",
    "凉了",
    "好吃",
]
CATEGORIES = [
    (Category.DELIVERY_LOGISTICS, 0.3),
    (Category.PRODUCT_QUALITY, 0.2),
    (Category.SERVICE_ATTITUDE, 0.15),
    (Category.AFTER_SALES_REFUND, 0.1),
    (Category.CONTRACT_PRICING, 0.08),
    (Category.FOOD_SAFETY_HEALTH, 0.02),
    (Category.OTHER, 0.15),
]


class PassThroughClassifier:
    """Keeps whatever labels the mentions already carry (test double for the Classifier)."""

    name = "passthrough"

    def classify(self, mentions: Sequence[Mention]) -> list[Mention]:
        """The mentions unchanged."""
        return list(mentions)


@dataclass
class Incident:
    """A scripted incident: where it starts and what it is (for scoring)."""

    kind: str
    start: datetime
    should_alert: bool


def make_mention(
    key: str,
    at: datetime,
    text: str,
    *,
    sentiment: SentimentLabel = SentimentLabel.NEGATIVE,
    category: Category = Category.OTHER,
    urgency: Severity = Severity.LOW,
    source: str = "weibo-search",
    followers: int = 100,
    verified: bool = False,
    keywords: Sequence[str] = (),
    plans: Sequence[str] = ("brand",),
    author: str | None = None,
) -> Mention:
    """One classified mention."""
    score = {
        Severity.LOW: 10.0,
        Severity.MEDIUM: 40.0,
        Severity.HIGH: 60.0,
        Severity.CRITICAL: 90.0,
    }
    reasons = (
        [UrgencyReason(code=UrgencySignal.HARM_TO_PEOPLE, evidence="食物中毒", weight=30)]
        if urgency.rank >= 2
        else []
    )
    return Mention(
        source=source,
        channel=SOURCES.get(source, Channel.OTHER),
        native_id=key,
        url=f"https://example.com/{source}/{key}",
        author=Author(name=author or f"用户{key[-4:]}", followers=followers, verified=verified),
        text=text,
        published_at=at,
        collected_at=at,
        plans=list(plans),
        keywords=list(keywords),
        sentiment=Sentiment(
            label=sentiment, score=0.1 if sentiment == SentimentLabel.NEGATIVE else 0.9
        ),
        category=category,
        urgency=Urgency(level=urgency, score=score[urgency], reasons=reasons),
    )


def background(
    start: datetime, end: datetime, rate_per_hour: float, seed: int = 1
) -> Iterator[Mention]:
    """Normal traffic in [start, end): diurnal, weekly, mostly low urgency."""
    slot = int(start.timestamp() // 60)
    while slot * 60 < end.timestamp():
        moment = datetime.fromtimestamp(slot * 60, TZ)
        factor = HOURLY[moment.hour] / HOURLY_MEAN * (WEEKEND if moment.weekday() >= 5 else 1.0)
        rng = random.Random(seed * 1_000_003 + slot)
        for n in range(poisson(rng, rate_per_hour / 60 * factor)):
            at = moment + timedelta(seconds=rng.random() * 60)
            if start <= at < end:
                yield _background_one(rng, f"bg{seed}-{slot}-{n}", at)
        slot += 1


def _background_one(rng: random.Random, key: str, at: datetime) -> Mention:
    roll = rng.random()
    sentiment = (
        SentimentLabel.NEGATIVE
        if roll < 0.45
        else SentimentLabel.NEUTRAL
        if roll < 0.75
        else SentimentLabel.POSITIVE
    )
    category = rng.choices([c for c, _ in CATEGORIES], [w for _, w in CATEGORIES])[0]
    urgency = Severity.MEDIUM if rng.random() < 0.08 else Severity.LOW
    return make_mention(
        key,
        at,
        f"日常评价 {rng.choice(VOCAB)} {key}",
        sentiment=sentiment,
        category=category,
        urgency=urgency,
        source=rng.choice(list(SOURCES)),
        followers=int(rng.lognormvariate(5.0, 1.3)),
        keywords=rng.sample(VOCAB, 2),
    )


def burst(start: datetime, size: int = 40, seed: int = 2, minutes: float = 10) -> list[Mention]:
    """A KOL food-poisoning post, then `size` similar complaints within `minutes`."""
    rng = random.Random(seed)
    kol = make_mention(
        f"kol{seed}",
        start,
        "吃了他家外卖全家食物中毒，孩子住院了，已报警并联系记者曝光！",
        category=Category.FOOD_SAFETY_HEALTH,
        urgency=Severity.CRITICAL,
        followers=1_200_000,
        verified=True,
        keywords=["食物中毒", "曝光"],
        author="美食博主老王",
    )
    rest = [
        make_mention(
            f"burst{seed}-{i}",
            start + timedelta(seconds=30 + rng.random() * minutes * 60),
            f"我也是吃完拉肚子，食物中毒 {i}",
            category=Category.FOOD_SAFETY_HEALTH,
            urgency=Severity.MEDIUM,
            followers=int(rng.lognormvariate(5, 1)),
            keywords=["食物中毒", "拉肚子"],
        )
        for i in range(size)
    ]
    return [kol, *rest]


def ramp(
    start: datetime, hours: float = 2, peak_per_minute: float = 2.0, seed: int = 3
) -> list[Mention]:
    """A slowly growing delivery complaint wave (no single urgent mention)."""
    rng = random.Random(seed)
    out = []
    minutes = int(hours * 60)
    for minute in range(minutes):
        for n in range(poisson(rng, peak_per_minute * (minute + 1) / minutes)):
            at = start + timedelta(minutes=minute, seconds=rng.random() * 60)
            out.append(
                make_mention(
                    f"ramp{seed}-{minute}-{n}",
                    at,
                    f"骑手把餐送丢了，客服推诿 {minute}",
                    category=Category.DELIVERY_LOGISTICS,
                    keywords=["送丢", "推诿"],
                )
            )
    return out


def promotion(start: datetime, size: int = 80, minutes: float = 20, seed: int = 4) -> list[Mention]:
    """A positive decoy burst (a promotion people love): must not alert."""
    rng = random.Random(seed)
    return [
        make_mention(
            f"promo{seed}-{i}",
            start + timedelta(seconds=rng.random() * minutes * 60),
            f"周年庆优惠太划算了 {i}",
            sentiment=SentimentLabel.POSITIVE,
            category=Category.CONTRACT_PRICING,
            keywords=["周年庆", "优惠"],
        )
        for i in range(size)
    ]
