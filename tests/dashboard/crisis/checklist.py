"""The crisis journey: the proposed playbook starts, a step is done with a note, one skipped."""

from __future__ import annotations

from crisis_playbooks.playbook import service as playbooks
from crisis_playbooks.tasks import service as tasks
from tests.dashboard.case_ui import checkbox_input, checkbox_label, open_expander
from tests.dashboard.conftest import button, click, type_into, wait_text
from tests.dashboard.crisis import FOOD_PLAYBOOK, OPERATOR, Journey


def work_the_checklist(run: Journey) -> None:
    """处置清单: start the proposed playbook, tick a step with a note, skip one with a reason."""
    browser, ctx = run.browser, run.ctx
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
