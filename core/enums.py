"""Shared enumerations: every channel, label and level is a StrEnum, never a bare string."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any


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


class Severity(StrEnum):
    """How serious something is: a mention's urgency, an alert, a case, a notice, a report item.

    Ordered low < medium < high < critical. Older alert stores and rule files spelled the
    two lower levels "info" and "warning"; those (and "warn", "error") still load.
    """

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @classmethod
    def _missing_(cls, value: object) -> Severity | None:
        text = str(value).strip().lower()
        alias = LEGACY_SEVERITY_NAMES.get(text, text)
        return cls._value2member_map_.get(alias)  # type: ignore[return-value]

    @property
    def rank(self) -> int:
        """Position in the order low=0 … critical=3."""
        return _SEVERITY_ORDER.index(self)

    @property
    def label_zh(self) -> str:
        """The one Chinese label of this level (alerts, cases, urgency, reports)."""
        return SEVERITY_LABELS_ZH[self]

    @classmethod
    def from_score(cls, score: float) -> Severity:
        """Map a 0–100 urgency score onto a level (thresholds 25 / 50 / 75)."""
        if score >= 75:
            return cls.CRITICAL
        if score >= 50:
            return cls.HIGH
        if score >= 25:
            return cls.MEDIUM
        return cls.LOW

    @classmethod
    def highest(cls, levels: Iterable[Severity | str]) -> Severity | None:
        """The most serious of levels (None when there are none)."""
        found = [cls(level) for level in levels]
        return max(found, key=lambda level: level.rank) if found else None


_SEVERITY_ORDER = [Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL]

# Names older versions stored or accepted, mapped onto today's values.
LEGACY_SEVERITY_NAMES: dict[str, str] = {
    "info": "low",
    "warning": "medium",
    "warn": "medium",
    "error": "high",
}

# One label per level, used everywhere a person reads a severity or urgency level. They
# read as an adjective after 级别/严重程度/紧急程度 and stand alone in a title's 【】.
SEVERITY_LABELS_ZH: dict[Severity, str] = {
    Severity.LOW: "一般",
    Severity.MEDIUM: "较重",
    Severity.HIGH: "严重",
    Severity.CRITICAL: "紧急",
}


class PlanRole(StrEnum):
    """Whose mentions a monitoring plan gathers: the brand's own (本品) or a competitor's (竞品).

    A competitor's mentions are collected and classified like the brand's, compared in the
    周报's 竞品对比 and on 舆情分析, and kept out of the brand's alerts and KPIs."""

    OWN = "own"
    COMPETITOR = "competitor"


PLAN_ROLE_LABELS_ZH: dict[PlanRole, str] = {PlanRole.OWN: "本品", PlanRole.COMPETITOR: "竞品"}


class UrgencySignal(StrEnum):
    """What raised a mention's urgency (UrgencyReason.code); see DOMAIN.md."""

    HARM_TO_PEOPLE = "harm_to_people"
    LEGAL_REGULATORY = "legal_regulatory"
    MEDIA_EXPOSURE = "media_exposure"
    COLLECTIVE_ACTION = "collective_action"
    PRIVACY_HARASSMENT = "privacy_harassment"
    REPEAT_CONTACT = "repeat_contact"
    AUTHOR_INFLUENCE = "author_influence"
    SPREAD_VELOCITY = "spread_velocity"
    NEGATIVE_EMOTION = "negative_emotion"

    @property
    def label_zh(self) -> str:
        """The Chinese name of the signal."""
        return URGENCY_SIGNAL_LABELS_ZH[self]


URGENCY_SIGNAL_LABELS_ZH: dict[UrgencySignal, str] = {
    UrgencySignal.HARM_TO_PEOPLE: "人身安全",
    UrgencySignal.LEGAL_REGULATORY: "法律/监管投诉",
    UrgencySignal.MEDIA_EXPOSURE: "媒体曝光",
    UrgencySignal.COLLECTIVE_ACTION: "集体维权",
    UrgencySignal.PRIVACY_HARASSMENT: "隐私/骚扰",
    UrgencySignal.REPEAT_CONTACT: "重复投诉",
    UrgencySignal.AUTHOR_INFLUENCE: "作者影响力",
    UrgencySignal.SPREAD_VELOCITY: "传播速度",
    UrgencySignal.NEGATIVE_EMOTION: "强烈负面情绪",
}

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


class LabelChoice:
    """One of fixed values, given as its code (`negative`) or the Chinese name the tables show
    (`负面`); a part of a name also works when no other name has it (`退换货` of `售后/退换货`,
    `社交种草` of `社交种草(小红书)`). An unknown value raises ValueError listing every
    `code（中文）` pair and, for a near miss (`商品质最`), the value meant (`是否想用 商品质量？`).
    Used as typer's `parser=` and wherever a person types a label.

    `aliases` adds other names for a code (an earlier wording)."""

    def __init__(self, labels: Mapping[Any, str], aliases: Mapping[str, Any] | None = None):
        self.labels = dict(labels)
        parts: dict[str, set[Any]] = {}
        for code, zh in self.labels.items():
            for part in re.split(r"[/()（）]", zh):
                if part.strip():
                    parts.setdefault(part.strip().casefold(), set()).add(code)
        self.names: dict[str, Any] = {
            part: codes.pop() for part, codes in parts.items() if len(codes) == 1
        }
        self.names.update({zh.casefold(): code for code, zh in self.labels.items()})
        self.names.update({str(code).casefold(): code for code in self.labels})
        self.names.update({name.casefold(): code for name, code in (aliases or {}).items()})

    def choices_zh(self) -> str:
        """Every value as `code（中文）`, for help and errors."""
        return "、".join(f"{code}（{zh}）" for code, zh in self.labels.items())

    def get(self, value: object) -> Any | None:
        """The code of a code or name (surrounding spaces and letter case ignored), or None."""
        return self.names.get(str(value).strip().casefold())

    def suggestion(self, value: object) -> str | None:
        """The closest name to a mistyped value (`商品质最` → `商品质量`), as the tables show it
        (the Chinese name; the code when the value was typed in letters), or None."""
        typed = str(value).strip().casefold()
        # One character of two off (负而 for 负面) is a near miss in Chinese; codes in letters
        # need more in common, or `nonsense` would suggest `news`.
        cutoff = 0.5 if re.search(r"[\u4e00-\u9fff]", typed) else 0.75
        close = difflib.get_close_matches(typed, list(self.names), n=1, cutoff=cutoff)
        if not close:
            return None
        code = self.names[close[0]]
        return str(code) if close[0] == str(code).casefold() else self.labels[code]

    def refusal(self, value: object) -> str:
        """Why value is refused: every choice, and the closest one when there is a near miss."""
        hint = self.suggestion(value)
        meant = f"；是否想用 {hint}？" if hint else ""
        return f"{value!r} 不是可选值（可选：{self.choices_zh()}）{meant}"

    def __call__(self, value: Any) -> Any:
        """The code of a code or name; ValueError naming every choice for anything else."""
        code = self.get(value)
        if code is None:
            raise ValueError(self.refusal(value))
        return code


CHANNEL_CHOICE = LabelChoice(CHANNEL_LABELS_ZH)
SENTIMENT_CHOICE = LabelChoice(SENTIMENT_LABELS_ZH)
CATEGORY_CHOICE = LabelChoice(CATEGORY_LABELS_ZH)
SEVERITY_CHOICE = LabelChoice(SEVERITY_LABELS_ZH)
URGENCY_SIGNAL_CHOICE = LabelChoice(URGENCY_SIGNAL_LABELS_ZH)
PLAN_ROLE_CHOICE = LabelChoice(PLAN_ROLE_LABELS_ZH)
