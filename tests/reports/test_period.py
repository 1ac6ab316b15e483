"""Report windows: last full day/week/month in the configured zone, custom ranges."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from reports.config import Period
from reports.period import WindowError, last_full, resolve_window
from tests.reports.factories import NOW, TZ


def test_last_full_week_is_monday_to_sunday_before_now() -> None:
    window = last_full(Period.WEEKLY, NOW, TZ)
    assert (window.first_day, window.last_day) == (date(2026, 11, 16), date(2026, 11, 22))
    assert window.prev_first_day == date(2026, 11, 9)
    assert window.start == datetime(2026, 11, 16, tzinfo=TZ)
    assert window.end - window.start == timedelta(days=7)
    assert window.bucket == timedelta(days=1)
    assert window.slug == "weekly-2026-11-16"
    assert (window.title_zh, window.current_zh, window.previous_zh) == ("舆情周报", "本周", "上周")


def test_week_boundary_uses_the_configured_zone() -> None:
    # Sunday 17:00 UTC is already Monday 01:00 in Shanghai: the week just ended is complete.
    utc_sunday_night = datetime.fromisoformat("2026-11-22T17:00:00+00:00")
    assert last_full(Period.WEEKLY, utc_sunday_night, TZ).first_day == date(2026, 11, 16)


def test_last_full_day_and_month() -> None:
    day = last_full(Period.DAILY, NOW, TZ)
    assert (day.first_day, day.last_day, day.prev_first_day) == (
        date(2026, 11, 22),
        date(2026, 11, 22),
        date(2026, 11, 21),
    )
    assert day.bucket == timedelta(hours=1)
    month = last_full(Period.MONTHLY, NOW, TZ)
    assert (month.first_day, month.last_day, month.prev_first_day) == (
        date(2026, 10, 1),
        date(2026, 10, 31),
        date(2026, 9, 1),
    )


def test_custom_range_compares_with_equal_length_before() -> None:
    window = resolve_window(Period.WEEKLY, date(2026, 11, 1), date(2026, 11, 10), NOW, TZ)
    assert window.custom and window.days == 10
    assert window.prev_first_day == date(2026, 10, 22)
    assert window.title_zh == "舆情报告"


def test_from_alone_covers_one_period() -> None:
    month = resolve_window(Period.MONTHLY, date(2026, 2, 1), None, NOW, TZ)
    assert month.last_day == date(2026, 2, 28)
    week = resolve_window(Period.WEEKLY, date(2026, 11, 2), None, NOW, TZ)
    assert week.last_day == date(2026, 11, 8)


def test_bad_ranges_say_what_to_fix() -> None:
    with pytest.raises(WindowError, match="请交换两个日期"):
        resolve_window(Period.WEEKLY, date(2026, 11, 10), date(2026, 11, 1), NOW, TZ)
    with pytest.raises(WindowError, match="--to 需要同时指定 --from"):
        resolve_window(Period.WEEKLY, None, date(2026, 11, 1), NOW, TZ)


def test_an_unfinished_range_is_counted_until_now_against_the_same_stretch_before() -> None:
    week = resolve_window(Period.WEEKLY, date(2026, 11, 19), None, NOW, TZ)  # Thu … Wed, now Mon
    assert week.in_progress and week.cutoff == NOW
    assert week.prev_start == datetime(2026, 11, 12, tzinfo=TZ)
    assert week.prev_end == week.prev_start + (NOW - week.start)
    assert week.previous_zh == "上期同期"
    day = resolve_window(Period.DAILY, date(2026, 11, 23), None, NOW, TZ)
    assert day.previous_zh == "前一日同时段" and day.prev_end == NOW - timedelta(days=1)
    later = resolve_window(Period.DAILY, date(2026, 11, 30), None, NOW, TZ)
    assert later.cutoff == later.start and later.prev_end == later.prev_start  # not begun
    done = resolve_window(Period.WEEKLY, date(2026, 11, 10), None, NOW, TZ)  # Tue … Mon
    assert not done.in_progress and done.prev_end == done.start and done.previous_zh == "上期"


def test_a_range_that_is_one_calendar_period_is_that_period() -> None:
    """`monthly --from 2026-02-01` is the 月报 of February, compared with all of January (not
    the 28 days before it); `weekly --from <a Monday>` is a 周报, `daily --from D` a 日报."""
    month = resolve_window(Period.MONTHLY, date(2026, 2, 1), None, NOW, TZ)
    assert not month.custom and month.title_zh == "舆情月报" and month.previous_zh == "上月"
    assert month.prev_first_day == date(2026, 1, 1) and month.prev_start.day == 1
    week = resolve_window(Period.WEEKLY, date(2026, 11, 9), date(2026, 11, 15), NOW, TZ)
    assert not week.custom and week.title_zh == "舆情周报" and week.previous_zh == "上周"
    assert week.slug == last_full(Period.WEEKLY, NOW - timedelta(days=7), TZ).slug
    today = resolve_window(Period.DAILY, date(2026, 11, 23), None, NOW, TZ)
    assert today.title_zh == "舆情日报" and today.current_zh == "本日" and today.in_progress
    thursday = resolve_window(Period.WEEKLY, date(2026, 11, 12), None, NOW, TZ)
    assert thursday.custom and thursday.title_zh == "舆情报告"
