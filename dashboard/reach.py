"""KOL/媒体榜: authors ranked by reach (followers plus the engagement their posts drew; kinds
and reach as core.authors defines them for every page)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from brand_events.plan_scope import marked
from core.authors import author_kind, engagement
from core.enums import CHANNEL_LABELS_ZH, Channel, SentimentLabel
from core.models import Mention
from core.numbers_zh import followers_zh
from core.own_accounts import OwnAccounts


@dataclass
class Amplifier:
    """One author's weight in the period."""

    name: str
    channel: Channel
    followers: int
    verified: bool
    own: bool
    rival: bool = True  # every post of theirs here is only a competitor plan's
    posts: int = 0
    negative: int = 0
    engagement: int = 0

    @property
    def reach(self) -> int:
        """Followers plus reposts, comments and likes drawn by the author's posts."""
        return self.followers + self.engagement

    @property
    def kind(self) -> str:
        """官方 / 媒体 / 大V / 认证用户 / 普通用户."""
        return author_kind(
            self.name, self.channel, self.followers, self.verified, self.own
        ).label_zh


def amplifiers(
    mentions: Iterable[Mention],
    own: OwnAccounts,
    size: int = 20,
    rival_plans: Collection[str] = (),
) -> list[Amplifier]:
    """Authors of the mentions, biggest reach first; an author whose every post here is only
    of the competitor plans `rival_plans` is marked rival (a competitor's 大V, not the brand's)."""
    by_author: dict[tuple[Channel, str], Amplifier] = {}
    for mention in mentions:
        name = mention.author.name or "匿名"
        key = (mention.channel, name)
        entry = by_author.get(key)
        if entry is None:
            entry = by_author[key] = Amplifier(
                name, mention.channel, 0, mention.author.verified, own.is_own(mention)
            )
        entry.rival = entry.rival and bool(rival_plans) and _rival_only(mention, rival_plans)
        entry.followers = max(entry.followers, mention.author.followers or 0)
        entry.posts += 1
        entry.negative += bool(
            mention.sentiment and mention.sentiment.label == SentimentLabel.NEGATIVE
        )
        entry.engagement += engagement(mention)
    ranked = sorted(by_author.values(), key=lambda a: (-a.reach, a.name))
    return [a for a in ranked if a.name != "匿名"][:size]


def _rival_only(mention: Mention, rival_plans: Collection[str]) -> bool:
    """Whether the mention is a competitor plan's and no other plan's."""
    return bool(mention.plans) and all(p in rival_plans for p in mention.plans)


def table(rows: list[Amplifier]) -> list[dict[str, object]]:
    """Rows for st.dataframe, in Chinese."""
    return [
        {
            "作者": marked(a.name, a.rival),
            "类型": a.kind,
            "渠道": CHANNEL_LABELS_ZH[a.channel],
            "粉丝": followers_zh(a.followers),  # 210 万, as the cards and 事件详情 write it
            "发文": a.posts,
            "负面": a.negative,
            "互动": a.engagement,
            "影响力": followers_zh(a.reach),
        }
        for a in rows
    ]
