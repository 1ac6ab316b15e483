"""检索 (Streamlit AppTest): one search box, a new search starts on page 1, and the result line
names the time range it covered."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.pages import page_data

PAGE = str(Path(__file__).resolve().parents[2] / "dashboard" / "views" / "search.py")
BOX = "搜索内容"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """90 fresh refund complaints, 3 fresh praises and one praise from three days ago."""
    now = datetime.now(UTC)
    rows = [{"native_id": f"r{i}", "text": f"鲜味坊退款第{i}天没到账"} for i in range(90)]
    rows += [{"native_id": f"p{i}", "text": f"鲜味坊真好吃{i}"} for i in range(3)]
    stamps = {f"r{i}": now for i in range(90)} | {f"p{i}": now for i in range(3)}
    rows.append({"native_id": "old", "text": "鲜味坊真好吃，三天前"})
    stamps["old"] = now - timedelta(days=3)
    records = [
        {"source": "weibo", "published_at": stamps[r["native_id"]].isoformat(), **r} for r in rows
    ]
    with page_data(tmp_path, monkeypatch, records) as data:
        yield data


def cards(at: AppTest) -> list[str]:
    return [
        c for m in at.markdown if "yq-mention" in m.value for c in m.value.split("yq-mention")[1:]
    ]


def found(at: AppTest) -> str:
    return next(c.value for c in at.caption if "共找到" in c.value)


def search_for(at: AppTest, text: str) -> None:
    next(t for t in at.text_input if t.label.startswith(BOX)).set_value(text).run()
    assert not at.exception, at.exception


def page_box(at: AppTest):  # type: ignore[no-untyped-def]
    return next(n for n in at.number_input if n.label == "页码")


def test_a_new_search_starts_on_the_first_page(data_dir: Path) -> None:
    """On page 5 of one search, a new search showed 共找到 3 条 and no cards."""
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    search_for(at, "退款")
    assert "共找到 90 条" in found(at)
    page_box(at).set_value(5).run()
    assert len(cards(at)) == 10  # 81–90
    search_for(at, "好吃")
    assert page_box(at).value == 1
    assert "共找到 3 条" in found(at) and len(cards(at)) == 3


def test_a_page_past_the_last_says_so(data_dir: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    search_for(at, "退款")
    page_box(at).set_value(7).run()
    assert "第 7 页没有内容（共 5 页）：把页码改小" in found(at) and not cards(at)


def test_the_result_line_names_the_time_range(data_dir: Path) -> None:
    """The default range is the last 24 hours: the line says so and where to look further."""
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    search_for(at, "好吃")
    assert found(at) == (
        "最近 24 小时内共找到 3 条；要看更早的，在侧栏「时间范围」选更长的范围或「全部」"
    )
    next(s for s in at.sidebar.selectbox if s.label == "时间范围").set_value("最近 30 天").run()
    assert found(at).startswith("最近 30 天内共找到 4 条；要看更早的")
    assert any("三天前" in c for c in cards(at))


def test_one_search_box(data_dir: Path) -> None:
    """The sidebar has the filters only: its 关键词 box and the page's box overwrote each other."""
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert [t.label for t in at.text_input if t.label.startswith(BOX)] != []
    assert not [t for t in at.sidebar.text_input if t.label.startswith("关键词")]


@pytest.fixture
def backlog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A complaint site's backlog imported today: posts from seven months and two years back."""
    now = datetime.now(UTC)
    rows = [
        ("old", "车质网投诉：驰远EV3 变速箱顿挫，4S店拖了三个月", now - timedelta(days=212)),
        ("older", "驰远EV3 变速箱顿挫，两年前的帖子", now - timedelta(days=730)),
    ]
    records = [
        {"source": "chezhi", "native_id": n, "text": t, "published_at": at.isoformat()}
        for n, t, at in rows
    ]
    with page_data(tmp_path, monkeypatch, records) as data:
        yield data


def test_a_backlog_months_back_can_be_found_and_corrected(backlog: Path) -> None:
    """The ranges stopped at 最近 30 天: an import seven months back showed 共找到 0 条."""
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    ranges = next(s for s in at.sidebar.selectbox if s.label == "时间范围")
    assert {"最近 90 天", "最近半年", "最近一年"} <= set(ranges.options)
    search_for(at, "顿挫")
    ranges.set_value("最近 30 天").run()
    assert found(at).startswith("最近 30 天内共找到 0 条")
    next(s for s in at.sidebar.selectbox if s.label == "时间范围").set_value("最近一年").run()
    assert found(at).startswith("最近一年内共找到 1 条；要看更早的")
    assert len(cards(at)) == 1 and "拖了三个月" in cards(at)[0]
    next(s for s in at.selectbox if s.label == "类别").set_value("service_attitude")
    next(t for t in at.sidebar.text_input if t.label == "操作人").set_value("李娜")
    next(b for b in at.button if b.label == "保存校正").click().run()
    assert not at.exception and not at.error
    assert any("已校正（操作人 李娜）：类别" in s.value for s in at.success)
    assert "人工校正" in cards(at)[0]


def test_the_feed_draws_a_year_by_the_week(backlog: Path) -> None:
    """最近一年 on 实时舆情: a bar per week (dated with the year), not 365 daily bars."""
    at = AppTest.from_file(PAGE.replace("search.py", "feed.py"), default_timeout=60).run()
    next(s for s in at.sidebar.selectbox if s.label == "时间范围").set_value("最近一年").run()
    assert not at.exception, at.exception
    chart = next(m.value for m in at.markdown if "情感趋势" in m.value)
    bars = re.findall(r"<title>([^<]*)</title></rect>", chart)
    assert 52 <= len(bars) <= 54
    assert all(re.match(r"\d{4}-\d{2}-\d{2} 起 7 天 共 \d+ 条", b) for b in bars), bars[:2]
    assert sum(" 共 1 条" in b for b in bars) == 1


@pytest.mark.parametrize("text", ['"', "-", '" - "'])
def test_a_search_of_only_quotes_or_minus_signs_lists_nothing_and_says_why(
    data_dir: Path, text: str
) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    search_for(at, text)
    assert cards(at) == [], "not every mention, as if the box were empty"
    assert "共找到 0 条" in found(at)
    warning = " ".join(w.value for w in at.warning)
    assert "没有要检索的词" in warning and "只有引号、减号或空格" in warning, warning
