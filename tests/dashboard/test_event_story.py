"""The PR day, continued: the event page tells the incident's story (real browser, real stores).

From the crisis banner to the event page: its title names what happened, the first post is the
incident's seed, the timeline and the propagation tree render, the brand's own reply is flagged
官方, and the alert, the case and the event link to each other. Checked on the page and in the
stores.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import streamlit as st

from brand_events import detail as details
from brand_events.listing import EventRow, read_events
from collectors.demo.stream import incident_script
from core.models import mention_id
from core.own_accounts import OwnAccounts
from crisis_playbooks.cases import service as cases
from tests.dashboard.conftest import (
    button,
    click,
    click_tab,
    nav_to,
    start_dashboard,
    type_into,
    wait_for,
    wait_text,
)
from tests.dashboard.demo_incident import RAW, Stores
from tests.support.pages import serve

TITLE = "酸菜鱼里吃出了一只虫子"
SEED_TEXT = "酸菜鱼里吃出了一只虫子，半夜全家上吐下泻"
OWN_TEXT = "经核实，您的订单号"  # the start of the brand's reply


def script_id(ref: str) -> str:
    """The mention id of the incident entry named `ref` (keys are i<position>)."""
    position = next(n for n, e in enumerate(incident_script()) if e.get("ref") == ref)
    return mention_id("demo", f"i{position}")


def the_event(incident: Stores) -> tuple[EventRow, details.EventDetail]:
    """The one visible event of the replayed incident, and its full detail from the stores."""
    ctx = incident.ctx
    with ctx.sessions() as session:
        found = read_events(session)
        assert len(found) == 1, [(e.title, e.mention_count) for e in found]
        own = sorted(OwnAccounts.of(ctx.config).names())
        return found[0], details.build(session, ctx.index, found[0], own)


def link(driver: Any, scope_css: str, starts: str) -> Any:
    """The page link inside scope_css whose label (after its icon) starts with `starts`."""
    return wait_for(
        lambda: [
            a
            for a in driver.find_elements("css selector", f"{scope_css} a")
            if a.text.strip().split("\n")[-1].startswith(starts) and a.is_displayed()
        ],
        30,
        f"link {starts}",
    )[0]


def test_event_data_of_the_incident(incident: Stores, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stored event is the incident: seed first, own reply in the tree, alerts linked."""
    event, story = the_event(incident)
    assert TITLE in event.title and event.first_native_id == "i0"
    seed, own_reply = script_id("seed"), script_id("own_reply")
    assert story.propagation.own_posts == [own_reply]
    assert story.propagation.parents[own_reply] == seed and story.propagation.depth >= 3
    assert incident.alert_id in [a["id"] for a in story.alerts]
    # The dashboard's helpers on the same stores (outside a Streamlit run: plain functions).
    serve(monkeypatch, incident.config, incident.data)
    from dashboard.event_data import event_rows
    from dashboard.event_story import step_size, steps, tree_html

    moment = incident.ctx.clock()
    rows = event_rows(moment - timedelta(days=1), moment)
    assert [r.id for r in rows] == [event.id]
    row = rows[0]
    negative = sum(1 for m in story.mentions if m.is_negative) / len(story.mentions)
    assert row.negative == pytest.approx(negative) and row.severity is not None
    assert (
        row.severity.value == "critical" and row.last_hour + row.hour_before == event.mention_count
    )
    drawn, hidden = tree_html(story, incident.ctx.config.tz)
    assert hidden == 0 and drawn.count('class="yq-node"') == story.propagation.linked + 1
    own_node = next(n for n in drawn.split('<div class="yq-node"')[1:] if OWN_TEXT in n)
    assert ">官方<" in own_node
    timeline, size = steps(story.mentions, incident.ctx.config.tz)
    assert size == timedelta(minutes=1) and sum(s.count for s in timeline) == len(story.mentions)
    assert step_size(timedelta(days=3)) == timedelta(hours=1)
    st.cache_resource.clear()


@pytest.mark.browser
def test_event_page_tells_the_story(incident: Stores, browser: Any) -> None:
    event, story = the_event(incident)
    alert_id = incident.alert_id
    dashboard, url = start_dashboard(incident.config, incident.data)
    try:
        seen: list[str] = []
        browser.get(url)
        text = wait_text(
            browser,
            lambda t: "危机进行中" in t and f"所属事件：{TITLE}" in t and "事件开始" in t,
            "the crisis banner naming its event, event starts on the trend",
        )
        seen.append(text)
        # The crisis banner leads to the event page.
        click(browser, link(browser, ".st-key-crisis-banner", "所属事件"))
        text = wait_text(
            browser,
            # The page is drawn top-down and tables after their text: wait for the whole page.
            lambda t: f"事件：{TITLE}" in t and "关联预警与案件" in t and "影响力" in t,
            "the event page",
        )
        seen.append(text)
        assert f"event_detail?event={event.id}" in browser.current_url
        first = browser.find_element("css selector", ".st-key-event-first").text
        assert "首发 · 吃货小王大王" in first and SEED_TEXT in first, first
        assert "上升" in text and "开始，持续" in text and "+00:00" not in text
        chart = browser.find_element("css selector", ".st-key-event-timeline")
        wait_for(lambda: chart.find_elements("css selector", "svg"), 30, "the timeline")
        assert "预警开始" in chart.text and "关键发文" in chart.text
        tree = browser.find_element("css selector", ".st-key-event-tree")
        nodes = tree.find_elements("css selector", ".yq-node")
        assert len(nodes) == story.propagation.linked + 1, len(nodes)
        own_node = next(n.text for n in nodes if OWN_TEXT in n.text)
        assert "官方" in own_node.split("鲜味坊官方")[0], own_node
        assert nodes[0].text.startswith("关键节点吃货小王大王"), nodes[0].text
        assert f"转发/回复\n{story.propagation.linked}\n" in text
        assert f"传播层级\n{story.propagation.depth}\n" in text
        assert "主要传播者" in text and "传播路径" in text
        said = next(line for line in text.splitlines() if f"预警 #{alert_id} " in line)
        assert said.endswith("（待处理）"), said  # a linked alert says where it stands

        # The event links to its alert; the alert card names the event and leads back.
        click(browser, link(browser, "[data-testid='stMain']", f"预警 #{alert_id} "))
        text = wait_text(
            browser, lambda t: f"所属事件：{TITLE}" in t and "代表性内容" in t, "the alert card"
        )
        seen.append(text)
        type_into(browser, "操作人", "李娜")  # a case is opened in a person's name
        click(browser, button(browser, "立案", key=f"case-{alert_id}"))
        text = wait_text(
            browser, lambda t: "案件 #1 · " in t and f"所属事件：{TITLE}" in t, "the case page"
        )
        seen.append(text)
        with incident.ctx.sessions() as session:
            case = cases.get_or_raise(session, case_id=1)
            assert alert_id in [a.alert_id for a in case.alerts]
        click_tab(browser, "时间线")
        click(browser, link(browser, "[data-testid='stMain']", "所属事件"))
        text = wait_text(
            browser, lambda t: f"事件：{TITLE}" in t and "案件 #1 " in t, "the event with its case"
        )
        seen.append(text)
        said = next(line for line in text.splitlines() if f"预警 #{alert_id} " in line)
        assert said.endswith("（已确认）"), said  # taken up by opening the case

        # 事件 list: the incident is a rising event; its row opens the event page.
        nav_to(browser, "事件")
        text = wait_text(browser, lambda t: TITLE in t and "关联预警" in t, "the event list")
        seen.append(text)
        row = browser.find_element("css selector", ".st-key-event-row-0").text
        assert TITLE in row and "上升" in row and f"{event.mention_count} 条提及" in row
        assert "最高 紧急" in row, row
        click(browser, link(browser, ".st-key-event-row-0", TITLE))
        wait_text(browser, lambda t: f"事件：{TITLE}" in t and "传播路径" in t, "the event again")
        assert "Traceback" not in browser.find_element("tag name", "body").text
        # A stale link (an event forgotten meanwhile) says so instead of failing.
        browser.get(f"{url}/event_detail?event=0000000000")
        wait_text(browser, lambda t: "没有这个事件" in t, "the unknown event")
        for page in seen:
            for raw in [*RAW, "rising", "peaking", "cooling", "forming", "mention_id", "native_id"]:
                assert raw not in page, (raw, page[:2000])
    finally:
        dashboard.terminate()
        dashboard.wait(timeout=20)
