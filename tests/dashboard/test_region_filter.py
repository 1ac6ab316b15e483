"""The 地区 filter of the search page: choices come from the data and narrow the results."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.pages import page_data

PAGE = str(Path(__file__).resolve().parents[2] / "dashboard" / "views" / "search.py")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data dir holding three fresh mentions: from 广东, from 北京 and without region."""
    now = datetime.now(UTC).isoformat()
    rows = [
        {"native_id": "1", "text": "鲜味坊退款难", "region": "发布于 广东"},
        {"native_id": "2", "text": "鲜味坊退款慢", "region": "北京市"},
        {"native_id": "3", "text": "鲜味坊退款没到账"},
    ]
    records = [{"source": "weibo", "published_at": now, **r} for r in rows]
    with page_data(tmp_path, monkeypatch, records) as data:
        yield data


def test_region_filter_lists_regions_and_narrows_results(data_dir: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    (regions,) = [m for m in at.sidebar.multiselect if m.label == "地区"]
    assert not at.exception
    assert sorted(regions.options) == ["北京", "广东"]
    assert at.caption[0].value.startswith("最近 24 小时内共找到 3 条")

    regions.select("广东").run()

    assert not at.exception
    assert at.caption[0].value.startswith("最近 24 小时内共找到 1 条")
    cards = [m.value for m in at.markdown if "yq-mention" in m.value]
    assert len(cards) == 1 and "IP属地 广东" in cards[0] and "鲜味坊退款难" in cards[0]


def test_a_search_without_searchable_text_finds_nothing_and_says_why(data_dir: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.text_input[0].input("😡！").run()

    assert not at.exception
    assert at.caption[0].value.startswith("最近 24 小时内共找到 0 条")
    assert "没有可检索的文字" in at.warning[0].value
