"""A window rule's `delay` (ElastAlert's query_delay): the window ends that long before now.

Backtests now feed each record when it was collected. The written weeks collect a post 2–15
minutes after it was posted, and the 10-minute `negative-spike` lost most of its alerts there:
at each tick most of the last ten minutes' posts were not collected yet (live, the same). A
rule with a delay judges a window that is complete; a replay whose posts are collected later
than half a window rule's window says so and suggests the delay."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from alerting.cli import rule_note
from alerting.config import ALERTING
from alerting.loader import RuleFileError, collect_rules, load_rule_file
from alerting.replay import lag_hints
from alerting.rules.base import WindowSpec
from app.config import AppConfig
from tests.alerting.lagged_replay import RULE, burst, replay

LAG = timedelta(minutes=12)  # the written weeks collect a post 2–15 minutes after it is posted


def test_without_a_delay_the_window_never_holds_the_burst_and_the_replay_says_why(
    tmp_path: Path,
) -> None:
    fired, summary, _ = replay(tmp_path, RULE, burst(LAG))
    assert fired == []
    assert len(summary.hints) == 1
    assert "refund-burst" in summary.hints[0] and "delay: 15m" in summary.hints[0]


def test_a_window_ending_the_delay_ago_holds_the_whole_burst(tmp_path: Path) -> None:
    fired, summary, _ = replay(tmp_path, RULE + "delay: 15m\n", burst(LAG))
    assert len(fired) == 1
    line = fired[0]
    assert int(str(line["count"])) >= 10
    window = line["window"]
    assert isinstance(window, dict)
    window_end = datetime.fromisoformat(window["end"])
    assert datetime.fromisoformat(str(line["fired_at"])) - window_end == timedelta(minutes=15)
    assert str(line["summary"]).endswith("（窗口截至 15 分钟前，留出采集延迟）")
    assert summary.hints == []


def test_a_negative_or_huge_delay_is_refused_in_chinese(tmp_path: Path) -> None:
    wanted = "delay（采集延迟）须为 auto（按采集延迟自动）或 0 到 6 小时之间的时长，例如 15m"
    for value in ("-5m", "2d", "soon", "automatic"):
        path = tmp_path / f"bad{value}.yaml"
        path.write_text(RULE + f"delay: {value}\n", encoding="utf-8")
        with pytest.raises(RuleFileError, match=rf"{wanted}，收到 '{value}'"):
            load_rule_file(path)


def test_no_hint_when_posts_are_collected_within_half_the_window() -> None:
    config = AppConfig.model_validate({"brand": "鲜味坊"})
    rules, _ = collect_rules(ALERTING.of(config))
    slow_lags = [float(8 * 60 + 6 * n) for n in range(100)]
    told = " ".join(lag_hints(slow_lags, rules))
    assert "negative-spike" not in told and "food-safety-spike" not in told  # auto
    for rule in rules:  # as the built-ins were, without a delay
        if isinstance(rule.spec, WindowSpec):
            rule.spec.delay = timedelta(0)
    quick = [float(60 + n) for n in range(100)]  # about a minute after posting
    slow = [float(8 * 60 + 6 * n) for n in range(100)]  # 8 to 18 minutes
    assert lag_hints(quick, rules) == []
    assert lag_hints(slow[:10], rules) == []  # too few records to say
    named = " ".join(lag_hints(slow, rules))
    assert "negative-spike" in named  # 10-minute window
    assert "event-growth" not in named  # one hour


def test_the_rules_listing_says_a_rules_delay(tmp_path: Path) -> None:
    path = tmp_path / "rule.yaml"
    path.write_text(RULE + "delay: 15m\n", encoding="utf-8")
    assert rule_note(load_rule_file(path)).endswith("窗口截至 15 分钟前（采集延迟）")
    path.write_text(RULE, encoding="utf-8")
    assert "采集延迟" not in rule_note(load_rule_file(path))


def test_the_hint_names_the_lag_数据源状态_names() -> None:
    # 20 posts collected 1, 2, …, 20 minutes late: by nearest rank half are in at 10 minutes and
    # 90 % at 18, the figures a source's row shows (collectors.lag.percentile); read by plain
    # index the hint said 11 and 19.
    config = AppConfig.model_validate({"brand": "鲜味坊"})
    rules, _ = collect_rules(ALERTING.of(config))
    for rule in rules:
        if isinstance(rule.spec, WindowSpec):
            rule.spec.delay = timedelta(0)
    lags = [float(60 * minute) for minute in range(1, 21)]
    line = next(h for h in lag_hints(lags, rules) if "negative-spike" in h)
    assert "中位 10 分钟、90% 在 18 分钟内" in line, line
    assert "delay: 20m" in line  # rounded up to 5 minutes
