"""The crisis journey: the closed case's timeline names the operator; the case is read-only."""

from __future__ import annotations

from datetime import date

from tests.dashboard.conftest import click_tab, page_text, wait_text
from tests.dashboard.crisis import OPERATOR, SCREENSHOT, Journey


def read_the_closed_case(run: Journey) -> None:
    """时间线 names the operator on every entry; a closed case offers no changes."""
    browser, seen = run.browser, run.seen
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
