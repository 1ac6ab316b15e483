"""`negative_ratio`: the share of negative mentions is high and clearly above its usual level."""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import Field

from alerting.models import Alert
from alerting.rules.base import (
    Finding,
    RuleContext,
    RuleFilter,
    ScopedRule,
    WindowSpec,
    register,
    scope_label,
)
from alerting.rules.stats import DAY, binomial_tail, first_published, refresh_slot
from alerting.rules.window_match import count_matching, sample_ids
from core.enums import SentimentLabel
from core.index.protocol import SplitField
from core.labels import Share
from core.timeutil import Duration


class NegativeRatioSpec(WindowSpec):
    """Options of a negative-ratio rule."""

    window: Duration = timedelta(hours=1)
    threshold: Share = Field(gt=0.0, le=1.0)
    min_count: int = Field(default=20, ge=1)
    min_increase: Share = Field(default=0.2, ge=0.0, le=1.0)
    p_value: float = Field(default=1e-5, gt=0.0, lt=1.0)
    baseline: Duration = timedelta(days=7)
    baseline_span: Duration = timedelta(hours=3)
    min_history: Duration = timedelta(days=1)
    baseline_refresh: Duration = timedelta(minutes=10)


@register
class NegativeRatioRule(ScopedRule[NegativeRatioSpec]):
    """Fires when the negative share is ≥ threshold, ≥ usual + increase and binomially unlikely."""

    type_name = "negative_ratio"
    headline = 1
    type_label_zh = "负面占比过高"
    spec_model = NegativeRatioSpec

    def judge(self, rc: RuleContext, scope: str, flt: RuleFilter, start: datetime) -> list[Finding]:
        """A finding when the scope's negative share is abnormal."""
        spec = self.spec
        everything = flt.model_copy(update={"sentiments": []})
        negative = flt.model_copy(update={"sentiments": [SentimentLabel.NEGATIVE]})
        total, bad = _counts(rc, everything, negative, start, rc.now)
        if total < spec.min_count:
            return []
        usual = self._usual_ratio(rc, scope, everything, negative)
        ratio = bad / total
        if usual is None or ratio < spec.threshold or ratio < usual + spec.min_increase:
            return []
        if binomial_tail(bad, total, usual) > spec.p_value:
            return []  # a small window can look skewed by chance
        return [
            Finding(
                key=scope,
                title=f"{scope_label(scope)}{spec.title or '负面占比异常升高'}",
                summary=f"最近 {total} 条中负面 {bad} 条，占比 {ratio:.0%}（平时 {usual:.0%}）",
                count=bad,
                window_start=start,
                window_end=rc.now,
                baseline=round(usual, 4),
                peak=round(ratio, 4),
                sample_ids=sample_ids(rc.index, negative, start, rc.now, rc.sample_size),
                plans=list(flt.plans),
            )
        ]

    @classmethod
    def describe(cls, alert: Alert) -> str:
        """负面占比 now against its usual share (peak and baseline are ratios here)."""
        if alert.baseline is None:
            return super().describe(alert)
        return f"负面占比：{alert.peak:.0%}，平时 {alert.baseline:.0%}"

    def _usual_ratio(
        self, rc: RuleContext, scope: str, everything: RuleFilter, negative: RuleFilter
    ) -> float | None:
        """Negative share in the same window of the previous days (cached per slot)."""
        spec = self.spec
        slot = refresh_slot(rc.now, spec.baseline_refresh, self.name)
        cache = rc.state.setdefault("baseline", {})
        # A missing baseline (warming up) is not cached: history may be back-filled any moment.
        if (
            (cached := cache.get(scope))
            and cached.get("slot") == slot
            and cached.get("ratio") is not None
        ):
            return cached.get("ratio")
        if not rc.may_compute_baseline(3 * spec.baseline.days):
            # Not this tick (a cold start or restart spreads baseline work over ticks): keep
            # the expired ratio until its turn, or stay warming up when there is none.
            return cached.get("ratio") if cached else None
        history = first_published(rc.index)
        ratio = None
        if history is not None and rc.now - spec.window - history >= spec.min_history:
            # The same hours of previous days: cheap at any index size, and the negative share
            # of a lunch-time rush is compared with other lunch-time rushes.
            total = negatives = 0
            span = max(spec.window, spec.baseline_span)
            for day in range(1, spec.baseline.days + 1):
                start = rc.now - spec.window / 2 - span / 2 - day * DAY
                end = start + span
                if start < history:
                    break
                day_total, day_negative = _counts(rc, everything, negative, start, end)
                total, negatives = total + day_total, negatives + day_negative
            ratio = negatives / total if total >= spec.min_count else None
        cache[scope] = {"slot": slot, "ratio": ratio}
        return ratio


def _counts(
    rc: RuleContext, everything: RuleFilter, negative: RuleFilter, since: datetime, until: datetime
) -> tuple[int, int]:
    """(all, negative) mentions in [since, until): one aggregation unless keywords force a scan."""
    if everything.expression is not None:
        return (
            count_matching(rc.index, everything, since, until),
            count_matching(rc.index, negative, since, until),
        )
    buckets = rc.index.histogram(
        everything.query(since, until), until - since, SplitField.SENTIMENT
    )
    total = sum(b.total for b in buckets)
    return total, sum(b.counts.get(SentimentLabel.NEGATIVE, 0) for b in buckets)
