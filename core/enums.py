"""Shared enumerations: every channel, label and level is a StrEnum, never a bare string."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    """Where a mention was published."""

    WEIBO = "weibo"
    FORUM = "forum"
    COMPLAINT_PLATFORM = "complaint_platform"
    EMAIL = "email"
    NEWS = "news"
    # 小红书-style note communities and video platforms (抖音, B站): complaints live in the
    # comments under a post, and they spread differently from microblogs and forums.
    SOCIAL = "social"
    VIDEO = "video"
    OTHER = "other"


class SentimentLabel(StrEnum):
    """Polarity of a mention."""

    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"


class Category(StrEnum):
    """Complaint taxonomy (see DOMAIN.md)."""

    PRODUCT_QUALITY = "product_quality"
    FOOD_SAFETY_HEALTH = "food_safety_health"
    CONTRACT_PRICING = "contract_pricing"
    DELIVERY_LOGISTICS = "delivery_logistics"
    SERVICE_ATTITUDE = "service_attitude"
    AFTER_SALES_REFUND = "after_sales_refund"
    PRIVACY_FRAUD = "privacy_fraud"
    OTHER = "other"


class UrgencyLevel(StrEnum):
    """How dangerous a mention is; ordered low < medium < high < critical."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """Position in the order low=0 … critical=3."""
        return _URGENCY_ORDER.index(self)

    @classmethod
    def from_score(cls, score: float) -> UrgencyLevel:
        """Map a 0–100 score onto a level (thresholds 25 / 50 / 75)."""
        if score >= 75:
            return cls.CRITICAL
        if score >= 50:
            return cls.HIGH
        if score >= 25:
            return cls.MEDIUM
        return cls.LOW


_URGENCY_ORDER = [UrgencyLevel.LOW, UrgencyLevel.MEDIUM, UrgencyLevel.HIGH, UrgencyLevel.CRITICAL]

CATEGORY_LABELS_ZH: dict[Category, str] = {
    Category.PRODUCT_QUALITY: "商品质量",
    Category.FOOD_SAFETY_HEALTH: "食品安全/人身安全",
    Category.CONTRACT_PRICING: "购销合同/价格",
    Category.DELIVERY_LOGISTICS: "货物运输/物流",
    Category.SERVICE_ATTITUDE: "服务态度",
    Category.AFTER_SALES_REFUND: "售后/退换货",
    Category.PRIVACY_FRAUD: "隐私/欺诈",
    Category.OTHER: "其他",
}

CHANNEL_LABELS_ZH: dict[Channel, str] = {
    Channel.WEIBO: "微博",
    Channel.FORUM: "论坛",
    Channel.COMPLAINT_PLATFORM: "投诉平台",
    Channel.EMAIL: "邮件",
    Channel.NEWS: "新闻/RSS",
    Channel.SOCIAL: "社交种草(小红书)",
    Channel.VIDEO: "视频平台(抖音/B站)",
    Channel.OTHER: "其他",
}

SENTIMENT_LABELS_ZH: dict[SentimentLabel, str] = {
    SentimentLabel.NEGATIVE: "负面",
    SentimentLabel.NEUTRAL: "中性",
    SentimentLabel.POSITIVE: "正面",
}

URGENCY_LABELS_ZH: dict[UrgencyLevel, str] = {
    UrgencyLevel.LOW: "低",
    UrgencyLevel.MEDIUM: "中",
    UrgencyLevel.HIGH: "高",
    UrgencyLevel.CRITICAL: "紧急",
}
