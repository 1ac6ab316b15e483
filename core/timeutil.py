"""Durations, clocks and UTC: parse "30s" / "5m" / "PT1H", an injectable clock, and the one
place that reads naive datetimes (SQLite hands them back naive) as UTC."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Annotated, Any, overload

from pydantic import BeforeValidator

_SIMPLE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d|w)?\s*$", re.IGNORECASE)
_ISO = re.compile(
    r"^P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)S)?)?$",
    re.IGNORECASE,
)
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800}

Clock = Callable[[], datetime]


def parse_duration(value: Any) -> timedelta:
    """Parse "30s", "5m", "2h", "1d", "PT1H30M", 0 or a timedelta; raise ValueError otherwise.

    A bare number other than 0 is refused: `interval: 5` could mean seconds or minutes.
    """
    if isinstance(value, timedelta):
        return value
    if isinstance(value, int | float | str) and not isinstance(value, bool):
        simple = _SIMPLE.match(str(value))
        if simple and simple.group(2) is None and float(simple.group(1)) != 0:
            raise ValueError(
                f"时长 {value!r} 没有单位：写成 5m / 30s / 2h 这样带单位的时长"
                "（s 秒、m 分钟、h 小时、d 天）"
            )
        if simple:
            unit = (simple.group(2) or "s").lower()
            return timedelta(seconds=float(simple.group(1)) * _UNIT_SECONDS[unit])
    if isinstance(value, str):
        iso = _ISO.match(value.strip())
        if iso and any(iso.groupdict().values()):
            parts = {k: int(v) for k, v in iso.groupdict().items() if v}
            return timedelta(
                weeks=parts.get("w", 0),
                days=parts.get("d", 0),
                hours=parts.get("h", 0),
                minutes=parts.get("m", 0),
                seconds=parts.get("s", 0),
            )
    raise ValueError(f"不是时长：{value!r}（写成 30s、5m、2h、1d 或 PT1H）")


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]


def system_clock() -> datetime:
    """Wall-clock time in UTC."""
    return datetime.now(UTC)


class SimulatedClock:
    """A clock that only moves when told to; replays and tests use it."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance_to(self, moment: datetime) -> None:
        """Move forward to moment (never backwards)."""
        if moment > self.now:
            self.now = moment


def duration_zh(span: timedelta) -> str:
    """A span in at most two units: 3 天 4 小时 / 2 小时 15 分 / 35 分钟."""
    minutes = int(span.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} 天 {hours} 小时"
    if hours:
        return f"{hours} 小时 {mins} 分"
    return f"{mins} 分钟"


_INTERVAL_UNITS = ((86_400, "天"), (3_600, "小时"), (60, "分钟"), (1, "秒"))


def interval_zh(span: timedelta, units: int | None = None, *, top: str = "天") -> str:
    """A span in words, units without a count left out: 30 秒, 5 分钟, 1 小时 30 分钟, 1 天 (not
    0:00:30). `units`: read only that many units from the largest one present (2: 1 天 2 小时 of
    1 天 2 小时 3 分钟, 1 天 of 1 天 0 小时 5 分钟). `top`: the largest unit used (小时: 24 小时,
    for spans counted in working hours, where a 天 would be misread as a calendar day)."""
    seconds = int(span.total_seconds())
    counts = []
    sizes = [unit for _, unit in _INTERVAL_UNITS]
    for size, unit in _INTERVAL_UNITS[sizes.index(top) :]:
        count, seconds = divmod(seconds, size)
        counts.append((count, unit))
    first = next((i for i, (count, _) in enumerate(counts) if count), len(counts))
    read = counts[first : first + units] if units else counts[first:]
    return " ".join(f"{count} {unit}" for count, unit in read if count) or (
        f"{span.total_seconds():g} 秒"
    )


def since_posted_zh(span: timedelta) -> str:
    """How long a post had been up (collected_at − published_at): 发布不到 1 分钟 / 发布后 12
    分钟内 / 发布后 3 小时 5 分钟内."""
    minutes = int(span.total_seconds() // 60)
    if minutes < 1:
        return "发布不到 1 分钟"
    return f"发布后 {interval_zh(timedelta(minutes=minutes), units=2)}内"


@overload
def as_utc(moment: datetime) -> datetime: ...
@overload
def as_utc(moment: None) -> None: ...
def as_utc(moment: datetime | None) -> datetime | None:
    """A naive datetime taken as UTC (SQLite, old rows); an aware one is returned unchanged."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


@overload
def to_utc(moment: datetime) -> datetime: ...
@overload
def to_utc(moment: None) -> None: ...
def to_utc(moment: datetime | None) -> datetime | None:
    """The same instant expressed in UTC (naive input is taken as UTC): what the DB stores."""
    return None if moment is None else as_utc(moment).astimezone(UTC)


# Zones a Chinese reader knows by name; any other is shown by its IANA name.
_ZONE_NAMES_ZH = {"Asia/Shanghai": "北京时间", "Asia/Chongqing": "北京时间", "UTC": "UTC"}


def zone_zh(tz: tzinfo) -> str:
    """The name a reader knows a zone by: 北京时间 for Asia/Shanghai, else its IANA name."""
    return _ZONE_NAMES_ZH.get(str(tz), str(tz))


def local_minute(moment: datetime, tz: tzinfo, year: bool = True) -> str:
    """A moment to the minute in the configured zone: 2026-12-03 04:15, or 12-03 04:15 without
    the year (tables); naive is taken as UTC."""
    return f"{as_utc(moment).astimezone(tz):{'%Y-%m-%d %H:%M' if year else '%m-%d %H:%M'}}"
