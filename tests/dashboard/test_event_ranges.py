"""事件's 时间范围 is the filter sidebar's (rolling, 全部, 自定义 dates): the demo incident's event
(started 15 minutes ago) is listed for today and 全部, not for a week that ended days ago."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import time_ranges
from tests.dashboard.demo_incident import Stores
from tests.dashboard.test_time_ranges import choose, dates
from tests.support.pages import serve

APP = str(Path(__file__).resolve().parents[2] / "app" / "dashboard_main.py")
NONE_FOUND = "所选范围内没有事件"


@pytest.fixture
def app(incident: Stores, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    """The dashboard on the replayed incident's stores (the navigation: titles link to pages)."""
    serve(monkeypatch, incident.config, incident.data)
    yield AppTest.from_file(APP, default_timeout=60).run()
    st.cache_resource.clear()
    st.cache_data.clear()


def listed(at: AppTest) -> int:
    """Events counted by the status tiles (rising, peaking, cooling, over)."""
    return sum(int(m.value) for m in at.metric)


def test_events_follow_the_shared_time_range(app: AppTest, incident: Stores) -> None:
    today = incident.ctx.clock().astimezone(incident.ctx.config.tz).date()
    at = app.switch_page("../dashboard/views/events.py").run()
    assert not at.exception, at.exception
    ranges = next(s for s in at.sidebar.selectbox if s.label == "时间范围")
    assert ranges.options == time_ranges.CHOICES and ranges.value == "最近 7 天"
    assert listed(at) == 1, "the incident's event"
    choose(at, "自定义")
    dates(at, today - timedelta(days=9), today - timedelta(days=3))
    assert listed(at) == 0 and any(NONE_FOUND in i.value for i in at.info)
    dates(at, today - timedelta(days=1), today)  # the event may have begun before midnight
    assert listed(at) == 1 and not any(NONE_FOUND in i.value for i in at.info)
    dates(at, today, today - timedelta(days=1))
    assert [e.value for e in at.error] == [
        f"开始日期 {today:%Y-%m-%d} 晚于结束日期 {today - timedelta(days=1):%Y-%m-%d}："
        "请把开始日期改早，或把结束日期改晚。"
    ]
    choose(at, "全部")
    assert listed(at) == 1 and not at.error
