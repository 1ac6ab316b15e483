"""A corpus for the embedded index at scale, and the brute-force answers its rollups, pages
and counts are held against (tests/core/test_index_*.py)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from core.enums import Category, Channel, SentimentLabel, Severity
from core.index.protocol import BrandSide, SearchQuery, SplitField
from core.models import Complaint, Mention, Sentiment, Urgency

START = datetime(2026, 11, 1, tzinfo=UTC)
SHANGHAI = ZoneInfo("Asia/Shanghai")
WORDS = ["退款", "客服", "质量", "物流", "异物"]
SIDE = BrandSide(own=("a",), rivals=("b",))  # b is a competitor: only its own posts are left out


def corpus(count: int = 400, seed: int = 3) -> list[Mention]:
    """Mentions over 10 days; every tenth shares its second with the one before."""
    rng = random.Random(seed)
    out: list[Mention] = []
    for number in range(count):
        if number % 10 == 1:
            published = out[-1].published_at
        else:
            published = START + timedelta(
                seconds=rng.randint(0, 10 * 86_400), milliseconds=rng.randint(0, 999)
            )
        score = rng.uniform(0, 100)
        out.append(
            Mention(
                source=rng.choice(["weibo_search", "tieba"]),
                channel=rng.choice([Channel.WEIBO, Channel.FORUM, Channel.NEWS]),
                native_id=str(number),
                text="，".join(rng.sample(WORDS, 2)) + rng.choice(["", "吗", "退"]),
                published_at=published,
                plans=rng.sample(["a", "b"], rng.randint(0, 2)),
                keywords=rng.sample(WORDS, rng.randint(0, 3)),
                sentiment=(
                    Sentiment(label=rng.choice(list(SentimentLabel)), score=0.5)
                    if number % 7
                    else None
                ),
                category=rng.choice(list(Category)),
                region=rng.choice(["广东", "北京", None]),
                urgency=Urgency(level=Severity.from_score(score), score=score),
                complaint=(  # a third unclassified (NULL), the rest flagged or not
                    None if number % 3 == 0 else Complaint(flag=number % 3 == 1, probability=0.7)
                ),
            )
        )
    return out


def inside(m: Mention, q: SearchQuery) -> bool:
    """Brute-force filter of the queries used here."""
    return (
        (q.since is None or m.published_at >= q.since)
        and (q.until is None or m.published_at < q.until)
        and (not q.plans or bool(set(q.plans) & set(m.plans)))
        and (q.brand_side is None or q.brand_side.admits(m.plans))
        and (not q.sentiments or (m.sentiment is not None and m.sentiment.label in q.sentiments))
        and (not q.channels or m.channel in q.channels)
        and (q.complaint is None or (m.complaint is not None and m.complaint.flag == q.complaint))
        and (
            q.min_urgency is None
            or (m.urgency is not None and m.urgency.level.rank >= q.min_urgency.rank)
        )
        and all(t in m.full_text for t in (q.text or "").split())
    )


def value(m: Mention, field: SplitField) -> list[str]:
    if field == SplitField.KEYWORD:
        return list(m.keywords)
    if field == SplitField.PLAN:
        return list(m.plans)
    if field == SplitField.SENTIMENT:
        return [str(m.sentiment.label)] if m.sentiment else []
    if field == SplitField.REGION:
        return [m.region] if m.region else []
    return [str(m.channel)]
