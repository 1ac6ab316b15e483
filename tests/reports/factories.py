"""A fixed two-week dataset with known labels, for the report tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from core.context import Context
from core.enums import Category, Channel, SentimentLabel, Severity
from core.models import Mention, Sentiment, Urgency

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)  # Monday: last full week is 11-16 … 11-22
WEEK = datetime(2026, 11, 16, tzinfo=TZ)
PREV_WEEK = datetime(2026, 11, 9, tzinfo=TZ)
PLAN = "acme"

_SCORES = {
    Severity.LOW: 10,
    Severity.MEDIUM: 30,
    Severity.HIGH: 60,
    Severity.CRITICAL: 90,
}
_POLARITY = {
    SentimentLabel.NEGATIVE: 0.1,
    SentimentLabel.NEUTRAL: 0.5,
    SentimentLabel.POSITIVE: 0.9,
}


@dataclass(frozen=True)
class Spec:
    """What one group of generated mentions looks like."""

    n: int
    sentiment: SentimentLabel
    category: Category
    urgency: Severity
    channel: Channel
    keywords: tuple[str, ...]
    text: str


# Reported week: 40 mentions, 20 negative (10 logistics, 6 quality, 3 attitude, 1 safety).
CURRENT = [
    Spec(
        6,
        SentimentLabel.NEGATIVE,
        Category.DELIVERY_LOGISTICS,
        Severity.MEDIUM,
        Channel.WEIBO,
        ("快递", "延迟"),
        "快递延迟一周了还没到，客服电话13812345678一直没人接",
    ),
    Spec(
        4,
        SentimentLabel.NEGATIVE,
        Category.DELIVERY_LOGISTICS,
        Severity.HIGH,
        Channel.COMPLAINT_PLATFORM,
        ("快递",),
        "快递丢件，地址北京市朝阳区建国路88号3栋2单元501室，要求赔偿",
    ),
    Spec(
        6,
        SentimentLabel.NEGATIVE,
        Category.PRODUCT_QUALITY,
        Severity.LOW,
        Channel.FORUM,
        ("质量",),
        "质量太差，用了两天就坏了",
    ),
    Spec(
        3,
        SentimentLabel.NEGATIVE,
        Category.SERVICE_ATTITUDE,
        Severity.MEDIUM,
        Channel.WEIBO,
        ("客服",),
        "客服态度恶劣，互相推诿",
    ),
    Spec(
        1,
        SentimentLabel.NEGATIVE,
        Category.FOOD_SAFETY_HEALTH,
        Severity.CRITICAL,
        Channel.WEIBO,
        ("异物",),
        "吃出异物，孩子住院了，身份证110101199003071234，已报警",
    ),
    Spec(
        12,
        SentimentLabel.NEUTRAL,
        Category.OTHER,
        Severity.LOW,
        Channel.NEWS,
        ("新品",),
        "新品发布会明天举行",
    ),
    Spec(
        8,
        SentimentLabel.POSITIVE,
        Category.OTHER,
        Severity.LOW,
        Channel.FORUM,
        ("好评",),
        "售后处理很快，点赞",
    ),
]
# Comparison week: 20 mentions, 8 negative (2 logistics, 5 quality, 1 attitude).
PREVIOUS = [
    Spec(
        2,
        SentimentLabel.NEGATIVE,
        Category.DELIVERY_LOGISTICS,
        Severity.LOW,
        Channel.WEIBO,
        ("快递",),
        "快递有点慢",
    ),
    Spec(
        5,
        SentimentLabel.NEGATIVE,
        Category.PRODUCT_QUALITY,
        Severity.MEDIUM,
        Channel.FORUM,
        ("质量",),
        "质量一般，有划痕",
    ),
    Spec(
        1,
        SentimentLabel.NEGATIVE,
        Category.SERVICE_ATTITUDE,
        Severity.LOW,
        Channel.WEIBO,
        ("客服",),
        "客服回复慢",
    ),
    Spec(
        7,
        SentimentLabel.NEUTRAL,
        Category.OTHER,
        Severity.LOW,
        Channel.NEWS,
        ("新品",),
        "新品预告",
    ),
    Spec(
        5,
        SentimentLabel.POSITIVE,
        Category.OTHER,
        Severity.LOW,
        Channel.WEIBO,
        ("好评",),
        "很好用",
    ),
]


REGIONS = ["广东", "北京", "浙江", None]  # every fourth mention has no IP属地


COLLECTED_AFTER = timedelta(minutes=5)  # collected live, as a source running all along does


def mention(
    spec: Spec,
    i: int,
    published: datetime,
    plan: str = PLAN,
    tag: str = "",
    collected: datetime | None = None,
) -> Mention:
    """One labelled mention, collected 5 minutes after publication unless `collected` says."""
    return Mention(
        source="test",
        native_id=f"{tag}{published.isoformat()}-{spec.category}-{i}",
        channel=spec.channel,
        text=f"{spec.text}（{i}）",
        published_at=published,
        collected_at=collected or published + COLLECTED_AFTER,
        plans=[plan],
        keywords=list(spec.keywords),
        sentiment=Sentiment(label=spec.sentiment, score=_POLARITY[spec.sentiment]),
        category=spec.category,
        urgency=Urgency(level=spec.urgency, score=_SCORES[spec.urgency]),
        region=REGIONS[i % len(REGIONS)],
    )


def spread(specs: list[Spec], start: datetime, tag: str) -> list[Mention]:
    """The groups spread over the 7 days from start, at varying hours."""
    result = []
    k = 0
    for spec in specs:
        for i in range(spec.n):
            published = start + timedelta(days=k % 7, hours=8 + (k * 5) % 14, minutes=k % 60)
            result.append(mention(spec, i, published, tag=tag))
            k += 1
    return result


def two_weeks() -> list[Mention]:
    """The reported week, the comparison week and a few mentions outside both."""
    outside = [
        mention(PREVIOUS[0], 0, NOW - timedelta(hours=1), tag="after"),  # this Monday: not reported
        mention(PREVIOUS[0], 0, PREV_WEEK - timedelta(minutes=1), tag="before"),
        mention(CURRENT[0], 99, WEEK + timedelta(days=1), plan="other", tag="other"),
    ]
    return spread(CURRENT, WEEK, "cur") + spread(PREVIOUS, PREV_WEEK, "prev") + outside


def add_alerts(ctx: Context) -> None:
    """Four alerts: before the week (resolved / still open), inside it, after it."""
    from alerting.models import Alert as alert

    alert.__table__.create(ctx.engine, checkfirst=True)

    def make(
        title: str, severity: str, status: str, opened: datetime, resolved: datetime | None
    ) -> Any:
        at = opened.astimezone(UTC)
        return alert(
            rule="spike",
            rule_type="spike",
            key=title,
            severity=severity,
            status=status,
            title=title,
            summary="",
            opened_at=at,
            updated_at=at,
            last_fired_at=at,
            acknowledged_at=at + timedelta(minutes=12),
            resolved_at=resolved,
            count=7,
        )

    with ctx.sessions() as session:
        session.add_all(
            [
                make(
                    "上周已解决",
                    "warning",
                    "resolved",
                    WEEK - timedelta(days=3),
                    WEEK - timedelta(days=2),
                ),
                make("上周未解决", "critical", "open", WEEK - timedelta(days=1), None),
                make("本周预警", "high", "acknowledged", WEEK + timedelta(days=2, hours=9), None),
                make("下周预警", "critical", "open", WEEK + timedelta(days=7, hours=1), None),
            ]
        )
        session.commit()
