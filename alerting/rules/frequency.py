"""`frequency`: at least N matching mentions within the window."""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import Field

from alerting.rules.base import (
    Finding,
    RuleContext,
    RuleFilter,
    ScopedRule,
    WindowSpec,
    register,
    scope_label,
)
from alerting.rules.window_match import count_matching, sample_ids
from core.timeutil import Duration, interval_zh


class FrequencySpec(WindowSpec):
    """Options of a frequency rule."""

    window: Duration = timedelta(minutes=30)
    threshold: int = Field(ge=1)


@register
class FrequencyRule(ScopedRule[FrequencySpec]):
    """Fires when `threshold` or more matching mentions fall in the window."""

    type_name = "frequency"
    headline = 1
    type_label_zh = "频次超限"
    spec_model = FrequencySpec

    def judge(self, rc: RuleContext, scope: str, flt: RuleFilter, start: datetime) -> list[Finding]:
        """A finding when the scope is at or above the threshold."""
        spec = self.spec
        observed = count_matching(rc.index, flt, start, rc.now)
        if observed < spec.threshold:
            return []
        return [
            Finding(
                key=scope,
                title=f"{scope_label(scope)}{spec.title or '相关内容频次超限'}",
                summary=(
                    f"最近 {interval_zh(spec.window)} {observed} 条（阈值 {spec.threshold} 条）"
                ),
                count=observed,
                window_start=start,
                window_end=rc.now,
                peak=float(observed),
                sample_ids=sample_ids(rc.index, flt, start, rc.now, rc.sample_size),
                plans=list(flt.plans),
            )
        ]
