"""事件's 时间范围 is the filter sidebar's (rolling, 全部, 自定义 dates): the demo incident's event
(started 15 minutes ago) is listed for today and 全部, not for a week that ended days ago."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from brand_events.enums import EVENT_STATUS_ZH, EventStatus
from dashboard import time_ranges
from dashboard.event_data import event_rows
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


def test_a_status_left_out_says_what_it_hides(app: AppTest, incident: Stores) -> None:
    """A week looked back on listed two small 回落 events and hid its 已平息 crisis (761 posts,
    14 alerts) with nothing saying so; 所选范围内没有事件 showed under tiles counting one."""
    at = app.switch_page("../dashboard/views/events.py").run()
    assert not at.exception, at.exception
    shown = next(m for m in at.sidebar.multiselect if m.label == "状态")
    (row,) = [r for r in event_rows(None, incident.ctx.clock()) if not r.rival]
    assert not [i for i in at.info if "所选状态之外" in i.value], "nothing is hidden yet"
    listed_statuses = [
        EventStatus.RISING,
        EventStatus.PEAKING,
        EventStatus.COOLING,
        EventStatus.OVER,
    ]
    shown.set_value([s for s in listed_statuses if s != row.status]).run()
    assert not at.exception, at.exception
    notes = [i.value.replace("\\", "") for i in at.info]
    assert notes == [
        f"所选状态之外还有 1 个事件（{EVENT_STATUS_ZH[row.status]} 1 个），其中最大的是"
        f"「{row.title}」（{row.mentions:,} 条提及，关联预警 {len(row.alerts)} 条）："
        f"在侧栏「状态」中加入「{EVENT_STATUS_ZH[row.status]}」即可列出。"
    ]
