"""`spike`: volume in the window against a time-of-day / day-of-week baseline, Poisson-tested;
or, with `compare_to: same_hour_last_week`, against the same window a week ago."""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import Field

from alerting.enums import SpikeBaseline
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
from alerting.rules.stats import (
    WEEK,
    chance_zh,
    first_published,
    poisson_tail,
    refresh_slot,
    seasonal_rate,
)
from alerting.rules.window_match import count_matching, sample_ids
from core.timeutil import Duration, interval_zh

LAST_WEEK_ZH = "上周同一时段"


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
    # same_hour_last_week: fire at ≥ threshold × the same window a week ago (no Poisson
    # test: "doubled" is what people asked for; min_count keeps 1 → 2 quiet).
    compare_to: SpikeBaseline = SpikeBaseline.SEASONAL


@register
class SpikeRule(ScopedRule[SpikeSpec]):
    """Fires when the window holds far more matching mentions than usual at this hour."""

    type_name = "spike"
    headline = 1
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
        usual = rate * spec.window.total_seconds()
        expected = max(usual, spec.min_baseline)
        if observed < spec.threshold * expected:
            return []
        window = interval_zh(spec.window)
        if spec.compare_to == SpikeBaseline.SAME_HOUR_LAST_WEEK:
            summary = last_week_zh(window, observed, round(usual))
        else:
            p = poisson_tail(observed, expected)
            if p > spec.p_value:
                return []
            summary = (
                f"最近 {window} {observed} 条，同时段基线 {expected:.1f} 条"
                f"（{observed / expected:.1f} 倍，{chance_zh(p)}）"
            )
        return [self._finding(rc, scope, flt, observed, expected, summary, start)]

    @classmethod
    def describe(cls, alert: Alert) -> str:
        """Count against the baseline; a last-week spike names what it compared with."""
        if alert.baseline is None or LAST_WEEK_ZH not in (alert.summary or ""):
            return super().describe(alert)
        last_week = round(alert.baseline)
        times = f"，约 {alert.count / last_week:.1f} 倍" if last_week else ""
        peak = f"（峰值 {alert.peak:.0f}）"
        return f"数量：{alert.count} 条，{LAST_WEEK_ZH} {last_week} 条{times}{peak}"

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
        if spec.compare_to == SpikeBaseline.SAME_HOUR_LAST_WEEK:
            rate = self._last_week_rate(rc, flt, history)
        elif history is not None:
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

    def _last_week_rate(
        self, rc: RuleContext, flt: RuleFilter, history: datetime | None
    ) -> float | None:
        """Mentions per second in the same window a week ago; None before the index has it."""
        window = self.spec.window
        start = rc.now - WEEK - window
        if history is None or history > start:
            return None  # no week of history yet: never "x vs nothing"
        return count_matching(rc.index, flt, start, rc.now - WEEK) / window.total_seconds()

    def _finding(
        self,
        rc: RuleContext,
        scope: str,
        flt: RuleFilter,
        observed: int,
        expected: float,
        summary: str,
        start: datetime,
    ) -> Finding:
        last_week = self.spec.compare_to == SpikeBaseline.SAME_HOUR_LAST_WEEK
        default_title = "声量比上周同期明显增多" if last_week else "负面声量激增"
        return Finding(
            key=scope,
            title=f"{scope_label(scope)}{self.spec.title or default_title}",
            summary=summary,
            count=observed,
            window_start=start,
            window_end=rc.now,
            baseline=round(expected, 3),
            peak=float(observed),
            sample_ids=sample_ids(rc.index, flt, start, rc.now, rc.sample_size),
            plans=list(flt.plans),
        )


def last_week_zh(window: str, observed: int, last_week: int) -> str:
    """最近 1 小时 30 条，是上周同一时段（12 条）的 2.5 倍."""
    if last_week == 0:
        return f"最近 {window} {observed} 条，{LAST_WEEK_ZH} 0 条"
    return (
        f"最近 {window} {observed} 条，是{LAST_WEEK_ZH}（{last_week} 条）的 "
        f"{observed / last_week:.1f} 倍"
    )
