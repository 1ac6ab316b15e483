"""A small fixed set of mentions that exercises every filter, split and text rule."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from core.enums import Category, Channel, SentimentLabel, Severity
from core.models import Author, Complaint, Mention, Sentiment, Urgency


def make_mention(
    native_id: str,
    text: str,
    published_at: datetime,
    *,
    channel: Channel = Channel.WEIBO,
    source: str | None = None,
    title: str | None = None,
    plans: list[str] | None = None,
    keywords: list[str] | None = None,
    sentiment: SentimentLabel | None = None,
    category: Category | None = None,
    urgency: float | None = None,
    author: str | None = None,
    region: str | None = None,
    complaint: bool | None = None,
) -> Mention:
    """A mention with classifier output filled in only where given."""
    extra: dict[str, Any] = {}
    if sentiment is not None:
        extra["sentiment"] = Sentiment(label=sentiment, score=0.1)
    if urgency is not None:
        extra["urgency"] = Urgency(level=Severity.from_score(urgency), score=urgency)
    if complaint is not None:
        extra["complaint"] = Complaint(flag=complaint, probability=0.9 if complaint else 0.2)
    return Mention(
        source=source or str(channel),
        channel=channel,
        native_id=native_id,
        text=text,
        title=title,
        published_at=published_at,
        collected_at=datetime(2026, 7, 1, 12, 0, 0, 123456, tzinfo=UTC),
        plans=plans or [],
        keywords=keywords or [],
        category=category,
        author=Author(name=author, followers=10),
        region=region,
        **extra,
    )


def _at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


NEG, NEU, POS = SentimentLabel.NEGATIVE, SentimentLabel.NEUTRAL, SentimentLabel.POSITIVE

CORPUS: dict[str, Mention] = {
    "refund": make_mention(
        "1",
        "申请退款一直没到账，客服推诿",
        _at(5, 1, 1),
        plans=["brand_a"],
        keywords=["退款"],
        sentiment=NEG,
        category=Category.AFTER_SALES_REFUND,
        urgency=60,
        author="小王",
        region="广东",
        complaint=True,
    ),
    "screen": make_mention(
        "2",
        "手机屏幕质量太差，用了三天就坏了",
        _at(5, 1, 15, 30),
        channel=Channel.FORUM,
        plans=["brand_a"],
        keywords=["质量"],
        sentiment=NEG,
        category=Category.PRODUCT_QUALITY,
        urgency=30,
        author="小李",
        region="北京",
        complaint=True,
    ),
    "regulator": make_mention(
        "3",
        "退货退款流程太慢，已投诉12315",
        _at(5, 2, 2),
        channel=Channel.COMPLAINT_PLATFORM,
        source="heimao",
        plans=["brand_a", "brand_b"],
        keywords=["退款", "12315"],
        sentiment=NEG,
        category=Category.AFTER_SALES_REFUND,
        urgency=90,
        author="小王",
        region="广东",
        complaint=True,
    ),
    "launch": make_mention(
        "4",
        "新品发布会圆满成功",
        _at(5, 2, 16, 30),
        channel=Channel.NEWS,
        plans=["brand_b"],
        sentiment=POS,
        category=Category.OTHER,
        urgency=5,
        author="新闻社",
        complaint=False,
    ),
    "battery": make_mention(
        "5",
        "iPhone15 电池续航不行",
        _at(6, 10, 8),
        plans=["brand_b"],
        sentiment=NEU,
        category=Category.PRODUCT_QUALITY,
        region="海外",
    ),
    "courier": make_mention(
        "6",
        "快递丢件了，物流太差",
        _at(6, 11, 0),
        channel=Channel.EMAIL,
        title="投诉：物流",
        author="小李",
        complaint=True,
    ),
    "lone": make_mention("7", "我要退！", _at(6, 12, 9), channel=Channel.FORUM, plans=["brand_a"]),
}


def ids(*names: str) -> set[str]:
    """Mention ids of corpus entries by name."""
    return {CORPUS[n].id for n in names}


def names(mentions: list[Mention]) -> list[str]:
    """Corpus names of mentions, in order."""
    by_id = {m.id: name for name, m in CORPUS.items()}
    return [by_id[m.id] for m in mentions]
