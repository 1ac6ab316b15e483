"""When a running alert is told again (持续扩大): when it really grew, and less and less often.

A crisis runs for hours; telling its lead "still growing" every `realert` (30 min) all night
is noise. On-call practice re-notifies on a change that matters, not on a timer: ElastAlert2's
`exponential_realert` doubles the wait between re-alerts of one key while the condition keeps
firing, and PagerDuty-style escalation re-pages an open incident for a new severity or a new
tier, not for more of the same. So a 持续扩大 goes out when

- the alert's count is at least `min_growth` × the count of the last message (2: doubled), and
- `realert` × `backoff`^n has passed since the last message, n = the 持续扩大 already sent for
  this alert (30 min, 1 h, 2 h, …), never more than `max_wait`.

A new severity is still told at once; during the rule's quiet hours a 持续扩大 waits for the
digest at every level (the crisis itself went out at once). `min_growth: 1, backoff: 1` is the
old behaviour: any growth, every `realert`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from core.timeutil import Duration, as_utc, interval_zh

_FACTOR_ZH = {
    "min_growth": "如 2：数量比上次通知时翻一番才再提醒；1：有增长就提醒",
    "backoff": "如 2：每次「持续扩大」的间隔是上一次的两倍；1：间隔不变",
}


class GrowthRealert(BaseModel):
    """A rule's `growth_realert`: how much growth and how long a wait make a 持续扩大."""

    model_config = ConfigDict(extra="forbid")

    min_growth: float = 2.0  # the count at least this × the last message's
    backoff: float = 2.0  # each 持续扩大 waits this × the previous wait
    max_wait: Duration = timedelta(hours=4)

    @field_validator("min_growth", "backoff", mode="before")
    @classmethod
    def _factor(cls, value: Any, info: ValidationInfo) -> Any:
        """A factor of at least 1, written as a number (2 = twice)."""
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 1:
            meaning = _FACTOR_ZH[info.field_name or ""]
            raise ValueError(f"应为不小于 1 的数，{meaning}（收到 {value!r}）")
        return value

    @field_validator("max_wait")
    @classmethod
    def _positive(cls, value: timedelta) -> timedelta:
        if value <= timedelta(0):
            raise ValueError("两次「持续扩大」之间最长等多久，应大于 0，如 4h")
        return value

    def wait(self, realert: timedelta, told: int) -> timedelta:
        """How long after the last message the next 持续扩大 may go, after `told` of them."""
        stretched = realert * self.backoff ** min(max(told, 0), 30)
        return max(realert, min(stretched, self.max_wait))

    def due(
        self,
        count: int,
        told_count: int,
        told_at: datetime | None,
        growth_notices: int,
        realert: timedelta,
        now: datetime,
    ) -> bool:
        """Whether an alert at `count`, last told at `told_count` on `told_at`, is told again."""
        stamp = as_utc(told_at)
        if stamp is not None and now - stamp < self.wait(realert, growth_notices):
            return False
        return count > told_count and count >= told_count * self.min_growth

    def label(self, realert: timedelta) -> str:
        """持续扩大：数量翻倍才再提醒，间隔 30 分钟起逐次加倍，最长 4 小时."""
        if self.min_growth == 1 and self.backoff == 1:
            return f"持续扩大：每 {interval_zh(realert)} 提醒一次"
        growth = "翻倍" if self.min_growth == 2 else f"达到上次的 {self.min_growth:g} 倍"
        spacing = (
            f"间隔 {interval_zh(realert)}"
            if self.backoff == 1 or realert >= self.max_wait  # (wait() never stretches it)
            else f"间隔 {interval_zh(realert)} 起逐次乘以 {self.backoff:g}，"
            f"最长 {interval_zh(self.max_wait)}"
        )
        return f"持续扩大：数量{growth}才再提醒，{spacing}"
