"""Each rule type writes the numbers line of its alerts; messages and the dashboard share it."""

from __future__ import annotations

from datetime import UTC, datetime

from alerting.models import Alert
from alerting.rules import RULES, describe
from alerting.rules.base import Rule


def alert(rule_type: str, count: int, baseline: float | None, peak: float) -> Alert:
    """An alert row as the engine writes it (not stored)."""
    now = datetime(2026, 3, 2, tzinfo=UTC)
    return Alert(
        rule="r", rule_type=rule_type, key="*", title="t", count=count, baseline=baseline,
        peak=peak, opened_at=now, updated_at=now, last_fired_at=now,
    )  # fmt: skip


def test_counting_rules_compare_with_the_baseline() -> None:
    assert describe(alert("spike", 12, 3.0, 12)) == "数量：12 条，基线 3.0 条，约 4.0 倍（峰值 12）"
    assert describe(alert("frequency", 7, None, 7)) == "数量：7 条"


def test_a_last_week_spike_names_what_it_compared_with() -> None:
    weekly = alert("spike", 30, 12.0, 30)
    weekly.summary = "最近 1 小时 30 条，是上周同一时段（12 条）的 2.5 倍"
    assert describe(weekly) == "数量：30 条，上周同一时段 12 条，约 2.5 倍（峰值 30）"
    weekly.summary, weekly.baseline, weekly.count = "最近 1 小时 6 条，上周同一时段 0 条", 0.5, 6
    assert describe(weekly) == "数量：6 条，上周同一时段 0 条（峰值 30）"


def test_negative_ratio_speaks_in_shares() -> None:
    assert describe(alert("negative_ratio", 30, 0.15, 0.42)) == "负面占比：42%，平时 15%"


def test_urgent_mentions_show_the_score_and_level() -> None:
    line = describe(alert("urgent_mention", 2, None, 81.4))
    assert line == "紧急度：81 分（紧急），高危内容 2 条"


def test_unknown_rule_type_of_an_old_alert_falls_back_to_counts() -> None:
    assert describe(alert("retired_rule", 4, None, 4)) == "数量：4 条"


def test_every_registered_type_is_a_rule_with_its_own_spec() -> None:
    for name in RULES.names():
        kind = RULES.get(name)
        assert issubclass(kind, Rule) and kind.type_name == name
        assert kind.spec_model.model_fields["type"] is not None
