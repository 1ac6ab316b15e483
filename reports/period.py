"""Report windows: the last full day/week/month (or a custom range) and the one before it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo

from reports.config import Period

PERIOD_TITLES_ZH = {Period.DAILY: "日报", Period.WEEKLY: "周报", Period.MONTHLY: "月报"}
_CURRENT_ZH = {Period.DAILY: "本日", Period.WEEKLY: "本周", Period.MONTHLY: "本月"}
_PREVIOUS_ZH = {Period.DAILY: "前一日", Period.WEEKLY: "上周", Period.MONTHLY: "上月"}


class WindowError(ValueError):
    """A requested report range is empty or reversed; the message says which dates to fix."""


@dataclass(frozen=True)
class ReportWindow:
    """The reported range [start, end) and the comparison range [prev_start, prev_end), in tz.

    A period that has not ended yet (`until` set: the moment the report was made) is counted up
    to `until` and compared with the same stretch of the previous period, like with like.
    """

    period: Period
    first_day: date
    last_day: date
    prev_first_day: date
    tz: tzinfo
    custom: bool = False
    until: datetime | None = None  # "now" while the period is still in progress

    @property
    def start(self) -> datetime:
        """Inclusive start (local midnight of the first day)."""
        return _midnight(self.first_day, self.tz)

    @property
    def end(self) -> datetime:
        """Exclusive end (local midnight after the last day)."""
        return _midnight(self.last_day + timedelta(days=1), self.tz)

    @property
    def prev_start(self) -> datetime:
        """Inclusive start of the comparison range."""
        return _midnight(self.prev_first_day, self.tz)

    @property
    def in_progress(self) -> bool:
        """True while the period has not ended (or not even begun) when the report is made."""
        return self.until is not None

    @property
    def cutoff(self) -> datetime:
        """Exclusive end of what is counted: `until` while in progress, else `end`."""
        return self.until or self.end

    @property
    def prev_end(self) -> datetime:
        """Exclusive end of the comparison range: as far into it as the period has run."""
        if self.until is None:
            return self.start
        return self.prev_start + (self.until - self.start)

    @property
    def days(self) -> int:
        """Number of calendar days covered."""
        return (self.last_day - self.first_day).days + 1

    @property
    def bucket(self) -> timedelta:
        """Trend-chart resolution: hours for a single day, days otherwise."""
        return timedelta(hours=1) if self.days == 1 else timedelta(days=1)

    @property
    def title_zh(self) -> str:
        """日报 / 周报 / 月报 (or 报告 for a custom range)."""
        return "舆情报告" if self.custom else f"舆情{PERIOD_TITLES_ZH[self.period]}"

    @property
    def current_zh(self) -> str:
        """本周 / 本日 / 本月 / 本期."""
        return "本期" if self.custom else _CURRENT_ZH[self.period]

    @property
    def previous_zh(self) -> str:
        """上周 / 前一日 / 上月 / 上期, + 同期 (a day: 同时段) while the period is in progress."""
        name = "上期" if self.custom else _PREVIOUS_ZH[self.period]
        if self.in_progress:
            return name + ("同时段" if self.days == 1 else "同期")
        return name

    @property
    def label(self) -> str:
        """Human-readable range, e.g. 2026-11-16 至 2026-11-22."""
        if self.days == 1:
            return self.first_day.isoformat()
        return f"{self.first_day.isoformat()} 至 {self.last_day.isoformat()}"

    @property
    def slug(self) -> str:
        """Folder name under <data_dir>/reports/, e.g. weekly-2026-11-16."""
        if self.custom:
            return f"{self.period}-{self.first_day.isoformat()}-{self.last_day.isoformat()}"
        return f"{self.period}-{self.first_day.isoformat()}"


def _midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz)


def last_full(period: Period, now: datetime, tz: tzinfo) -> ReportWindow:
    """The last complete day, Monday–Sunday week or calendar month before `now` in tz."""
    today = now.astimezone(tz).date()
    if period == Period.DAILY:
        day = today - timedelta(days=1)
        return ReportWindow(period, day, day, day - timedelta(days=1), tz)
    if period == Period.WEEKLY:
        first = today - timedelta(days=today.weekday() + 7)
        return ReportWindow(period, first, first + timedelta(days=6), first - timedelta(days=7), tz)
    last = today.replace(day=1) - timedelta(days=1)
    first = last.replace(day=1)
    prev_first = (first - timedelta(days=1)).replace(day=1)
    return ReportWindow(period, first, last, prev_first, tz)


def custom_range(period: Period, first_day: date, last_day: date, tz: tzinfo) -> ReportWindow:
    """A range of whole days (last day inclusive), compared with the same length just before."""
    if last_day < first_day:
        raise WindowError(f"--to {last_day} 早于 --from {first_day}：请交换两个日期")
    length = (last_day - first_day).days + 1
    return ReportWindow(
        period, first_day, last_day, first_day - timedelta(days=length), tz, custom=True
    )


def period_end(period: Period, first_day: date) -> date:
    """The last day of a period starting on first_day (a day, 7 days, or to the month's end)."""
    if period == Period.DAILY:
        return first_day
    if period == Period.WEEKLY:
        return first_day + timedelta(days=6)
    next_month = (first_day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return next_month - timedelta(days=1)


def resolve_window(
    period: Period, first_day: date | None, last_day: date | None, now: datetime, tz: tzinfo
) -> ReportWindow:
    """--from/--to when given (--to defaults to the period's end), else the last full period;
    a range that has not ended by `now` is counted up to `now` (see `as_of`)."""
    if first_day is None and last_day is None:
        return last_full(period, now, tz)
    if first_day is None:
        raise WindowError("--to 需要同时指定 --from（如 --from 2026-11-16 --to 2026-11-22）")
    last = last_day or period_end(period, first_day)
    window = calendar_period(period, first_day, last, tz) or custom_range(
        period, first_day, last, tz
    )
    return as_of(window, now)


def calendar_period(
    period: Period, first_day: date, last_day: date, tz: tzinfo
) -> ReportWindow | None:
    """A range that is exactly one day, Monday–Sunday week or calendar month of `period` is
    that period: titled 日报/周报/月报 and compared with the day, week or month before (a
    February is compared with all of January, not with the 28 days before it); else None."""
    if last_day != period_end(period, first_day):
        return None
    if period == Period.DAILY:
        previous = first_day - timedelta(days=1)
    elif period == Period.WEEKLY and first_day.weekday() == 0:
        previous = first_day - timedelta(days=7)
    elif period == Period.MONTHLY and first_day.day == 1:
        previous = (first_day - timedelta(days=1)).replace(day=1)
    else:
        return None
    return ReportWindow(period, first_day, last_day, previous, tz)


def as_of(window: ReportWindow, now: datetime) -> ReportWindow:
    """The window as known at `now`: still in progress (until = now, or its start when it has
    not begun) when `now` is before its end, unchanged otherwise."""
    if now >= window.end:
        return window
    return replace(window, until=max(now, window.start))
