"""The 时间范围 of the filter sidebar: rolling ranges (最近 24 小时 …), 全部 and a 自定义 date
range, each with the trend's bucket. Pure functions; dashboard/filters.py draws the choice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.errors import YuqingError

ROLLING: dict[str, timedelta] = {
    "最近 1 小时": timedelta(hours=1),
    "最近 24 小时": timedelta(hours=24),
    "最近 7 天": timedelta(days=7),
    "最近 30 天": timedelta(days=30),
    "最近 90 天": timedelta(days=90),
    "最近半年": timedelta(days=182),
    "最近一年": timedelta(days=365),
}
ALL = "全部"
CUSTOM = "自定义"
CHOICES = [*ROLLING, ALL, CUSTOM]
DEFAULT = "最近 24 小时"

# (longest span, its bucket): a bar per 5 minutes up to an hour, per hour up to a day, per
# 6 hours up to a week, per day up to 90 days, per week up to two years, per 30 days beyond
# (an import of several years' complaints stays a few dozen bars, not thousands).
BUCKETS: list[tuple[timedelta, timedelta]] = [
    (timedelta(hours=1), timedelta(minutes=5)),
    (timedelta(days=1), timedelta(hours=1)),
    (timedelta(days=7), timedelta(hours=6)),
    (timedelta(days=90), timedelta(days=1)),
    (timedelta(days=730), timedelta(days=7)),
]
LONGEST_BUCKET = timedelta(days=30)


class RangeError(YuqingError):
    """A 自定义 range without both dates, or starting after it ends."""


def bucket(span: timedelta) -> timedelta:
    """The trend's bar width for a range this long."""
    return next((step for longest, step in BUCKETS if span <= longest), LONGEST_BUCKET)


@dataclass(frozen=True)
class TimeWindow:
    """A chosen range: its bounds (None: open), the trend's bucket and how a line names it."""

    label: str  # 最近 24 小时, 全部, or 2026-01-01 至 2026-03-31
    since: datetime | None
    until: datetime | None
    interval: timedelta
    rolling: bool = False  # the start moves with the clock

    @property
    def phrase_zh(self) -> str:
        """The range in a sentence: 最近 24 小时内, 全部时间内, 2026-01-01 至 2026-01-31 期间."""
        if self.label == ALL:
            return "全部时间内"
        return f"{self.label}内" if self.rolling else f"{self.label} 期间"


def rolling(label: str, end: datetime) -> TimeWindow:
    """最近 …: from `end` (the rounded now) back the range's length."""
    span = ROLLING[label]
    return TimeWindow(label, end - span, None, bucket(span), rolling=True)


def everything(oldest: datetime | None, end: datetime) -> TimeWindow:
    """全部: no bounds; the bucket fits the span from the oldest mention to now."""
    return TimeWindow(ALL, None, None, bucket(end - oldest if oldest else timedelta(days=1)))


def custom(start: date | None, end: date | None, tz: ZoneInfo) -> TimeWindow:
    """自定义: from the start date's midnight to the end date's last moment, in the configured
    time zone (a post at 00:30 北京时间 belongs to that day, though in UTC it is the day before)."""
    if start is None or end is None:
        raise RangeError("自定义时间范围需要开始日期和结束日期：请在侧栏选好两个日期。")
    if start > end:
        raise RangeError(
            f"开始日期 {start:%Y-%m-%d} 晚于结束日期 {end:%Y-%m-%d}："
            "请把开始日期改早，或把结束日期改晚。"
        )
    since = datetime.combine(start, time(), tz)
    until = datetime.combine(end + timedelta(days=1), time(), tz)
    label = f"{start:%Y-%m-%d}" if start == end else f"{start:%Y-%m-%d} 至 {end:%Y-%m-%d}"
    return TimeWindow(label, since, until, bucket(until - since))
