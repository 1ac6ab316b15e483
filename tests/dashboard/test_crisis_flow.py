"""A PR person's day in a real browser: the demo incident from the crisis banner to the export.

The demo's scripted incident is replayed through pipeline and alert rules (`yuqing replay`)
into real stores; a real `yuqing dashboard` serves them to headless Chromium. Every step is
checked twice: what the page shows, and what the workflow store holds afterwards.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from alerting import service as alerts
from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.cases import service as cases
from crisis_playbooks.playbook import service as playbooks
from crisis_playbooks.recovery import service as recovery
from crisis_playbooks.tasks import service as tasks
from tests.dashboard.case_ui import (
    change_status,
    checkbox_by_label,
    checkbox_input,
    checkbox_label,
    open_expander,
    read,
    set_slider,
    type_date,
)
from tests.dashboard.conftest import (
    button,
    click,
    click_tab,
    nav_to,
    page_text,
    start_dashboard,
    type_into,
    wait_for,
    wait_text,
)
from tests.dashboard.demo_incident import RAW, Stores

OPERATOR = "李娜"
SCREENSHOT = Path("/tmp/yuqing-case-detail.png")
FOOD_ALERT_TITLE = "高危舆情：食品安全/人身安全"
FOOD_PLAYBOOK = "食品安全事件处置预案"


def fresh_text(driver: Any, selector: str, needle: str) -> str:
    """Text of the first element matching selector that contains needle (the page refreshes
    itself every few seconds, so an element found a moment ago may be gone: look again)."""
    from selenium.common.exceptions import StaleElementReferenceException

    def look() -> str | None:
        try:
            found = driver.find_elements("css selector", selector)
            return next((str(e.text) for e in found if needle in e.text), None)
        except StaleElementReferenceException:
            return None

    return str(wait_for(look, 30, f"{selector} with {needle}"))


@pytest.mark.browser
def test_crisis_workflow_in_the_browser(incident: Stores, browser: Any) -> None:
    ctx, alert_id = incident.ctx, incident.alert_id
    dashboard, url = start_dashboard(incident.config, incident.data)
    try:
        seen: list[str] = []
        browser.get(url)
        # 态势: the crisis banner is up, the brand's own reply is flagged and pinned.
        text = wait_text(
            browser,
            # The page renders top-down: wait for its last block (the pinned own post) too.
            lambda t: (
                "舆情态势 · 鲜味坊" in t
                and "危机进行中" in t
                and "置顶" in t
                and "提及 @鲜味坊官方" in t
            ),
            "the situation page with the crisis banner",
        )
        seen.append(text)
        banner = fresh_text(browser, ".st-key-crisis-banner", "开始以来提及")
        assert FOOD_ALERT_TITLE in banner and "紧急级" in banner and "开始以来提及" in banner
        started = banner.split(" 开始，")[0][-11:]  # MM-DD HH:MM
        assert f"开始 {started}" in text, "the banner and 待处理事项 date the crisis alike"
        assert "官方账号发文引发大量互动：@鲜味坊官方" in text and "提及 @鲜味坊官方" in text
        own_card = fresh_text(browser, ".yq-mention", "不排除是您自己放入的异物")
        assert own_card.startswith("官方"), own_card
        assert "负面概率" in text and "粉丝 126 万，认证用户" in text and "小时内转评" in text
        assert "待处理事项" in text and "尚未立案" in text
        pending_home = int(text.split("未处理预警\n")[1].split("\n")[0])

        # 预警中心: the food-safety alert, acknowledged by the operator.
        nav_to(browser, "预警中心")
        text = wait_text(
            browser,
            lambda t: f"#{alert_id} {FOOD_ALERT_TITLE}" in t and "酸菜鱼里吃出了一只虫子" in t,
            "the food-safety alert with its sample mentions",
        )
        assert "紧急" in text and "高危单条" in text and "未配置通知渠道" in text
        assert f"待处理\n{pending_home}\n" in text, "the same count as the situation page"
        seen.append(text)
        type_into(browser, "操作人", OPERATOR)
        click(browser, button(browser, "确认", key=f"ack-{alert_id}"))
        wait_text(browser, lambda t: f"确认人：{OPERATOR}" in t, "the acknowledgement")
        with ctx.sessions() as session:
            alert = alerts.get(session, alert_id=alert_id)
            assert alert.status == "acknowledged" and alert.acknowledged_by == OPERATOR
            fired = alert.opened_at
        local = f"{fired.astimezone(ctx.config.tz):%m-%d %H:%M}"

        # 案件看板: the alert waits for a case; open one from it.
        nav_to(browser, "案件看板")
        text = wait_text(
            browser,
            # Streamlit sends the card's title and its caption as separate deltas: wait for both.
            lambda t: (
                "待立案预警" in t
                and f"预警 #{alert_id} · {FOOD_ALERT_TITLE}" in t
                and "首次触发" in t
            ),
            "the alert waiting for a case",
        )
        assert f"级别 紧急 · 规则「高危舆情」 · 首次触发 {local}" in text, "Chinese, local time"
        assert (
            browser.find_element("css selector", "input[aria-label='操作人']").get_attribute(
                "value"
            )
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
        # 处置清单: the proposed playbook is pre-selected; start it.
        picked = browser.find_element("css selector", "input[role='combobox'][aria-label='预案']")
        assert picked.get_attribute("value") == FOOD_PLAYBOOK, "the proposed playbook is picked"
        click(browser, button(browser, "启动建议预案", key="start-playbook"))
        text = wait_text(
            browser,
            lambda t: f"正在执行：{FOOD_PLAYBOOK}" in t and "核实事实、保全证据" in t,
            "the playbook's checklist",
        )
        assert f"由 {OPERATOR} 于" in text and "另启动一个预案" in text
        # The running playbook is shown; another one only after choosing to start a second.
        assert not browser.find_elements("xpath", "//button[contains(., '启动')]")
        assert "〔待核实：" in browser.page_source, "unverified facts are marked in templates"
        with ctx.sessions() as session:
            runs = playbooks.get_runs(session, case_id=1)
            assert [(r.playbook_id, r.started_by) for r in runs] == [("food_safety", OPERATOR)]
            steps = tasks.get_all(session, case_id=1)
        assert len(steps) >= 7 and steps[0].step_id == "verify_facts"
        assert text.index("另启动一个预案") > text.index(steps[-1].title), (
            "the second-playbook toggle sits below the last step, not above the first"
        )
        first, skipped = steps[0], next(s for s in steps if s.step_id == "press_conference")

        # Step 1 done with a note (the note field is in the step's expander).
        expander = open_expander(browser, first.id)
        type_into(browser, "说明 / 跳过原因", "原帖已截图，同批次已下架", scope=expander)
        click(browser, checkbox_label(browser, first.id))
        text = wait_text(
            browser, lambda t: "备注：原帖已截图，同批次已下架" in t, "the done step's note"
        )
        assert f"· {OPERATOR} 于" in text and "已完成" in text, "a ticked step says who and when"
        assert checkbox_input(browser, first.id).is_selected()
        # Skipping without a reason is refused, with a reason it works.
        expander = open_expander(browser, skipped.id)
        click(browser, button(browser, "跳过此步", key=f"skip-{skipped.id}"))
        wait_text(browser, lambda t: "跳过步骤需要填写原因" in t, "the refusal")
        expander = open_expander(browser, skipped.id)
        type_into(browser, "说明 / 跳过原因", "未达到召开发布会的条件", scope=expander)
        click(browser, button(browser, "跳过此步", key=f"skip-{skipped.id}"))
        wait_text(browser, lambda t: "已跳过：未达到召开发布会的条件" in t, "the skipped step")
        assert not checkbox_input(browser, skipped.id).is_enabled()
        with ctx.sessions() as session:
            done = tasks.get(session, task_id=first.id)
            assert (done.status, done.note, done.completed_by) == (
                "done",
                "原帖已截图，同批次已下架",
                OPERATOR,
            )
            gone = tasks.get(session, task_id=skipped.id)
            assert (gone.status, gone.note, gone.completed_by) == (
                "skipped",
                "未达到召开发布会的条件",
                OPERATOR,
            )
            others = [t.status for t in tasks.get_all(session, case_id=1)]
            assert others.count("open") == len(steps) - 2

        # The status machine, one step at a time.
        for status, label in [
            ("acknowledged", "已受理"),
            ("responding", "响应中"),
            ("recovering", "补救中"),
        ]:
            change_status(browser, label, note=f"进入{label}")
            with ctx.sessions() as session:
                assert cases.get_or_raise(session, case_id=1).status == status
        with ctx.sessions() as session:
            case = cases.get_or_raise(session, case_id=1)
            assert case.acknowledged_at and case.first_response_at
            changes = audit.get_all(session, case_id=1, kinds=[EventKind.STATUS_CHANGED])
            assert [(e.before, e.after, e.actor, e.text) for e in changes] == [
                ("new", "acknowledged", OPERATOR, "进入已受理"),
                ("acknowledged", "responding", OPERATOR, "进入响应中"),
                ("responding", "recovering", OPERATOR, "进入补救中"),
            ]

        # 服务补救: fill the recovery record and save it.
        follow_up = date.today() + timedelta(days=3)
        click_tab(browser, "服务补救")
        form = wait_for(
            lambda: browser.find_element("css selector", "[data-testid='stForm']:has(textarea)"),
            30,
            "the recovery form",
        )
        type_into(browser, "服务失误原因", "后厨冷链温控失效", scope=form, area=True)
        type_into(browser, "专人负责", "王强", scope=form)
        click(browser, checkbox_by_label(form, "已主动联系客户"))
        click(browser, checkbox_by_label(form, "已致歉"))
        type_into(
            browser, "补救方案（可供客户选择）", "全额退款并承担医药费", scope=form, area=True
        )
        click(browser, form.find_element("xpath", ".//label[.//p[text()='客户接受']]"))
        type_date(browser, form, "回访日期", follow_up)
        set_slider(browser, form, "补救后满意度", steps=4)
        click(browser, checkbox_by_label(form, "已回访"))  # by mistake: corrected below
        click(browser, button(browser, "保存服务补救记录", scope=form))
        record = wait_for(lambda: read(ctx, recovery.get, case_id=1), 30, "the recovery record")
        assert record.followed_up_at is not None
        with ctx.sessions() as session:
            assert record.break_cause == "后厨冷链温控失效" and record.responsible == "王强"
            assert record.proactive_contact_at is not None and record.apology_made
            assert record.remedy_offered == "全额退款并承担医药费"
            assert record.remedy_accepted is True
            assert record.follow_up_on == follow_up and record.satisfaction == 4
            changed = audit.get_all(session, case_id=1, kinds=[EventKind.RECOVERY_CHANGED])
            assert {e.actor for e in changed} == {OPERATOR}
            assert {"proactive_contact_at", "apology_made", "satisfaction"} <= {
                e.field for e in changed
            }
        # After the rerun the form shows what was stored.
        wait_text(browser, lambda t: "保存服务补救记录" in t, "the recovery form after saving")
        form = browser.find_element("css selector", "[data-testid='stForm']:has(textarea)")
        assert (
            form.find_element("css selector", "input[type='range']").get_attribute("aria-valuetext")
            == "4"
        )
        assert (
            form.find_element("css selector", "input[type='date']").get_attribute("value")
            == follow_up.isoformat()
        )
        assert "后厨冷链温控失效" in [
            a.get_attribute("value") for a in form.find_elements("tag name", "textarea")
        ]
        # The follow-up call has not happened yet: untick 已回访 and save again.
        click(browser, checkbox_by_label(form, "已回访"))
        click(browser, button(browser, "保存服务补救记录", scope=form))
        wait_for(
            lambda: (r := read(ctx, recovery.get, case_id=1)) and r.followed_up_at is None,
            30,
            "the follow-up tick to be withdrawn",
        )
        wait_text(browser, lambda t: "保存服务补救记录" in t, "the recovery form after the fix")
        form = browser.find_element("css selector", "[data-testid='stForm']:has(textarea)")
        assert not form.find_element(
            "xpath", ".//div[@data-testid='stCheckbox'][.//p[text()='已回访']]//input"
        ).is_selected()
        with ctx.sessions() as session:
            record = recovery.get(session, case_id=1)
            assert record is not None and not record.is_closed_out
            assert record.proactive_contact_at is not None and record.satisfaction == 4
            withdrawn = audit.get_all(session, case_id=1, kinds=[EventKind.RECOVERY_CHANGED])[-1]
            assert (withdrawn.field, withdrawn.after, withdrawn.actor) == (
                "followed_up_at",
                None,
                OPERATOR,
            )

        # Resolve (the steps still open are skipped with the confirmed reason) and close.
        reason = "顾客已接受补救，其余步骤由品控另行跟进"
        change_status(browser, "已解决", reason, force=True)
        change_status(browser, "已关闭")
        with ctx.sessions() as session:
            case = cases.get_or_raise(session, case_id=1)
            assert case.status == "closed" and case.resolved_at and case.closed_at
            assert case.closed_at >= case.resolved_at
            changes = audit.get_all(session, case_id=1, kinds=[EventKind.STATUS_CHANGED])
            # A note belongs to one change: it is not repeated on the next ones.
            assert [(e.after, e.actor, e.text) for e in changes[3:]] == [
                ("resolved", OPERATOR, reason),
                ("closed", OPERATOR, ""),
            ]
            assert all(t.status != "open" for t in tasks.get_all(session, case_id=1))
        assert "进入补救中" not in browser.find_element(
            "css selector", "input[aria-label='说明（写入时间线）']"
        ).get_attribute("value")

        # 时间线: the audit log, attributed to the operator.
        click_tab(browser, "时间线")
        text = wait_text(
            browser,
            lambda t: f"状态变更 · {OPERATOR} 将状态从 已解决 改为 已关闭" in t,
            "the timeline",
        )
        for kind in ["立案", "启动预案", "任务更新", "服务补救记录", "关联预警"]:
            assert f"{kind} · {OPERATOR} " in text, kind
        assert f"{OPERATOR} 将已致歉从 否 改为 是" in text
        assert f"{OPERATOR} 将补救后满意度设为 4 分" in text
        assert f"{OPERATOR} 将挽回等级设为 普通客户" in text
        assert f"{OPERATOR} 将主动联系时间设为 {date.today():%Y}-" in text
        seen.append(text)
        click_tab(browser, "处置清单")
        wait_text(browser, lambda t: "核实事实、保全证据" in t, "the checklist again")
        # A closed case is read-only apart from reopening it.
        assert "案件已关闭" in page_text(browser)
        assert not browser.find_elements("xpath", "//button[contains(., '启动预案')]")
        assert not browser.find_elements("xpath", "//button[contains(., '跳过此步')]")
        # every step is settled (the forced resolve skipped the open ones): none can be ticked
        settled = "contains(., '已完成') or contains(., '已跳过')"
        steps = f"//div[@data-testid='stCheckbox'][.//p[contains(., '截止') or {settled}]]//input"
        boxes = browser.find_elements("xpath", steps)
        assert boxes and all(not box.is_enabled() for box in boxes)
        browser.save_screenshot(str(SCREENSHOT))

        # The board lists the closed case under 已关闭 once closed cases are shown.
        nav_to(browser, "案件看板")
        wait_text(browser, lambda t: "案件看板" in t and "显示已关闭" in t, "the board")
        click(browser, browser.find_element("xpath", "//label[.//p[text()='显示已关闭']]"))
        wait_text(browser, lambda t: "已关闭（1）" in t, "the closed case on the board")
        assert "Traceback" not in page_text(browser)

        # The alert leads back to its case.
        nav_to(browser, "预警中心")
        text = wait_text(browser, lambda t: "已立案：案件 #1" in t, "the link to the case")
        seen.append(text)

        # 舆情分析: the export downloads, personal data masked.
        downloads = incident.data / "downloads"
        downloads.mkdir()
        browser.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
        nav_to(browser, "舆情分析")
        text = wait_text(browser, lambda t: "地域分布" in t and "导出" in t, "the analysis page")
        seen.append(text)
        click(browser, button(browser, "导出 Excel", key="export-xlsx"))
        book = wait_for(lambda: list(downloads.glob("*.xlsx")), 60, "the Excel download")[0]
        sheet = load_workbook(book).active
        cells = [str(c.value) for r in sheet.iter_rows() for c in r]
        assert "正文" in cells and any("不排除是您自己放入的异物" in c for c in cells)
        assert not any("13812345678" in c for c in cells) and any("138****5678" in c for c in cells)
        for page in seen:
            for raw in RAW:
                assert raw not in page, (raw, page[:2000])
    finally:
        dashboard.terminate()
        dashboard.wait(timeout=20)


@pytest.mark.browser
def test_notification_link_as_the_first_request(incident: Stores, browser: Any) -> None:
    """A deep link opened first after a restart still gets the app's navigation."""
    dashboard, url = start_dashboard(incident.config, incident.data)
    try:
        browser.get(f"{url}/alerts?alert={incident.alert_id}")  # alerting.templates' link
        wait_text(browser, lambda t: FOOD_ALERT_TITLE in t, "the linked alert")
        links = [
            a.text
            for a in browser.find_elements("css selector", "[data-testid='stSidebarNavLink']")
        ]
        assert any(link.endswith("预警中心") for link in links), links
    finally:
        dashboard.terminate()
        dashboard.wait(timeout=20)
