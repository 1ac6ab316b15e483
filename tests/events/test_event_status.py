"""An event's last hour and status are read over the 60 minutes before now, not by clock hour:
at 22:03 a crisis with 52 posts since 21:03 read 「最近一小时 2 条（-48）」 and 回落 (round 29)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from brand_events.enums import EventStatus
from brand_events.status import growth_at, mentions_between, status_at

EVENING = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)  # 20:00 北京时间, on the hour


def hour_of(moment: datetime) -> int:
    return int(moment.timestamp() // 3600)


@dataclass
class Story:
    """Just what status and growth read of an event."""

    hourly: dict[str, int]
    last_at: datetime
    visible: bool = True
    id: str = "e"
    title: str = "S7燃气热水器一氧化碳泄漏"
    started_at: datetime = EVENING
    mention_count: int = 0
    author_count: int = 0
    first_mention_id: str = "m"
    first_source: str = "weibo"
    first_native_id: str = "1"
    first_author: str | None = None


def story(per_hour: list[int], now: datetime) -> Story:
    """Counts for the clock hours ending with the one now is in (last item), oldest first."""
    last = hour_of(now)
    hours = range(last - len(per_hour) + 1, last + 1)
    return Story({str(h): n for h, n in zip(hours, per_hour, strict=True)}, last_at=now)


def test_three_minutes_into_an_hour_the_last_hour_is_the_last_60_minutes() -> None:
    now = EVENING + timedelta(hours=2, minutes=3)  # 22:03
    event = story([36, 50, 2], now)  # 20:xx, 21:xx, 22:00–22:03
    growth = growth_at(event, now)
    assert growth.last_hour == round(2 + 50 * 57 / 60)  # 50, not the 2 of the hour "22"
    assert growth.hour_before == round(50 * 3 / 60 + 36 * 57 / 60)


def test_on_the_hour_nothing_is_counted_twice_or_lost() -> None:
    now = EVENING + timedelta(hours=2)
    event = story([36, 50, 0], now)
    assert growth_at(event, now).last_hour == 50
    assert growth_at(event, now).hour_before == 36
    counts = {int(h): n for h, n in event.hourly.items()}
    assert mentions_between(counts, now - timedelta(hours=3), now, now) == pytest.approx(86)


def test_a_second_wave_at_the_evening_rate_is_at_its_peak_not_cooling() -> None:
    # The evening of the poisoning (78 an hour), a quiet night and morning, then the backlash
    # after the brand's statement at 21:01: 52 posts since 21:03, the statement an hour old.
    now = EVENING + timedelta(hours=26, minutes=3)  # the next day, 22:03
    per_hour = [78, 78, 78, 6, 6, 6, 6, 6, 6, 6, 6, 6, 36, 36, 36, 36, 36, 36, 36, 36, 36]
    per_hour += [36, 36, 36, 50, 2]
    event = story(per_hour, now)
    assert status_at(event, now) == EventStatus.PEAKING
    # Two hours later (00:03), the hour 22 whole at 52, then 4 posts and none: cooling.
    later = now + timedelta(hours=2)
    quiet = story([*per_hour[:-1], 52, 4, 0], later)
    assert status_at(quiet, later) == EventStatus.COOLING


def test_a_story_posted_in_only_now_is_rising() -> None:
    now = EVENING + timedelta(minutes=10)
    assert status_at(story([0, 0, 0, 0, 0, 12], now), now) == EventStatus.RISING
