"""预警中心 watched all day: an alert raised while the page is open shows without a reload, and
so does another person's 确认 of it (real browser, real stores); its tiles agree with 舆情态势
whatever the 状态 filter lists."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from alerting import service
from alerting.enums import AlertStatus
from alerting.models import Alert
from core.context import Context
from core.enums import Severity
from dashboard.situation import pending_alert_count
from tests.dashboard.conftest import start_dashboard, wait_for, wait_text
from tests.dashboard.corrections_panel import ingest
from tests.dashboard.demo_incident import Stores
from tests.support.pages import serve, write_config

APP = str(Path(__file__).resolve().parents[2] / "app" / "dashboard_main.py")
CONFIG = "brand: 鲜味坊\ndashboard: {refresh: 2s}\n"
TITLE = "高危舆情：门店后厨视频曝光"


def raise_alert(ctx: Context) -> int:
    """An open critical alert, as a rule would store it; its id."""
    moment = datetime.now(UTC)
    alert = Alert(
        rule="urgent-mention", rule_type="urgent_mention", key="food_safety_health",
        severity=Severity.CRITICAL, status=AlertStatus.OPEN, title=TITLE, summary="后厨视频",
        opened_at=moment, updated_at=moment, last_fired_at=moment, fire_count=1,
    )  # fmt: skip
    with ctx.sessions() as session:
        session.add(alert)
        session.commit()
        return alert.id


@pytest.mark.browser
def test_a_new_alert_and_its_acknowledgement_show_without_a_reload(
    tmp_path: Path, browser: Any
) -> None:
    config, data = write_config(tmp_path, CONFIG), tmp_path / "var"
    ingest(data, {"1": "鲜味坊的面条煮得太烂了"})
    dashboard, url = start_dashboard(config, data)
    ctx = Context.load(config, data)
    try:
        browser.get(url + "/alerts")
        wait_text(browser, lambda t: "当前没有预警" in t, "the empty 预警中心")
        alert_id = raise_alert(ctx)
        shown = wait_text(browser, lambda t: TITLE in t, "the new alert", timeout=30)
        assert "待处理\n1" in shown and "当前没有预警" not in shown
        with ctx.sessions() as session:
            service.acknowledge(session, alert_id=alert_id, by="王芳", at=datetime.now(UTC))
            session.commit()
        shown = wait_text(browser, lambda t: "确认人：王芳" in t, "the 确认", timeout=30)
        assert "已确认\n1" in shown and "待处理\n0" in shown
    finally:
        ctx.close()
        dashboard.terminate()
        dashboard.wait(timeout=30)


def test_the_tiles_count_every_unresolved_alert_whatever_the_filter(
    incident: Stores, monkeypatch: pytest.MonkeyPatch
) -> None:
    """待处理 is 舆情态势's 未处理预警 even when the list shows only 已解决 alerts."""
    serve(monkeypatch, incident.config, incident.data)
    try:
        with incident.ctx.sessions() as session:
            pending = pending_alert_count(session)
        assert pending >= 1, "the replayed incident leaves open alerts"
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.switch_page("../dashboard/views/alerts.py").run()
        tiles = {m.label: m.value for m in at.metric}
        assert tiles["待处理"] == str(pending)
        status = next(m for m in at.sidebar.multiselect if m.label == "状态")
        status.set_value([AlertStatus.RESOLVED]).run()
        assert not at.exception, at.exception
        assert {m.label: m.value for m in at.metric} == tiles, "the filter moves no tile"
        (said,) = [i.value for i in at.info]  # and what the filter hides
        assert said.startswith(f"所选状态下没有预警；另有 {pending} 条待处理"), said
        assert said.endswith("在侧栏「状态」中加入「待处理」即可列出。"), said
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


def test_a_closed_crisis_alerts_are_said_to_be_hidden_not_absent(
    incident: Stores, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A week looked back on: every alert 已解决, which the default filter leaves out. The page
    said 当前没有预警 over them."""
    with incident.ctx.sessions() as session:
        alerts = session.query(Alert).all()
        for alert in alerts:
            alert.status = AlertStatus.RESOLVED
        session.commit()
    serve(monkeypatch, incident.config, incident.data)
    try:
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.switch_page("../dashboard/views/alerts.py").run()
        assert not at.exception, at.exception
        assert [i.value for i in at.info] == [
            f"所选状态下没有预警；另有 {len(alerts)} 条已解决的预警，"
            "在侧栏「状态」中加入「已解决」即可列出。"
        ]
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


@pytest.mark.browser
def test_the_tab_names_pending_alerts_on_any_page(tmp_path: Path, browser: Any) -> None:
    """A desk keeps other tabs in front: the dashboard's tab says (1) 待处理预警 by itself."""
    config, data = write_config(tmp_path, CONFIG), tmp_path / "var"
    ingest(data, {"1": "鲜味坊的面条煮得太烂了"})
    dashboard, url = start_dashboard(config, data)
    ctx = Context.load(config, data)
    try:
        browser.get(url + "/feed")
        wait_text(browser, lambda t: "最新提及" in t, "实时舆情")
        assert not browser.title.startswith("("), browser.title
        alert_id = raise_alert(ctx)
        wait_for(lambda: browser.title.startswith("(1) 待处理预警"), 30, "the tab's count")
        with ctx.sessions() as session:
            service.acknowledge(session, alert_id=alert_id, by="王芳", at=datetime.now(UTC))
            session.commit()
        wait_for(lambda: not browser.title.startswith("("), 30, "the count gone once taken up")
        assert "待处理预警" not in browser.title
    finally:
        ctx.close()
        dashboard.terminate()
        dashboard.wait(timeout=30)
