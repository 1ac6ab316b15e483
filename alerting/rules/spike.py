"""`spike`: volume in the window against a time-of-day / day-of-week baseline, Poisson-tested."""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import Field

from alerting.rules.base import (
    Finding,
    RuleContext,
    RuleFilter,
    ScopedRule,
    WindowSpec,
    count_matching,
    register,
    sample_ids,
    scope_label,
)
from alerting.rules.stats import (
    chance_zh,
    first_published,
    poisson_tail,
    refresh_slot,
    seasonal_rate,
)
from core.timeutil import Duration, interval_zh


class SpikeSpec(WindowSpec):
    """Options of a spike rule."""

    window: Duration = timedelta(minutes=10)
    threshold: float = Field(default=3.0, gt=1.0)
    min_count: int = Field(default=5, ge=1)
    p_value: float = Field(default=1e-5, gt=0.0, lt=1.0)
    baseline_days: int = Field(default=7, ge=1, le=60)
    baseline_weeks: int = Field(default=4, ge=0, le=12)
    baseline_span: Duration = timedelta(hours=1)
    min_baseline: float = Field(default=0.5, gt=0.0)
    baseline_refresh: Duration = timedelta(minutes=10)


@register
class SpikeRule(ScopedRule[SpikeSpec]):
    """Fires when the window holds far more matching mentions than usual at this hour."""

    type_name = "spike"
    type_label_zh = "声量激增"
    spec_model = SpikeSpec

    def judge(self, rc: RuleContext, scope: str, flt: RuleFilter, start: datetime) -> list[Finding]:
        """A finding when the scope's window count is a significant spike."""
        spec = self.spec
        observed = count_matching(rc.index, flt, start, rc.now)
        if observed < spec.min_count:
            return []
        rate = self._baseline_rate(rc, scope, flt)
        if rate is None:
            return []  # warming up: no history at this hour yet, never "x vs nothing"
        expected = max(rate * spec.window.total_seconds(), spec.min_baseline)
        p = poisson_tail(observed, expected)
        if observed < spec.threshold * expected or p > spec.p_value:
            return []
        return [self._finding(rc, scope, flt, observed, expected, p, start)]

    def _baseline_rate(self, rc: RuleContext, scope: str, flt: RuleFilter) -> float | None:
        """Seasonal rate, cached per refresh slot in the persisted rule state."""
        spec = self.spec
        slot = refresh_slot(rc.now, spec.baseline_refresh, self.name)
        cache = rc.state.setdefault("baseline", {})
        cached = cache.get(scope)
        # A missing baseline (warming up) is not cached: history may be back-filled any moment.
        if cached and cached.get("slot") == slot and cached.get("rate") is not None:
            return cached.get("rate")
        if not rc.may_compute_baseline(spec.baseline_days + spec.baseline_weeks):
            # Not this tick (a cold start or restart spreads baseline work over ticks): keep
            # the expired rate until its turn, or stay warming up when there is none.
            return cached.get("rate") if cached else None
        history = first_published(rc.index)
        rate = None
        if history is not None:
            rate = seasonal_rate(
                lambda a, b: count_matching(rc.index, flt, a, b),
                rc.now - spec.window / 2,
                spec.baseline_span,
                history,
                spec.baseline_days,
                spec.baseline_weeks,
            )
        cache[scope] = {"slot": slot, "rate": rate}
        return rate

    def _finding(
        self,
        rc: RuleContext,
        scope: str,
        flt: RuleFilter,
        observed: int,
        expected: float,
        p: float,
        start: datetime,
    ) -> Finding:
        return Finding(
            key=scope,
            title=f"{scope_label(scope)}{self.spec.title or '负面声量激增'}",
            summary=(
                f"最近 {interval_zh(self.spec.window)} {observed} 条，同时段基线 {expected:.1f} 条"
                f"（{observed / expected:.1f} 倍，{chance_zh(p)}）"
            ),
            count=observed,
            window_start=start,
            window_end=rc.now,
            baseline=round(expected, 3),
            peak=float(observed),
            sample_ids=sample_ids(rc.index, flt, start, rc.now, rc.sample_size),
            plans=list(flt.plans),
        )
