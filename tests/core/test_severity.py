"""One Severity for urgency, alerts, cases, notices and reports: order, labels, old names."""

from __future__ import annotations

import pytest

from core.enums import SEVERITY_LABELS_ZH, Severity, UrgencySignal
from core.models import Urgency, UrgencyReason


def test_levels_are_ordered_and_each_has_one_distinct_label() -> None:
    assert [s.rank for s in Severity] == [0, 1, 2, 3]
    assert len(set(SEVERITY_LABELS_ZH.values())) == len(Severity) == len(SEVERITY_LABELS_ZH)
    assert Severity.CRITICAL.label_zh == "紧急" and Severity.HIGH.label_zh == "严重"
    assert Severity.highest(["low", Severity.HIGH, "medium"]) is Severity.HIGH
    assert Severity.highest([]) is None


@pytest.mark.parametrize(
    ("stored", "level"),
    [("info", "low"), ("warning", "medium"), ("WARNING", "medium"), ("critical", "critical")],
)
def test_old_names_load_as_todays_levels(stored: str, level: str) -> None:
    assert Severity(stored) is Severity(level)


def test_unknown_name_is_refused() -> None:
    with pytest.raises(ValueError):
        Severity("severe")


@pytest.mark.parametrize(("score", "level"), [(0, "low"), (25, "medium"), (74.9, "high")])
def test_score_thresholds(score: float, level: str) -> None:
    assert Severity.from_score(score) is Severity(level)


def test_reason_codes_are_signals_with_chinese_names() -> None:
    urgency = Urgency.model_validate(
        {
            "level": "high",
            "score": 60,
            "reasons": [
                {"code": "harm_to_people", "evidence": "食物中毒", "weight": 50},
                {"code": "media_exposure", "evidence": "记者", "weight": 10},
            ],
        }
    )
    assert urgency.reasons[0].code is UrgencySignal.HARM_TO_PEOPLE
    assert urgency.reasons_zh() == "人身安全：食物中毒；媒体曝光：记者"
    with pytest.raises(ValueError):
        UrgencyReason(code="harm", evidence="x")  # type: ignore[arg-type]
