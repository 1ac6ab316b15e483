"""Field formats of Chinese sites: relative times ("5分钟前", "昨天 12:00"), counts ("12.3万")."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo
from email.utils import parsedate_to_datetime

_AGO = re.compile(r"^(\d+|半)\s*(秒|分钟|小时|天|周)前$")
_DAY_WORD = re.compile(r"^(今天|昨天|前天)\s*(\d{1,2}):(\d{2})$")
_FULL = re.compile(
    r"^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
)
_MONTH_DAY = re.compile(r"^(\d{1,2})[-/月](\d{1,2})日?(?:\s+(\d{1,2}):(\d{2}))?$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_COUNT = re.compile(r"^(\d+(?:\.\d+)?)\s*(万|亿|w|k)?\+?$", re.IGNORECASE)
_AGO_UNITS = {"秒": 1, "分钟": 60, "小时": 3600, "天": 86400, "周": 604800}
_DAY_OFFSETS = {"今天": 0, "昨天": 1, "前天": 2}
_COUNT_UNITS = {"万": 10_000, "w": 10_000, "亿": 100_000_000, "k": 1_000}
WEIBO_TIME_FORMAT = "%a %b %d %H:%M:%S %z %Y"


def parse_time(raw: object, now: datetime, tz: tzinfo) -> datetime | None:
    """An aware datetime from the formats Chinese sites print, or None when unrecognised."""
    if isinstance(raw, datetime):
        return raw if raw.tzinfo else raw.replace(tzinfo=tz)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return datetime.fromtimestamp(raw / 1000 if raw > 1e11 else raw, UTC)
    text = str(raw or "").strip().removeprefix("发表于").strip()
    if not text:
        return None
    if text.isdigit():
        return parse_time(int(text), now, tz)
    local_now = now.astimezone(tz)
    return _relative(text, local_now) or _absolute(text, local_now, tz)


def _relative(text: str, local_now: datetime) -> datetime | None:
    if text in ("刚刚", "刚才"):
        return local_now
    ago = _AGO.match(text)
    if ago:
        amount = 0.5 if ago.group(1) == "半" else int(ago.group(1))
        return local_now - timedelta(seconds=amount * _AGO_UNITS[ago.group(2)])
    clock = _CLOCK.match(text)
    if clock:
        return local_now.replace(
            hour=int(clock.group(1)), minute=int(clock.group(2)), second=0, microsecond=0
        )
    day = _DAY_WORD.match(text)
    if day:
        base = local_now - timedelta(days=_DAY_OFFSETS[day.group(1)])
        return base.replace(
            hour=int(day.group(2)), minute=int(day.group(3)), second=0, microsecond=0
        )
    return None


def _absolute(text: str, local_now: datetime, tz: tzinfo) -> datetime | None:
    full = _FULL.match(text)
    if full:
        y, mo, d, h, mi, s = (int(g or 0) for g in full.groups())
        return datetime(y, mo, d, h, mi, s, tzinfo=tz)
    short = _MONTH_DAY.match(text)
    if short:
        mo, d, h, mi = (int(g or 0) for g in short.groups())
        return datetime(local_now.year, mo, d, h, mi, tzinfo=tz)
    return _machine(text)


def _machine(text: str) -> datetime | None:
    """Weibo's "Mon Nov 23 17:20:00 +0800 2026", RFC 822 (RSS) or ISO 8601 (Atom)."""
    try:
        return datetime.strptime(text, WEIBO_TIME_FORMAT)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_count(raw: object) -> int | None:
    """An integer from 123, "123", "12.3万", "1.2亿", "100万+"; None when absent or unreadable."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int | float):
        return max(int(raw), 0)
    match = _COUNT.match(str(raw).strip().replace(",", ""))
    if not match:
        return None
    unit = _COUNT_UNITS.get((match.group(2) or "").lower(), 1)
    return round(float(match.group(1)) * unit)
