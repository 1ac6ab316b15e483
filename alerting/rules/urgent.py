"""`urgent_mention`: a single dangerous mention, evaluated at ingest (pipeline listener).

On complaint platforms (黑猫) every post is a complaint and names 投诉, 律师 or 12378 as a
matter of course: `routine_channels` / `routine_signals` say which signals do not count there,
so a routine complaint needs people harmed, a collective, an influential author or spread.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cached_property

from pydantic import Field, model_validator

from alerting.models import Alert
from alerting.routine import RoutineDiscount
from alerting.rules.base import Finding, Rule, RuleContext, RuleSpec, register
from core.enums import CATEGORY_LABELS_ZH, Severity
from core.labels import ChannelName, SeverityName, SignalName
from core.models import Mention
from core.numbers_zh import followers_zh
from core.timeutil import Duration


def author_key(mention: Mention) -> str:
    """Who wrote it, as one account: `weibo:1866402485` (by name when the post has no id)."""
    author = mention.author
    return f"{mention.channel}:{author.id}" if author.id else f"{mention.channel}:@{author.name}"


class GroupBy(StrEnum):
    """How urgent mentions are grouped into one incident (per plan too when per_plan)."""

    CATEGORY = "category"
    PLAN = "plan"
    MENTION = "mention"


class UrgentMentionSpec(RuleSpec):
    """Options of an urgent-mention rule."""

    min_urgency: SeverityName = Severity.HIGH
    min_followers: int | None = Field(default=None, ge=0)
    influencer_min_urgency: SeverityName = Severity.MEDIUM
    group_by: GroupBy = GroupBy.CATEGORY
    max_age: Duration = timedelta(days=1)
    resolve_after: Duration = timedelta(hours=2)
    # Channels where every post is a complaint, and the signals that every complaint there
    # carries: on those channels only the other signals count towards the level.
    routine_channels: list[ChannelName] = Field(default_factory=list)
    routine_signals: list[SignalName] = Field(default_factory=list)

    @model_validator(mode="after")
    def _routine_pair(self) -> UrgentMentionSpec:
        if bool(self.routine_channels) != bool(self.routine_signals):
            raise ValueError(
                "routine_channels 和 routine_signals 要一起写：在哪些渠道（如 投诉平台）"
                "上哪些信号（如 法律/监管投诉）不算高危"
            )
        return self


@register
class UrgentMentionRule(Rule[UrgentMentionSpec]):
    """Fires on a mention at or above min_urgency, or an influential author at a lower level."""

    type_name = "urgent_mention"
    headline = 2
    type_label_zh = "高危单条"
    spec_model = UrgentMentionSpec
    at_ingest = True

    def is_urgent(self, mention: Mention) -> bool:
        """True when the mention passes the filter and the urgency or influence condition."""
        spec = self.spec
        if mention.urgency is None or not spec.filter.matches(mention):
            return False
        rank = self.level(mention).rank
        if rank >= spec.min_urgency.rank:
            return True
        followers = mention.author.followers or 0
        influential = spec.min_followers is not None and followers >= spec.min_followers
        return influential and rank >= spec.influencer_min_urgency.rank

    @cached_property
    def routine(self) -> RoutineDiscount:
        """The signals this rule does not count on its routine channels."""
        spec = self.spec
        return RoutineDiscount(frozenset(spec.routine_channels), frozenset(spec.routine_signals))

    def urgency_discount(self) -> RoutineDiscount:
        """This rule's routine discount (the 周报's 紧急提及 counts with it too)."""
        return self.routine

    def level(self, mention: Mention) -> Severity:
        """The mention's urgency level as this rule counts it: on a routine channel, without
        the routine signals (a 黑猫 complaint naming 律师 is not news by itself)."""
        return self.routine.level(mention)

    def floor(self) -> Severity:
        """The lowest urgency this rule can fire on (the filter's own minimum still applies)."""
        spec = self.spec
        levels = [spec.min_urgency]
        if spec.min_followers is not None:
            levels.append(spec.influencer_min_urgency)
        lowest = min(levels, key=lambda level: level.rank)
        required = spec.filter.min_urgency
        return required if required is not None and required.rank > lowest.rank else lowest

    def sweep_candidate(self, mention: Mention, now: datetime) -> bool:
        """True for recent mentions at or above the floor that pass the filter."""
        oldest = now - self.spec.max_age
        return (
            mention.urgency is not None
            and mention.urgency.level.rank >= self.floor().rank
            and mention.published_at >= oldest
            and self.spec.filter.matches(mention)
        )

    def on_mentions(self, mentions: Sequence[Mention], rc: RuleContext) -> list[Finding]:
        """One finding per group of urgent mentions in the batch."""
        groups: dict[str, list[Mention]] = {}
        oldest = rc.now - self.spec.max_age
        for mention in mentions:
            # Back-filled history is context, not news: old urgent posts do not page anyone.
            # The brand's own statements are own_post_reaction's to watch, not 高危内容.
            if rc.own_accounts.is_own(mention):
                continue
            if mention.published_at >= oldest and self.is_urgent(mention):
                groups.setdefault(self._group_key(mention), []).append(mention)
        return [self._finding(key, group, rc) for key, group in sorted(groups.items())]

    @classmethod
    def describe(cls, alert: Alert) -> str:
        """The highest urgency score of the group and its level (the reasons are in the summary)."""
        level = Severity.from_score(alert.peak)
        return f"紧急度：{alert.peak:.0f} 分（{level.label_zh}），高危内容 {alert.count} 条"

    def _group_key(self, mention: Mention) -> str:
        by = self.spec.group_by
        plan = ",".join(sorted(mention.plans)) or "*"
        if by == GroupBy.MENTION:
            return mention.id
        if by == GroupBy.PLAN:
            return plan
        category = str(mention.category or "other")
        # One incident per category across plans unless per_plan: a complaint that names no
        # plan keyword still belongs to the brand's incident.
        return f"{plan}:{category}" if self.spec.per_plan else category

    def _finding(self, key: str, group: list[Mention], rc: RuleContext) -> Finding:
        group.sort(
            key=lambda m: (-(m.urgency.score if m.urgency else 0), -(m.author.followers or 0), m.id)
        )
        top, news, news_author = group[0], "", ""
        if self.spec.min_followers is not None:
            influential = [m for m in group if (m.author.followers or 0) >= self.spec.min_followers]
            if influential:
                # A 大V or media account among them is the news, whoever scored highest.
                top = max(influential, key=lambda m: m.author.followers or 0)
                news, news_author = f"@{top.author.name or '匿名用户'}", author_key(top)
        critical = any(self.level(m) == Severity.CRITICAL for m in group)
        severity = Severity.CRITICAL if critical else self.spec.severity
        category = CATEGORY_LABELS_ZH.get(top.category, "其他") if top.category else "其他"
        author = top.author.name or "匿名用户"
        followers = f"，粉丝 {followers_zh(top.author.followers)}" if top.author.followers else ""
        reasons = top.urgency.reasons_zh(3) if top.urgency else ""
        return Finding(
            key=key,
            title=f"{self.spec.title or '高危舆情'}：{category}",
            summary=f"@{author}{followers} 发布高危内容" + (f"（{reasons}）" if reasons else ""),
            count=len(group),
            window_start=min(m.published_at for m in group),
            window_end=max(m.published_at for m in group),
            peak=max((m.urgency.score if m.urgency else 0.0) for m in group),
            sample_ids=[top.id, *(m.id for m in group if m is not top)][: rc.sample_size],
            plans=sorted({p for m in group for p in m.plans}),
            severity=severity,
            accumulate=True,
            news=news,
            news_author=news_author,
        )
