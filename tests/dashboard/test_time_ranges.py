"""时间范围 beyond 最近一年: 全部 (every post, the trend a bar per month over years) and a 自定义
date range (days in the configured time zone; a start after the end is refused in Chinese)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import time_ranges
from dashboard.time_ranges import RangeError
from tests.support.pages import page_data

VIEWS = Path(__file__).resolve().parents[2] / "dashboard" / "views"
BEIJING = ZoneInfo("Asia/Shanghai")  # the default configured zone
TODAY = datetime.now(BEIJING).date()
DAY = TODAY - timedelta(days=10)  # the day the 自定义 tests choose


def beijing(day: date, hour: int, minute: int) -> datetime:
    """A moment in 北京时间."""
    return datetime.combine(day, time(hour, minute), BEIJING)


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Posts around midnight of DAY (北京时间; in UTC both fall on the day before), one from
    seven months and one from three years back."""
    posts = {
        "eve": ("鲜味坊汤面太咸，前一天深夜", beijing(DAY - timedelta(days=1), 23, 30)),
        "day": ("鲜味坊汤面太咸，当天凌晨", beijing(DAY, 0, 30)),
        "months": ("鲜味坊汤面太咸，七个月前", datetime.now(UTC) - timedelta(days=212)),
        "years": ("鲜味坊汤面太咸，三年前", datetime.now(UTC) - timedelta(days=3 * 365)),
    }
    records = [
        {"source": "weibo", "native_id": n, "text": t, "published_at": at.isoformat()}
        for n, (t, at) in posts.items()
    ]
    with page_data(tmp_path, monkeypatch, records) as data:
        yield data


def choose(at: AppTest, label: str) -> AppTest:
    next(s for s in at.sidebar.selectbox if s.label == "时间范围").set_value(label).run()
    assert not at.exception, at.exception
    return at


def dates(at: AppTest, start: date, end: date) -> AppTest:
    next(d for d in at.sidebar.date_input if d.label == "开始日期").set_value(start)
    next(d for d in at.sidebar.date_input if d.label == "结束日期").set_value(end).run()
    assert not at.exception, at.exception
    return at


def found(at: AppTest) -> str:
    return next(c.value for c in at.caption if "共找到" in c.value)


def cards(at: AppTest) -> str:
    return "".join(m.value for m in at.markdown if "yq-mention" in m.value)


def bars(at: AppTest) -> list[str]:
    chart = next(m.value for m in at.markdown if "情感趋势" in m.value)
    return re.findall(r"<title>([^<]*)</title></rect>", chart)


def test_buckets_follow_the_length_of_the_range() -> None:
    """The rolling ranges keep their bars; longer spans get wider ones."""
    widths = {label: time_ranges.bucket(span) for label, span in time_ranges.ROLLING.items()}
    assert widths == {
        "最近 1 小时": timedelta(minutes=5),
        "最近 24 小时": timedelta(hours=1),
        "最近 7 天": timedelta(hours=6),
        "最近 30 天": timedelta(days=1),
        "最近 90 天": timedelta(days=1),
        "最近半年": timedelta(days=7),
        "最近一年": timedelta(days=7),
    }
    assert time_ranges.bucket(timedelta(days=3 * 365)) == timedelta(days=30)
    assert time_ranges.bucket(timedelta(days=2)) == timedelta(hours=6)


def test_a_custom_range_is_whole_local_days() -> None:
    window = time_ranges.custom(date(2026, 1, 1), date(2026, 1, 31), BEIJING)
    assert window.since == datetime(2025, 12, 31, 16, 0, tzinfo=UTC)
    assert window.until == datetime(2026, 1, 31, 16, 0, tzinfo=UTC)
    assert window.interval == timedelta(days=1) and not window.rolling
    assert window.phrase_zh == "2026-01-01 至 2026-01-31 期间"
    with pytest.raises(RangeError, match="开始日期 2026-02-01 晚于结束日期 2026-01-31"):
        time_ranges.custom(date(2026, 2, 1), date(2026, 1, 31), BEIJING)
    with pytest.raises(RangeError, match="需要开始日期和结束日期"):
        time_ranges.custom(None, date(2026, 1, 31), BEIJING)


def test_all_finds_every_post_and_points_nowhere_further(history: Path) -> None:
    at = AppTest.from_file(str(VIEWS / "search.py"), default_timeout=60).run()
    ranges = next(s for s in at.sidebar.selectbox if s.label == "时间范围")
    assert ranges.options[-2:] == ["全部", "自定义"]
    choose(at, "最近一年")
    assert found(at).startswith("最近一年内共找到 3 条；要看更早的")
    choose(at, "全部")
    assert found(at) == "全部时间内共找到 4 条", "nothing further back to point to"
    assert "三年前" in cards(at)


def test_a_custom_day_is_a_day_in_the_configured_zone(history: Path) -> None:
    """00:30 北京时间 is still the day before in UTC: the chosen day has that post, not the
    23:30 one of the evening before (which is the chosen day in UTC)."""
    at = choose(AppTest.from_file(str(VIEWS / "search.py"), default_timeout=60).run(), "自定义")
    dates(at, DAY, DAY)
    assert found(at).startswith(f"{DAY:%Y-%m-%d} 期间共找到 1 条")
    assert "当天凌晨" in cards(at) and "前一天深夜" not in cards(at)
    dates(at, DAY - timedelta(days=1), DAY)
    assert found(at).startswith(
        f"{DAY - timedelta(days=1):%Y-%m-%d} 至 {DAY:%Y-%m-%d} 期间共找到 2"
    )


def test_a_start_after_the_end_is_refused(history: Path) -> None:
    at = choose(AppTest.from_file(str(VIEWS / "search.py"), default_timeout=60).run(), "自定义")
    dates(at, DAY, DAY - timedelta(days=3))
    assert [e.value for e in at.error] == [
        f"开始日期 {DAY:%Y-%m-%d} 晚于结束日期 {DAY - timedelta(days=3):%Y-%m-%d}："
        "请把开始日期改早，或把结束日期改晚。"
    ]
    assert not [c for c in at.caption if "共找到" in c.value] and not cards(at), "no results"


@pytest.mark.parametrize("page", ["feed.py", "overview.py"])
def test_the_trend_fits_all_and_custom_ranges(history: Path, page: str) -> None:
    """全部 over three years: a bar per 30 days, not 1,000 daily ones; two chosen days: a bar
    per six hours, ending with the second day. 态势's trend offers the same choice."""
    at = AppTest.from_file(str(VIEWS / page), default_timeout=60).run()
    ranges = next(s for s in at.sidebar.selectbox if s.label == "时间范围")
    assert ranges.options == time_ranges.CHOICES
    choose(at, "全部")
    shown = bars(at)
    assert 36 <= len(shown) <= 38, len(shown)
    assert all(re.match(r"\d{4}-\d{2}-\d{2} 起 30 天 共 \d+ 条", b) for b in shown), shown[:2]
    assert sum(int(b.split(" 共 ")[1].split(" 条")[0]) for b in shown) == 4
    choose(at, "自定义")
    dates(at, DAY - timedelta(days=1), DAY)
    shown = bars(at)
    assert len(shown) == 8, shown
    assert shown[0].startswith(f"{DAY - timedelta(days=1):%m-%d} 00:00 共")
    assert shown[-1].startswith(f"{DAY:%m-%d} 18:00 共")


def test_a_custom_range_ending_today_stops_at_now(history: Path) -> None:
    """Today is taken when the test runs, not when the module was collected: a run that
    crosses midnight in Beijing chose yesterday (24 bars, all of them past)."""
    at = choose(AppTest.from_file(str(VIEWS / "feed.py"), default_timeout=60).run(), "自定义")
    before = datetime.now(BEIJING)
    dates(at, before.date(), before.date())
    after = datetime.now(BEIJING)  # the hour, even the day, may turn while the page runs
    last = after.hour if after.date() == before.date() else 23
    assert before.hour + 1 <= len(bars(at)) <= last + 1, "no bars for the hours still to come"


def test_insights_compare_a_date_range_but_not_all(history: Path) -> None:
    at = choose(AppTest.from_file(str(VIEWS / "insights.py"), default_timeout=60).run(), "全部")
    tiles = {m.label: m.proto for m in at.metric}
    assert tiles["提及量"].body == "4" and not tiles["提及量"].delta, "nothing before 全部"
    assert not any("环比" in c.value for c in at.caption)
    choose(at, "自定义")
    dates(at, DAY, DAY)
    tiles = {m.label: m.proto for m in at.metric}
    assert tiles["提及量"].body == "1", "the chosen day only"
    assert tiles["提及量"].delta == "持平 环比", "against the day before: one post too"


def test_the_overview_trend_refuses_a_start_after_the_end_and_keeps_the_rest(
    history: Path,
) -> None:
    at = choose(AppTest.from_file(str(VIEWS / "overview.py"), default_timeout=60).run(), "自定义")
    dates(at, DAY, DAY - timedelta(days=3))
    assert [e.value for e in at.error] == [
        f"开始日期 {DAY:%Y-%m-%d} 晚于结束日期 {DAY - timedelta(days=3):%Y-%m-%d}："
        "请把开始日期改早，或把结束日期改晚。"
    ]
    assert not [m for m in at.markdown if "情感趋势" in m.value], "no trend"
    assert any(s.value == "最新提及" for s in at.subheader), "the rest of the page is there"
