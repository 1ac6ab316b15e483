"""A week declared once (bench/week_spec.py): the statement minute and the day label derived from
the spec, the milestones' truths by kind, and a spec without one statement refused by name."""

from __future__ import annotations

import dataclasses

import pytest

from bench import ride_crisis, ride_week
from bench.week_spec import Milestone, milestones


def test_spec_derives_statement_minute_and_day() -> None:
    assert ride_week.SPEC.statement_minute == 900
    assert ride_week.SPEC.day == "day-5"


def test_milestones_by_kind() -> None:
    made = milestones(
        ride_crisis,
        "food_safety_health",
        blogger=Milestone(90, {"id": "1"}, 100),
        statement=Milestone(900, {"id": "2"}, 200),
        media=Milestone(1200, {"id": "3"}, 300, "service_attitude"),
        notice=Milestone(2100, {"id": "4"}, 400),
    )
    text, who, reach, truth = made[90]
    assert (text, who, reach) == (ride_crisis.BLOGGER_POST, {"id": "1"}, 100)
    assert (truth.kind, truth.complaint, truth.category, truth.urgency) == (
        "crisis-blogger",
        True,
        "food_safety_health",
        "critical",
    )
    assert made[1200][3].category == "service_attitude"
    assert (made[900][3].complaint, made[900][3].urgency) == (False, "low")
    assert (made[2100][0], made[2100][3].urgency) == (ride_crisis.NOTICE, "high")


def test_spec_without_a_statement_is_refused() -> None:
    spec = ride_week.SPEC
    quiet = dataclasses.replace(spec, milestones={90: spec.milestones[90]})
    with pytest.raises(ValueError, match="ride_week: wants one statement milestone"):
        _ = quiet.statement_minute
