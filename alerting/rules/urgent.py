"""`urgent_mention`: a single dangerous mention, evaluated at ingest (pipeline listener).

On complaint platforms (黑猫) every post is a complaint and names 投诉, 律师 or 12378 as a
matter of course: `routine_channels` / `routine_signals` say which signals do not count there,
so a routine complaint needs people harmed, a collective, an influential author or spread.

`group_by: event` (the built-in's): the urgent posts of one event (brand_events) are one alert
named by the event — a battery fire the classifier files under 人身安全, 商品质量 and 售后 is one
「高危舆情：<event>」, its category in the summary; a crisis's first post, before its event is
visible, opens an alert by its category, which the next posts of its story join whatever their
category and which takes the event's title once the event is visible (urgent_events).
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
from alerting.rules.urgent_events import Stories, read_stories
from alerting.rules.window_match import distinct_ids
from brand_events.models import Event
from core.enums import CATEGORY_LABELS_ZH, Category, Severity
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

    EVENT = "event"  # the post's event (brand_events); its category while it has none
    CATEGORY = "category"
    PLAN = "plan"
    MENTION = "mention"


EVENT_KEY = "event:"  # an event group's key: event:<event id>, after the plan when per_plan


class UrgentMentionSpec(RuleSpec):
    """Options of an urgent-mention rule."""

    min_urgency: SeverityName = Severity.HIGH
    min_followers: int | None = Field(default=None, ge=0)
    influencer_min_urgency: SeverityName = Severity.MEDIUM
    group_by: GroupBy = GroupBy.EVENT
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

    @property
    def keyed_by_subject(self) -> bool:
        """Keyed by category or event (group_by), not by plan or post."""
        return self.spec.group_by in (GroupBy.EVENT, GroupBy.CATEGORY)

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
        oldest = rc.now - self.spec.max_age
        # Back-filled history is context, not news: old urgent posts do not page anyone.
        # The brand's own statements are own_post_reaction's to watch, not 高危内容.
        urgent = [
            m
            for m in mentions
            if not rc.own_accounts.is_own(m) and m.published_at >= oldest and self.is_urgent(m)
        ]
        stories = self._stories(urgent, rc)
        groups: dict[str, list[Mention]] = {}
        chosen: dict[str, str] = {}  # story id → the key its posts take in this batch
        for mention in urgent:
            story = stories.of_mention.get(mention.id)
            if story is not None and story.id in stories.alert_keys:
                key = stories.alert_keys[story.id]  # its story's alert, whatever its category
            elif story is not None and story.visible:
                key = chosen.get(story.id) or self._story_key(mention, story, stories, chosen)
                chosen[story.id] = key
            else:
                key = self._group_key(mention)
            groups.setdefault(key, []).append(mention)
        return [
            self._finding(key, group, rc, self._naming_event(key, group, stories))
            for key, group in sorted(groups.items())
        ]

    def _story_key(
        self, mention: Mention, story: Event, stories: Stories, chosen: dict[str, str]
    ) -> str:
        """The key of a visible story's first urgent post with no alert yet: its category's,
        so that the story's later posts of any category and its category's urgent posts that
        no story holds (a blogger's summary the tracker left alone) join the same alert — unless
        an unresolved alert or another story of this batch has that key: then the story's own
        (a second crisis of the same category is a second alert). Round 29: the appliance
        week's poisoning, ingested at once, opened 「高危舆情：<event>」 and then
        「高危舆情：食品安全/人身安全」 for the blogger's summary of it."""
        key = self._group_key(mention)
        if key in stories.open_keys or key in chosen.values():
            return self._group_key(mention, story)
        return key

    @staticmethod
    def _naming_event(key: str, group: list[Mention], stories: Stories) -> Event | None:
        """The visible event a group's alert is named by: its own (an event key), or the story
        of the category alert it joins, or the one its posts bring that alert into."""
        candidates = [stories.of_alert.get(key), *(stories.of_mention.get(m.id) for m in group)]
        return next((e for e in candidates if e is not None and e.visible), None)

    def _stories(self, urgent: list[Mention], rc: RuleContext) -> Stories:
        """The posts' stories and the rule's open category alerts in them (group_by: event)."""
        if self.spec.group_by != GroupBy.EVENT or not urgent:
            return Stories()
        plans = {self._plan(m) for m in urgent}
        keys = {self._scoped(p, str(c)) for p in plans for c in Category}
        return read_stories(rc, self.name, urgent, keys)

    @classmethod
    def describe(cls, alert: Alert) -> str:
        """The highest urgency score of the group and its level (the reasons are in the summary)."""
        level = Severity.from_score(alert.peak)
        return f"紧急度：{alert.peak:.0f} 分（{level.label_zh}），高危内容 {alert.count} 条"

    def _group_key(self, mention: Mention, event: Event | None = None) -> str:
        by = self.spec.group_by
        plan = self._plan(mention)
        if by == GroupBy.MENTION:
            return mention.id
        if by == GroupBy.PLAN:
            return plan
        if event is not None:
            return self._scoped(plan, f"{EVENT_KEY}{event.id}")
        return self._scoped(plan, str(mention.category or "other"))

    @staticmethod
    def _plan(mention: Mention) -> str:
        return ",".join(sorted(mention.plans)) or "*"

    def _scoped(self, plan: str, group: str) -> str:
        # One incident per category (or event) across plans unless per_plan: a complaint that
        # names no plan keyword still belongs to the brand's incident.
        return f"{plan}:{group}" if self.spec.per_plan else group

    def _finding(
        self, key: str, group: list[Mention], rc: RuleContext, event: Event | None = None
    ) -> Finding:
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
        category = _label(top.category)
        author = top.author.name or "匿名用户"
        followers = f"，粉丝 {followers_zh(top.author.followers)}" if top.author.followers else ""
        reasons = top.urgency.reasons_zh(3) if top.urgency else ""
        # Grouped by event, the title names the event and the summary the top post's category;
        # by category (an event's before it is visible too), the key's category.
        subject = category
        if event is not None:
            subject = event.title or category
        elif self.spec.group_by in (GroupBy.EVENT, GroupBy.CATEGORY):
            subject = _label(key.rsplit(":", 1)[-1])
        named = event is not None and top.category not in (None, Category.OTHER)
        kind = f"{category}类" if named else ""
        said = f"@{author}{followers} 发布{kind}高危内容" + (f"（{reasons}）" if reasons else "")
        return Finding(
            key=key,
            title=f"{self.spec.title or '高危舆情'}：{subject}",
            summary=said,
            count=len(group),
            window_start=min(m.published_at for m in group),
            window_end=max(m.published_at for m in group),
            peak=max((m.urgency.score if m.urgency else 0.0) for m in group),
            # One post per text or similarity group: a message listed one 12315 complaint
            # copied by three people as its three samples.
            sample_ids=distinct_ids([top, *(m for m in group if m is not top)], rc.sample_size),
            plans=sorted({p for m in group for p in m.plans}),
            severity=severity,
            accumulate=True,
            news=news,
            news_author=news_author,
            provisional_title=event is None and self.spec.group_by == GroupBy.EVENT,
        )


_LABELS: dict[str, str] = {str(c): label for c, label in CATEGORY_LABELS_ZH.items()}


def _label(category: str | None) -> str:
    """The category's Chinese label (其他 when unknown or unset)."""
    return _LABELS.get(str(category), "其他") if category else "其他"
