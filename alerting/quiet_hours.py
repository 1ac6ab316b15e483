"""A rule's quiet hours (免打扰时段): when its messages are held and sent as one digest later.

`quiet_hours: "22:00-08:00"` (the configured time zone, Beijing time by default), or
`{hours: "22:00-08:00", days: [周六, 周日], hold_critical: false}`. The alert itself opens at
once (预警中心 shows it); only the messages wait. Alerts at the most severe level (紧急) go
out immediately unless `hold_critical: true`.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta, tzinfo
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from alerting.enums import WEEKDAY_ZH, Weekday
from core.enums import Severity

DAY_MINUTES = 24 * 60
_SPAN = re.compile(
    r"^\s*(\d{1,2})[:：](\d{2})\s*(?:-|－|–|—|~|～|至|到)\s*(\d{1,2})[:：](\d{2})\s*$"
)
_WEEKDAYS_BY_NAME = {zh: day for day, zh in WEEKDAY_ZH.items()} | {
    "星期" + zh[1]: day for day, zh in WEEKDAY_ZH.items()
}
HOW_TO_WRITE = '写成 "22:00-08:00"（开始-结束，24 小时制，跨午夜即到次日）'


def _minutes(hour: str, minute: str, text: str, *, end: bool = False) -> int:
    """Minutes after midnight of HH:MM (24:00 allowed as an end)."""
    value = int(hour) * 60 + int(minute)
    if int(minute) > 59 or value > DAY_MINUTES or (value == DAY_MINUTES and not end):
        raise ValueError(f"免打扰时段 {text!r} 里的时间不存在；{HOW_TO_WRITE}")
    return value


class QuietHours(BaseModel):
    """When a rule's messages wait: a daily span, optionally on some weekdays only."""

    model_config = ConfigDict(extra="forbid")

    hours: str
    days: list[Weekday] = Field(default_factory=list)  # the span starts on these days; [] = every
    hold_critical: bool = False  # true: even 紧急 alerts wait (default: they go out at once)
    _start: int = 0
    _end: int = 0

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        # Checked here too, so the error names `quiet_hours`, the key the file has.
        return {"hours": cls._span(value)} if isinstance(value, str) else value

    @field_validator("hours")
    @classmethod
    def _span(cls, value: str) -> str:
        """The span as written, when it reads as HH:MM-HH:MM with two different times."""
        found = _SPAN.match(value)
        if found is None:
            raise ValueError(f"免打扰时段 {value!r} 看不懂；{HOW_TO_WRITE}")
        start = _minutes(found[1], found[2], value)
        if start == _minutes(found[3], found[4], value, end=True):
            raise ValueError(
                f"免打扰时段 {value!r} 的开始和结束相同；{HOW_TO_WRITE}，全天写 00:00-24:00"
            )
        return value

    @field_validator("days", mode="before")
    @classmethod
    def _day_names(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        named = []
        for day in value:
            text = str(day).strip().lower()
            if text in set(Weekday):
                named.append(text)
            elif text in _WEEKDAYS_BY_NAME:
                named.append(_WEEKDAYS_BY_NAME[text])
            else:
                allowed = "、".join(f"{d}（{zh}）" for d, zh in WEEKDAY_ZH.items())
                raise ValueError(f"不认识的星期 {day!r}；可写：{allowed}")
        return named

    def model_post_init(self, _: Any) -> None:
        found = _SPAN.match(self.hours)
        assert found is not None  # validated above
        self._start = _minutes(found[1], found[2], self.hours)
        self._end = _minutes(found[3], found[4], self.hours, end=True)

    def label(self) -> str:
        """免打扰 22:00-08:00（周六、周日；紧急预警仍即时发送）."""
        start, end = _clock(self._start), _clock(self._end)
        notes = ["、".join(WEEKDAY_ZH[d] for d in self.days)] if self.days else []
        notes.append("紧急预警也等待" if self.hold_critical else "紧急预警仍即时发送")
        return f"免打扰 {start}-{end}（{'；'.join(notes)}）"

    def holds(self, severity: Severity) -> bool:
        """Whether messages of an alert at this level wait during the span."""
        return self.hold_critical or Severity(severity) != Severity.CRITICAL

    def ends_after(self, moment: datetime, tz: tzinfo) -> datetime | None:
        """When the span `moment` falls in ends (aware, in tz); None outside every span."""
        local = moment.astimezone(tz)
        now = local.hour * 60 + local.minute
        midnight = datetime.combine(local.date(), time(), tzinfo=tz)
        if self._start < self._end:  # within one day
            inside = self._start <= now < self._end
            began = midnight
        elif now >= self._start:  # across midnight, started today
            inside, began = True, midnight
        else:  # across midnight, started yesterday
            inside, began = now < self._end, midnight - timedelta(days=1)
        if not inside or (self.days and _weekday(began) not in self.days):
            return None
        end_day = began + timedelta(days=0 if self._start < self._end else 1)
        return end_day + timedelta(minutes=self._end)


def held_until(
    quiet: QuietHours | None,
    severity: Severity,
    moment: datetime,
    tz: tzinfo,
    *,
    growth: bool = False,
) -> datetime | None:
    """When a message of this alert, due at `moment`, may go out; None = now. A 持续扩大 for
    growth alone (`growth`) waits at every level: the crisis itself went out at once."""
    if quiet is None or not (growth or quiet.holds(severity)):
        return None
    return quiet.ends_after(moment, tz)


def held_zh(until: datetime, tz: tzinfo, now: datetime) -> str:
    """免打扰中，将于 08:00 发送 (明天 08:00, or the date when further away)."""
    local, today = until.astimezone(tz), now.astimezone(tz).date()
    days = (local.date() - today).days
    day = {0: "", 1: "明天 "}.get(days, local.strftime("%m-%d "))
    return f"免打扰中，将于 {day}{local:%H:%M} 发送"


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _weekday(moment: datetime) -> Weekday:
    return list(Weekday)[moment.weekday()]
