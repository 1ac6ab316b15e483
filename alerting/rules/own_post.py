"""`own_post_reaction`: a post by one of the brand's own accounts draws a burst of reactions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from pydantic import Field

from alerting.models import Alert
from alerting.rules.base import Finding, Rule, RuleContext, RuleSpec, register
from core.deflection import deflection_zh
from core.enums import Severity
from core.labels import SeverityName
from core.models import Mention
from core.text_cut import shorten
from core.timeutil import Duration, since_posted_zh


class OwnPostReactionSpec(RuleSpec):
    """Options of the own-post rule: how many reactions (in total or per hour) is a spike."""

    severity: SeverityName = Severity.HIGH
    min_reactions: int = Field(default=1000, ge=1)
    min_per_hour: int = Field(default=300, ge=1)
    max_age: Duration = timedelta(days=2)
    resolve_after: Duration = timedelta(hours=6)


def reactions(mention: Mention) -> int:
    """Reposts + comments + likes."""
    m = mention.metrics
    return m.reposts + m.comments + m.likes


def hours_live(mention: Mention) -> float:
    """Hours between publication and collection (at least a quarter hour)."""
    return max((mention.collected_at - mention.published_at).total_seconds() / 3600, 0.25)


@register
class OwnPostReactionRule(Rule[OwnPostReactionSpec]):
    """Fires when an official account's post gets min_reactions, or min_per_hour of them."""

    type_name = "own_post_reaction"
    type_label_zh = "官方发文互动激增"
    spec_model = OwnPostReactionSpec
    at_ingest = True

    def spikes(self, mention: Mention, rc: RuleContext) -> bool:
        """True for a recent own-account post whose reactions pass either threshold."""
        spec = self.spec
        if not rc.own_accounts.is_own(mention) or not spec.filter.matches(mention):
            return False
        if mention.published_at < rc.now - spec.max_age:
            return False
        count = reactions(mention)
        return count >= spec.min_reactions or count / hours_live(mention) >= spec.min_per_hour

    def sweep_candidate(self, mention: Mention, now: datetime) -> bool:
        """True for a recent post with reactions enough to pass a threshold in a quarter hour
        (whose account it is needs the rule context: on_mentions decides)."""
        spec = self.spec
        floor = min(spec.min_reactions, spec.min_per_hour * 0.25)
        return (
            mention.published_at >= now - spec.max_age
            and reactions(mention) >= floor
            and spec.filter.matches(mention)
        )

    def on_mentions(self, mentions: Sequence[Mention], rc: RuleContext) -> list[Finding]:
        """One finding per own post that spikes (its key is the post, so updates accumulate)."""
        return [self._finding(m, rc) for m in mentions if self.spikes(m, rc)]

    @classmethod
    def describe(cls, alert: Alert) -> str:
        """Reactions to the own post, in how long; an hourly rate only for a post up an hour
        or more (a rate from twelve minutes would be a guess)."""
        start, end = alert.window_start, alert.window_end
        if start is None or end is None:
            return f"互动：{alert.count:,} 次"
        span = end - start
        line = f"互动：{alert.count:,} 次（{since_posted_zh(span)}）"
        hours = span.total_seconds() / 3600
        return line + (f"，平均每小时约 {alert.count / hours:,.0f} 次" if hours >= 1 else "")

    def _finding(self, mention: Mention, rc: RuleContext) -> Finding:
        m, count = mention.metrics, reactions(mention)
        hours = hours_live(mention)
        excerpt = shorten(mention.text, 40)
        return Finding(
            key=f"own:{mention.id}",
            title=f"{self.spec.title or '官方账号发文引发大量互动'}：@{mention.author.name}",
            summary=(
                f"官方账号 @{mention.author.name} 的发文"
                f"{since_posted_zh(mention.collected_at - mention.published_at)}"
                f"引发 {count:,} 次互动"
                f"（转发 {m.reposts:,} · 评论 {m.comments:,} · 点赞 {m.likes:,}），"
                f"请核查回应口径：“{excerpt}”"
                + (f"；{flagged}" if (flagged := deflection_zh(mention.text)) else "")
            ),
            count=count,
            window_start=mention.published_at,
            window_end=mention.collected_at,
            peak=count / hours,
            sample_ids=[mention.id],
            plans=sorted(mention.plans),
        )
