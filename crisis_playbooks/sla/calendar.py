"""Business-hours arithmetic: working days, daily hours, holidays and make-up workdays (调休)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from crisis_playbooks.config import CalendarConfig

_MAX_DAYS = 3660  # ten years: a guard against unreachable targets, never hit in practice


@dataclass(frozen=True)
class BusinessCalendar:
    """Counts time only inside working hours of working days, in one time zone."""

    tz: ZoneInfo
    workdays: frozenset[int]
    start: time
    end: time
    holidays: frozenset[date]
    makeup_workdays: frozenset[date]

    @classmethod
    def from_config(cls, config: CalendarConfig, default_tz: str) -> BusinessCalendar:
        """Build from the `cases.calendar` section; the zone falls back to the app's."""
        return cls(
            tz=ZoneInfo(config.timezone or default_tz),
            workdays=frozenset(config.workdays),
            start=config.start,
            end=config.end,
            holidays=frozenset(config.holidays),
            makeup_workdays=frozenset(config.makeup_workdays),
        )

    def is_workday(self, day: date) -> bool:
        """Make-up workdays work, holidays rest, otherwise the weekday decides."""
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
            return False
        return day.isoweekday() in self.workdays

    def _windows(self, first: date) -> Iterator[tuple[datetime, datetime]]:
        """Working-hour windows from `first` onwards, as aware datetimes."""
        for offset in range(_MAX_DAYS):
            day = first + timedelta(days=offset)
            if self.is_workday(day):
                opens = datetime.combine(day, self.start, tzinfo=self.tz)
                yield opens, datetime.combine(day, self.end, tzinfo=self.tz)

    def between(self, start: datetime, end: datetime) -> timedelta:
        """Business time elapsed between two instants (zero when end <= start)."""
        total = timedelta(0)
        if end <= start:
            return total
        for opens, closes in self._windows(start.astimezone(self.tz).date()):
            if opens >= end:
                break
            overlap = min(closes, end) - max(opens, start)
            if overlap > timedelta(0):
                total += overlap
        return total

    def add(self, start: datetime, amount: timedelta) -> datetime:
        """The instant when `amount` of business time has passed after `start`."""
        remaining = amount
        for opens, closes in self._windows(start.astimezone(self.tz).date()):
            begin = max(opens, start)
            if begin >= closes:
                continue
            if begin + remaining <= closes:
                return begin + remaining
            remaining -= closes - begin
        raise ValueError(
            f"{start} 起 {_MAX_DAYS} 天内没有工作时间"
            "（检查 cases.calendar 的 workdays 与 holidays）"
        )


@dataclass(frozen=True)
class AroundTheClock:
    """A calendar where every minute counts (critical cases)."""

    def between(self, start: datetime, end: datetime) -> timedelta:
        """Wall-clock time between two instants (zero when end <= start)."""
        return max(end - start, timedelta(0))

    def add(self, start: datetime, amount: timedelta) -> datetime:
        """`start` plus `amount`."""
        return start + amount
