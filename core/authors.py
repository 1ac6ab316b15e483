"""Who an author is to the brand, and how far their posts reach: one definition for the
KOL/媒体榜 (舆情分析) and an event's 主要传播者 (事件详情), which used to disagree (the same media
account was 影响力 2,123,500 on one page and 493.5 亿 on the other, 认证用户 on one and 大V/KOL on
the other).

Reach (影响力) = the author's followers + the reposts, comments and likes their posts drew: the
people who could have seen a post plus those who acted on it, in one unit. (Multiplying the two
gave numbers nobody can read.)
"""

from __future__ import annotations

from enum import StrEnum

from core.enums import Channel
from core.models import Mention

KOL_FOLLOWERS = 100_000  # 大V: this many followers, verified or not
MEDIA_WORDS = (
    "新闻",
    "日报",
    "晚报",
    "早报",
    "快报",
    "时报",
    "媒体",
    "传媒",
    "电视",
    "频道",
    "周刊",
    "记者",
    "财经",
    "观察",
)


# Accounts of the authorities (政务号): regulators, police, city and bureau accounts. Their
# notice is a step of a crisis an executive asks about (长沙商务's 预付卡 notice, 平安西湖's).
AUTHORITY_PREFIXES = ("平安",)  # the police's accounts: 平安北京, 平安西湖
AUTHORITY_WORDS = (
    "市场监管", "监管局", "监督管理局", "商务局", "商务", "公安", "警方", "网警", "消协",
    "消费者协会", "网信", "住建", "教育局", "卫健", "应急管理", "交通运输", "民航局", "通信管理局",
    "政府", "人民法院", "检察院", "12315",
)  # fmt: skip
AUTHORITY_SUFFIXES = ("发布",)  # a city's or bureau's news account: 住建发布, 长沙发布


def is_authority(name: str) -> bool:
    """True for an authorities' account by its name (政务号: 郑州市场监管, 平安西湖, 住建发布)."""
    return (
        name.startswith(AUTHORITY_PREFIXES)
        or name.endswith(AUTHORITY_SUFFIXES)
        or any(word in name for word in AUTHORITY_WORDS)
    )


class AuthorKind(StrEnum):
    """官方 / 媒体 / 大V / 认证用户 / 普通用户, in that order of precedence."""

    OWN = "own"
    MEDIA = "media"
    KOL = "kol"
    VERIFIED = "verified"
    PUBLIC = "public"

    @property
    def label_zh(self) -> str:
        """The Chinese name shown in tables."""
        return _LABELS_ZH[self]


_LABELS_ZH = {
    AuthorKind.OWN: "官方",
    AuthorKind.MEDIA: "媒体",
    AuthorKind.KOL: "大V",
    AuthorKind.VERIFIED: "认证用户",
    AuthorKind.PUBLIC: "普通用户",
}


def author_kind(
    name: str, channel: Channel, followers: int, verified: bool, own: bool
) -> AuthorKind:
    """The kind of an author from what their mentions say about them."""
    if own:
        return AuthorKind.OWN
    if channel == Channel.NEWS or any(word in name for word in MEDIA_WORDS):
        return AuthorKind.MEDIA
    if followers >= KOL_FOLLOWERS:
        return AuthorKind.KOL
    return AuthorKind.VERIFIED if verified else AuthorKind.PUBLIC


def engagement(mention: Mention) -> int:
    """Reposts, comments and likes the mention drew."""
    m = mention.metrics
    return m.reposts + m.comments + m.likes
