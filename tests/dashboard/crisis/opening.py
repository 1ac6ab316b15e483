"""The crisis journey: 案件看板 offers the alert for a case, 立案 opens it from the alert."""

from __future__ import annotations

from alerting import service as alerts
from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.cases import service as cases
from tests.dashboard.conftest import button, click, nav_to, wait_text
from tests.dashboard.crisis import FOOD_ALERT_TITLE, OPERATOR, Journey


def open_case(run: Journey) -> None:
    """案件看板 lists the waiting alert (Chinese, local time); 立案 from the alert card."""
    browser, ctx, alert_id, seen = run.browser, run.ctx, run.alert_id, run.seen
    with ctx.sessions() as session:
        fired = alerts.get(session, alert_id=alert_id).opened_at  # type: ignore[union-attr]
    local = f"{fired.astimezone(ctx.config.tz):%m-%d %H:%M}"
    # 案件看板: the alert waits for a case; open one from it.
    nav_to(browser, "案件看板")
    text = wait_text(
        browser,
        # Streamlit sends the card's title and its caption as separate deltas: wait for both.
        lambda t: (
            "待立案预警" in t and f"预警 #{alert_id} · {FOOD_ALERT_TITLE}" in t and "首次触发" in t
        ),
        "the alert waiting for a case",
    )
    assert f"级别 紧急 · 规则「高危舆情」 · 首次触发 {local}" in text, "Chinese, local time"
    assert (
        browser.find_element("css selector", "input[aria-label='操作人']").get_attribute("value")
        == OPERATOR
    ), "the operator typed on the alerts page carries over"
    # 立案 from the alert card itself; the alert then links to its case.
    nav_to(browser, "预警中心")
    wait_text(browser, lambda t: f"确认人：{OPERATOR}" in t, "the alert again")
    click(browser, button(browser, "立案", key=f"case-{alert_id}"))
    text = wait_text(
        browser,
        lambda t: "案件 #1 · " in t and "处置清单" in t and "启动建议预案" in t,
        "the new case's page",
    )
    assert "/case_detail" in browser.current_url and "case_id=1" in browser.current_url
    assert "新建 · " in text and "SLA 首次响应" in text
    with ctx.sessions() as session:
        case = cases.get_or_raise(session, case_id=1)
        assert case.status == "new" and case.proposed_playbook == "food_safety"
        linked = [a.alert_id for a in case.alerts]
        assert linked[0] == alert_id, "the alert the case was opened from comes first"
        grouped = {alerts.get(session, alert_id=i).incident_id for i in linked}  # type: ignore[union-attr]
        assert len(grouped) == 1, "the rest of the case's alerts are its incident's"
        assert case.mentions, "the alert's sample mentions are linked"
        opened = audit.get_all(session, case_id=1, kinds=[EventKind.OPENED])
        assert [e.actor for e in opened] == [OPERATOR]

    seen.append(text)
    assert "还剩" in text, "the SLA shows the time left"
