"""The Mention: one post, thread, complaint or email about a brand, and its classifier output.

The JSON form of this model is the intake format for files, webhooks and replays
(documented in README.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.enums import Category, Channel, SentimentLabel, Severity, UrgencySignal
from core.regions import normalize_region
from core.timeutil import as_utc


def mention_id(source: str, native_id: str) -> str:
    """Stable id: the first 20 hex digits of sha1(source + native id)."""
    return hashlib.sha1(f"{source}\x1f{native_id}".encode()).hexdigest()[:20]


def utcnow() -> datetime:
    """The current time, timezone-aware (UTC)."""
    return datetime.now(UTC)


class Author(BaseModel):
    """Who wrote the mention; followers and verified feed the urgency score."""

    model_config = ConfigDict(extra="ignore")

    id: str | None = None
    name: str | None = None
    followers: int | None = Field(default=None, ge=0)
    verified: bool = False


class Metrics(BaseModel):
    """Engagement counters at collection time."""

    model_config = ConfigDict(extra="ignore")

    reposts: int = Field(default=0, ge=0)
    comments: int = Field(default=0, ge=0)
    likes: int = Field(default=0, ge=0)
    views: int = Field(default=0, ge=0)


class Sentiment(BaseModel):
    """Polarity label and the model's probability that the text is positive."""

    label: SentimentLabel
    score: float = Field(ge=0.0, le=1.0)


class Complaint(BaseModel):
    """Whether the text is a complaint (defect, failure, refusal, fee…), and how sure."""

    flag: bool
    probability: float = Field(ge=0.0, le=1.0)
    # Why: the complaint cue words found in the text (defects, service failures, complaint
    # markers: 异响, 无法, 拒赔, 投诉 …), in text order, at most MAX_COMPLAINT_CUES; empty
    # when the model decided from the text as a whole, or a person set the flag.
    cues: list[str] = Field(default_factory=list, max_length=8)
    # Praise of a complaint the brand put right (服务补救后好评: "上次投诉丢件，第二天就全额赔付了，
    # 处理得挺快"): no complaint, a post-recovery satisfaction signal. Never set with flag.
    resolved: bool = False


class UrgencyReason(BaseModel):
    """One signal that raised the urgency score, with its evidence."""

    code: UrgencySignal
    evidence: str
    weight: float = 0.0

    @property
    def text_zh(self) -> str:
        """「人身安全：食物中毒」: the signal's Chinese name and its evidence."""
        return f"{self.code.label_zh}：{self.evidence}"


class Urgency(BaseModel):
    """Urgency score 0–100, its level and the reasons that raised it."""

    level: Severity
    score: float = Field(ge=0.0, le=100.0)
    reasons: list[UrgencyReason] = Field(default_factory=list)

    def reasons_zh(self, limit: int = 4) -> str:
        """The strongest reasons in Chinese, joined by「；」(the feed and alert messages)."""
        return "；".join(r.text_zh for r in self.reasons[:limit])


class Mention(BaseModel):
    """A brand mention or complaint, normalised, with classifier output once classified."""

    model_config = ConfigDict(extra="ignore")

    id: str = ""
    source: str = Field(min_length=1)
    channel: Channel = Channel.OTHER
    url: str | None = None
    native_id: str = Field(min_length=1)
    author: Author = Field(default_factory=Author)
    # The author's IP属地 as a short province-level name (core.regions.normalize_region).
    region: str | None = None
    title: str | None = None
    # For a post that is only pictures or emoticons, text is the placeholder "[图片]"/"[表情]".
    text: str
    # Links to the pictures the post carries (shown as links, never fetched or stored here).
    media: list[str] = Field(default_factory=list)
    # What cleaning had to drop or replace to keep the mention, and why (Chinese), e.g. a
    # quoted earlier e-mail that arrived garbled; empty for a mention stored as collected.
    repairs: list[str] = Field(default_factory=list)
    published_at: datetime
    collected_at: datetime = Field(default_factory=utcnow)
    metrics: Metrics = Field(default_factory=Metrics)
    reply_to: str | None = None
    repost_of: str | None = None
    # Id of the first mention with the same or nearly the same text by any author
    # (core.pipeline.dedup, core.pipeline.neardup).
    group_id: str | None = None
    plans: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    sentiment: Sentiment | None = None
    category: Category | None = None
    urgency: Urgency | None = None
    # Labels set by staff (人工校正), field → value ("sentiment": "negative", "complaint":
    # "true", ...); they overrule the classifier on every later re-classification too.
    corrected: dict[str, str] = Field(default_factory=dict)
    complaint: Complaint | None = None

    @field_validator("published_at", "collected_at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        return as_utc(value)

    @field_validator("region", mode="before")
    @classmethod
    def _short_region(cls, value: object) -> str | None:
        return normalize_region(value)

    @field_validator("native_id", mode="before")
    @classmethod
    def _native_id_str(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value

    @model_validator(mode="after")
    def _stable_id(self) -> Mention:
        # Always derived: a client-supplied id naming another mention must not overwrite it.
        self.id = mention_id(self.source, self.native_id)
        return self

    def with_corrections(self) -> Mention:
        """A copy with the staff-corrected labels in place of the classifier's."""
        if not self.corrected:
            return self
        update: dict[str, object] = {}
        for field, value in self.corrected.items():
            update.update(_CORRECTORS[field](self, value))
        return self.model_copy(update=update)

    @property
    def full_text(self) -> str:
        """Title and text together, as the classifier and the plan matcher read them."""
        return f"{self.title}\n{self.text}" if self.title else self.text

    @property
    def is_negative(self) -> bool:
        """True when classified negative."""
        return self.sentiment is not None and self.sentiment.label == SentimentLabel.NEGATIVE


def complaint_mark(mention: Mention) -> str | None:
    """The mention's complaint mark as cards and tables show it: 投诉 for a flagged complaint,
    补救后好评 for praise after a recovery, None for neither."""
    if mention.complaint is None:
        return None
    if mention.complaint.flag:
        return "投诉"
    return "补救后好评" if mention.complaint.resolved else None


def corrected_value(mention: Mention, field: str) -> str | None:
    """The current value of a correctable field as stored text ('negative', 'high', 'true')."""
    if field == "sentiment":
        return mention.sentiment.label.value if mention.sentiment else None
    if field == "category":
        return mention.category.value if mention.category else None
    if field == "urgency":
        return mention.urgency.level.value if mention.urgency else None
    complaint = mention.complaint
    return None if complaint is None else str(bool(complaint.flag)).lower()


def _sentiment(mention: Mention, value: str) -> dict[str, object]:
    label = SentimentLabel(value)
    score = {SentimentLabel.NEGATIVE: 0.0, SentimentLabel.NEUTRAL: 0.5}.get(label, 1.0)
    return {"sentiment": Sentiment(label=label, score=score)}


def _urgency(mention: Mention, value: str) -> dict[str, object]:
    level = Severity(value)
    low, high = 25.0 * level.rank, 25.0 * level.rank + 24.0
    current = mention.urgency
    score = min(max(current.score if current else low, low), high)
    reasons = current.reasons if current else []
    return {"urgency": Urgency(level=level, score=score, reasons=reasons)}


def _complaint(mention: Mention, value: str) -> dict[str, object]:
    flag = value == "true"
    return {"complaint": Complaint(flag=flag, probability=1.0 if flag else 0.0)}


def _category(mention: Mention, value: str) -> dict[str, object]:
    return {"category": Category(value)}


_CORRECTORS: dict[str, Callable[[Mention, str], dict[str, object]]] = {
    "sentiment": _sentiment,
    "category": _category,
    "urgency": _urgency,
    "complaint": _complaint,
}
