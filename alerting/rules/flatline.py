"""`flatline`: a source or channel gone silent when it should be busy, or a collector unhealthy."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from pydantic import Field
from sqlalchemy import select

from alerting.rules.base import Finding, Rule, RuleContext, RuleSpec, register
from alerting.rules.stats import DAY, first_published
from alerting.rules.window_match import count_matching
from collectors.state import SourceState, SourceStatus
from collectors.status import SOURCE_STATUS_ZH
from core.enums import Severity
from core.index.protocol import SplitField
from core.labels import SeverityName
from core.timeutil import Duration

_UNHEALTHY = {SourceStatus.DEGRADED, SourceStatus.BLOCKED, SourceStatus.MISCONFIGURED}


class FlatlineSpec(RuleSpec):
    """Options of a flatline rule."""

    silence: Duration = timedelta(hours=1)
    split_by: SplitField = SplitField.SOURCE
    lookback: Duration = timedelta(days=1)
    baseline_days: int = Field(default=3, ge=1, le=30)
    min_days: int = Field(default=2, ge=1, le=30)
    min_expected: float = Field(default=5.0, gt=0.0)
    check_source_state: bool = True
    severity: SeverityName = Severity.MEDIUM
    every: Duration | None = timedelta(minutes=5)
    resolve_after: Duration = timedelta(minutes=10)


@register
class FlatlineRule(Rule[FlatlineSpec]):
    """Fires when a source/channel is silent ≥ `silence` although even its quietest day was not."""

    type_name = "flatline"
    type_label_zh = "数据源中断"
    spec_model = FlatlineSpec
    skip_when_idle = False
    incident_group = "health"

    def evaluate(self, rc: RuleContext) -> list[Finding]:
        """Silent sources by the index, then unhealthy sources by their collector state."""
        return [*self._silent(rc), *self._unhealthy(rc)]

    def _silent(self, rc: RuleContext) -> list[Finding]:
        spec = self.spec
        if spec.split_by not in (SplitField.SOURCE, SplitField.CHANNEL):
            return []
        history = first_published(rc.index)
        lookback = spec.filter.query(rc.now - spec.lookback, rc.now)
        active = rc.index.top_terms(lookback, spec.split_by, 200)
        field = "sources" if spec.split_by == SplitField.SOURCE else "channels"
        findings = []
        for value, _ in active:
            flt = spec.filter.model_copy(update={field: [value]})
            newest = rc.index.search(replace(flt.query(rc.now - spec.lookback, rc.now), limit=1))
            if not newest.mentions or history is None:
                continue
            gap_start = newest.mentions[0].published_at
            if rc.now - gap_start < spec.silence:
                continue
            # The quietest of the previous days over the same gap: a silence that long is only
            # an outage when even that day had plenty (quiet nights and weekends stay quiet).
            usual = [
                count_matching(rc.index, flt, gap_start - d * DAY, rc.now - d * DAY)
                for d in range(1, spec.baseline_days + 1)
                if gap_start - d * DAY >= history
            ]
            expected = min(usual) if len(usual) >= spec.min_days else 0  # one day is anecdote
            if expected < spec.min_expected:
                continue
            hours = (rc.now - gap_start).total_seconds() / 3600
            findings.append(
                Finding(
                    key=f"{spec.split_by}:{value}",
                    title=f"{spec.title or '数据源中断'}：{value}",
                    summary=f"{value} 已 {hours:.1f} 小时无新数据，往日同时段至少 {expected} 条",
                    count=0,
                    window_start=gap_start,
                    window_end=rc.now,
                    baseline=float(expected),
                    peak=0.0,
                )
            )
        return findings

    def _unhealthy(self, rc: RuleContext) -> list[Finding]:
        spec = self.spec
        if not spec.check_source_state or rc.sessions is None:
            return []
        with rc.sessions() as session:
            states = list(session.scalars(select(SourceState)))
        findings = []
        for state in states:
            last_ok = state.last_success_at
            if state.status not in _UNHEALTHY or (
                last_ok is not None and rc.now - last_ok < spec.silence
            ):
                continue
            since = f"自 {last_ok:%m-%d %H:%M} 起" if last_ok else "从未成功"
            error = state.last_error or ""
            status = _status_zh(state.status)
            findings.append(
                Finding(
                    key=f"state:{state.name}",
                    title=f"采集异常：{state.name}",
                    summary=f"{state.name} 状态：{status}，{since}无成功采集；{error}".strip(),
                    count=0,
                    window_start=last_ok or rc.now,
                    window_end=rc.now,
                    peak=float(state.consecutive_failures),
                )
            )
        return findings


def _status_zh(status: str) -> str:
    """被封锁/冷却中 for 'blocked'; a status this version does not know is shown as stored."""
    try:
        return SOURCE_STATUS_ZH[SourceStatus(status)]
    except ValueError:
        return status
