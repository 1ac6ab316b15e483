"""Multiselects show no English: Streamlit's bulk action ("Select all") is turned off."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.pages import page_data

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Two fresh mentions from two regions (so the 地区 list has several choices)."""
    now = datetime.now(UTC).isoformat()
    rows = [
        {"native_id": "1", "text": "鲜味坊退款难", "region": "广东"},
        {"native_id": "2", "text": "鲜味坊退款慢", "region": "北京"},
    ]
    records = [{"source": "weibo", "published_at": now, **r} for r in rows]
    with page_data(tmp_path, monkeypatch, records) as data:
        yield data


@pytest.mark.parametrize("page", ["search.py", "alerts.py", "events.py"])
def test_no_multiselect_offers_the_english_select_all(data_dir: Path, page: str) -> None:
    at = AppTest.from_file(str(DASHBOARD / "views" / page), default_timeout=60).run()
    assert not at.exception
    boxes = list(at.sidebar.multiselect)
    assert boxes, "the page has multiselect filters"
    for box in boxes:
        assert box.proto.select_all == 0, f"{box.label} offers Streamlit's English 'Select all'"


def test_every_multiselect_goes_through_the_chinese_wrapper() -> None:
    direct = [
        f"{path.relative_to(DASHBOARD)}:{number}"
        for path in DASHBOARD.rglob("*.py")
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if re.search(r"\bst(\.sidebar)?\.multiselect\(", line)
        and "def multiselect" not in line
        and "return st.multiselect(" not in line
    ]
    assert direct == [], "call dashboard.widgets.multiselect instead"
