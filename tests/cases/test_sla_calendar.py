"""Business-hours arithmetic across nights, weekends, holidays and 调休 make-up workdays."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError

from crisis_playbooks.config import CalendarConfig, CasesConfig
from crisis_playbooks.sla.calendar import AroundTheClock, BusinessCalendar
from tests.cases.conftest import local

HOUR = timedelta(hours=1)


@pytest.fixture
def calendar(cases_config: CasesConfig) -> BusinessCalendar:
    return BusinessCalendar.from_config(cases_config.calendar, "UTC")


@pytest.mark.parametrize(
    ("start", "amount", "expected"),
    [
        (local(2026, 11, 23, 10, 0), 2 * HOUR, local(2026, 11, 23, 12, 0)),  # same day
        (local(2026, 11, 23, 17, 30), HOUR, local(2026, 11, 24, 9, 30)),  # overnight
        (local(2026, 11, 23, 7, 0), HOUR, local(2026, 11, 23, 10, 0)),  # before opening
        (local(2026, 11, 23, 20, 0), HOUR, local(2026, 11, 24, 10, 0)),  # after closing
        (local(2026, 11, 20, 17, 0), 2 * HOUR, local(2026, 11, 23, 10, 0)),  # over a weekend
        (local(2026, 11, 21, 12, 0), HOUR, local(2026, 11, 23, 10, 0)),  # opened on Saturday
        (local(2026, 9, 30, 17, 0), 2 * HOUR, local(2026, 10, 8, 10, 0)),  # National Day
        (local(2026, 10, 9, 17, 0), 2 * HOUR, local(2026, 10, 10, 10, 0)),  # 调休 Saturday
        (local(2026, 11, 23, 10, 0), 18 * HOUR, local(2026, 11, 25, 10, 0)),  # two days
    ],
)
def test_add(calendar: BusinessCalendar, start, amount, expected) -> None:  # type: ignore[no-untyped-def]
    assert calendar.add(start, amount) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (local(2026, 11, 23, 10, 0), local(2026, 11, 23, 12, 0), 2 * HOUR),
        (local(2026, 11, 20, 17, 0), local(2026, 11, 23, 10, 0), 2 * HOUR),
        (local(2026, 11, 23, 19, 0), local(2026, 11, 24, 8, 0), timedelta(0)),
        (local(2026, 9, 30, 9, 0), local(2026, 10, 8, 18, 0), 18 * HOUR),
        (local(2026, 10, 9, 9, 0), local(2026, 10, 12, 9, 0), 18 * HOUR),  # Fri + 调休 Sat
        (local(2026, 11, 23, 12, 0), local(2026, 11, 23, 10, 0), timedelta(0)),
    ],
)
def test_between(calendar: BusinessCalendar, start, end, expected) -> None:  # type: ignore[no-untyped-def]
    assert calendar.between(start, end) == expected


def test_add_and_between_agree(calendar: BusinessCalendar) -> None:
    start = local(2026, 9, 29, 16, 45)
    for hours in (1, 3, 9, 20, 41):
        due = calendar.add(start, hours * HOUR)
        assert calendar.between(start, due) == hours * HOUR


def test_utc_inputs_are_read_in_the_calendar_zone(calendar: BusinessCalendar) -> None:
    start = local(2026, 11, 23, 17, 0).astimezone(calendar.tz).astimezone(tz=None)
    assert calendar.add(start, 2 * HOUR) == local(2026, 11, 24, 10, 0)


def test_around_the_clock_counts_every_hour() -> None:
    clock = AroundTheClock()
    start = local(2026, 11, 21, 23, 0)
    assert clock.add(start, 2 * HOUR) == local(2026, 11, 22, 1, 0)
    assert clock.between(start, local(2026, 11, 22, 1, 0)) == 2 * HOUR


def test_calendar_config_validation() -> None:
    with pytest.raises(ValidationError, match="1（周一）"):
        CalendarConfig(workdays=[0, 1])
    with pytest.raises(ValidationError, match="必须晚于开始时间"):
        CalendarConfig.model_validate({"start": "18:00", "end": "09:00"})
    with pytest.raises(ValidationError, match="结束早于开始"):
        CalendarConfig.model_validate({"holidays": ["2026-10-07..2026-10-01"]})
    config = CalendarConfig.model_validate({"holidays": ["2026-10-01..2026-10-03", "2027-01-01"]})
    assert len(config.holidays) == 4


def test_sla_config_merges_defaults_and_rejects_unknown_severity() -> None:
    config = CasesConfig.model_validate(
        {"sla": {"low": {"first_response": "1d", "resolution": "5d"}}}
    )
    assert config.sla["low"].first_response == timedelta(days=1)  # type: ignore[index]
    assert config.sla["critical"].around_the_clock  # type: ignore[index]
    with pytest.raises(ValidationError):
        CasesConfig.model_validate(
            {"sla": {"urgent": {"first_response": "1h", "resolution": "2h"}}}
        )
