"""The 地区 filter of the search page: choices come from the data and narrow the results."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from app.cli import app

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
    stream = tmp_path / "in.jsonl"
    lines = [json.dumps({"source": "weibo", "published_at": now, **r}) for r in rows]
    stream.write_text("\n".join(lines), encoding="utf-8")
    data = tmp_path / "var"
    result = CliRunner().invoke(app, ["ingest", str(stream), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("YUQING_DATA_DIR", str(data))
    monkeypatch.delenv("YUQING_CONFIG", raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield data
    st.cache_resource.clear()
    st.cache_data.clear()


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
