"""`delay: auto` (the default of a window rule): its window ends the current 90th-percentile
collection lag of its sources before now, the lag read from what was ingested (live, and in a
replay fed at the records' collection times alike); 0 while no lag is known, as on a stream
collected the instant it is posted (the demo)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from alerting.auto_delay import auto_delay
from alerting.cli import rule_note
from alerting.config import ALERTING
from alerting.enums import DelayMode
from alerting.loader import collect_rules, load_rule_file
from app.config import AppConfig
from collectors.lag import SourceLag
from tests.alerting.lagged_replay import RULE, burst, replay


def lag_of(name: str, minutes: list[float]) -> SourceLag:
    return SourceLag(name, tuple(m * 60 for m in minutes))


def test_auto_ends_the_window_the_replayed_lag_before_the_tick(tmp_path: Path) -> None:
    lag = timedelta(minutes=11, seconds=20)  # rounded up: 12 minutes
    fired, summary, lags = replay(tmp_path, RULE + "delay: auto\n", burst(lag))
    assert len(fired) == 1
    line = fired[0]
    assert int(str(line["count"])) >= 10
    fired_at = datetime.fromisoformat(str(line["fired_at"]))
    window = line["window"]
    assert isinstance(window, dict)
    assert fired_at - datetime.fromisoformat(window["end"]) == timedelta(minutes=12)
    assert str(line["summary"]).endswith("（窗口截至 12 分钟前，留出采集延迟）")
    assert summary.hints == []  # auto follows the lag: nothing to suggest
    shown = lags["weibo-search"].text_zh()
    assert shown == "采集延迟 中位 12 分钟 / 90% 12 分钟内（最近 24 条）"


def test_the_built_in_ten_minute_rules_are_auto_and_a_rule_naming_none_keeps_none(
    tmp_path: Path,
) -> None:
    config = AppConfig.model_validate({"brand": "鲜味坊"})
    rules = {rule.name: rule for rule in collect_rules(ALERTING.of(config))[0]}
    assert rules["negative-spike"].delay == DelayMode.AUTO
    assert rules["food-safety-spike"].delay == DelayMode.AUTO
    assert rules["event-growth"].delay == timedelta(0)  # an hour: the lag costs it little
    fired, _, _ = replay(tmp_path, RULE, burst(timedelta(minutes=12)))
    assert fired == []  # a user's rule without a delay judges as it did


def test_auto_is_no_delay_when_posts_are_collected_as_they_are_posted(tmp_path: Path) -> None:
    fired, _, _ = replay(tmp_path, RULE + "delay: auto\n", burst(timedelta(0)))
    assert len(fired) == 1
    window = fired[0]["window"]
    assert isinstance(window, dict)
    assert fired[0]["fired_at"] == window["end"]
    assert "采集延迟" not in str(fired[0]["summary"])


def test_records_without_a_collection_time_tell_no_lag(tmp_path: Path) -> None:
    fired, summary, lags = replay(tmp_path, RULE + "delay: auto\n", burst(None))
    assert summary.uncollected == 24
    assert lags["weibo-search"].text_zh() == "采集延迟 未知（最近 24 条，无采集时间 24 条未计入）"
    assert len(fired) == 1 and "采集延迟" not in str(fired[0]["summary"])


def test_auto_reads_the_rules_sources_together_rounded_up_to_a_minute(tmp_path: Path) -> None:
    quick = lag_of("weibo-search", [2.0] * 90 + [4.5] * 10)
    slow = lag_of("heimao", [14.2] * 30)
    path = tmp_path / "rule.yaml"
    path.write_text(RULE + "delay: auto\n", encoding="utf-8")
    anywhere = load_rule_file(path)
    path.write_text(RULE + "delay: auto\nfilter:\n  sources: [heimao]\n", encoding="utf-8")
    heimao_only = load_rule_file(path)
    lags = {"weibo-search": quick, "heimao": slow}
    # 130 lags together: the 117th is heimao's
    assert auto_delay(anywhere, lags) == timedelta(minutes=15)
    assert auto_delay(anywhere, {"weibo-search": quick}) == timedelta(minutes=2)
    assert auto_delay(heimao_only, lags) == timedelta(minutes=15)
    assert auto_delay(heimao_only, {"weibo-search": quick}) == timedelta(0)  # none known
    assert auto_delay(anywhere, {"x": lag_of("x", [9.0] * 19)}) == timedelta(0)  # too few
    assert auto_delay(anywhere, {"x": lag_of("x", [0.9] * 30)}) == timedelta(0)  # < a minute
    assert auto_delay(anywhere, {"x": lag_of("x", [61 / 60] * 30)}) == timedelta(minutes=2)


def test_the_rules_listing_says_auto_and_its_delay_now(tmp_path: Path) -> None:
    path = tmp_path / "rule.yaml"
    path.write_text(RULE + "delay: auto\n", encoding="utf-8")
    rule = load_rule_file(path)
    lags = {"weibo-search": lag_of("weibo-search", [3.0] * 50 + [12.5] * 10)}
    assert rule_note(rule, lags).endswith("窗口截至采集延迟之前：自动（当前 13 分钟）")
    assert rule_note(rule).endswith("自动（当前 0 分钟，尚无足够的采集记录）")
