"""The crisis journey: the 服务补救 record is filled, saved, shown back and corrected."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.recovery import service as recovery
from tests.dashboard.case_ui import checkbox_by_label, read, set_slider, type_date
from tests.dashboard.conftest import button, click, click_tab, running, type_into, wait_for
from tests.dashboard.crisis import OPERATOR, Journey


def record_recovery(run: Journey) -> None:
    """服务补救: fill and save the record, see it shown back, withdraw a mistaken tick."""
    browser, ctx = run.browser, run.ctx
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
    type_into(browser, "补救方案（可供客户选择）", "全额退款并承担医药费", scope=form, area=True)
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

    # After the rerun the form shows what was stored. The form looks the same before the
    # save's rerun and after it: wait for the run to have drawn the saved changes in 时间线
    # (a click on the form while the rerun redrew it was lost under load).
    def shows_the_record(form: Any) -> bool:
        slider = form.find_element("css selector", "input[type='range']")
        day = form.find_element("css selector", "input[type='date']")
        areas = [a.get_attribute("value") for a in form.find_elements("tag name", "textarea")]
        return (
            slider.get_attribute("aria-valuetext") == "4"
            and day.get_attribute("value") == follow_up.isoformat()
            and "后厨冷链温控失效" in areas
        )

    form = recovery_form_when(run, shows_the_record, "the recovery form after saving")
    # The follow-up call has not happened yet: untick 已回访 and save again.
    click(browser, checkbox_by_label(form, "已回访"))
    click(browser, button(browser, "保存服务补救记录", scope=form))
    wait_for(
        lambda: (r := read(ctx, recovery.get, case_id=1)) and r.followed_up_at is None,
        30,
        "the follow-up tick to be withdrawn",
    )
    followed = ".//div[@data-testid='stCheckbox'][.//p[text()='已回访']]//input"
    recovery_form_when(
        run,
        lambda form: not form.find_element("xpath", followed).is_selected(),
        "the recovery form after the fix",
    )
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


def timeline_drawn(run: Journey) -> bool:
    """True when the page shows every stored 服务补救记录 change in 时间线 (a hidden tab: its
    text is in the page, not on screen)."""
    with run.ctx.sessions() as session:
        stored = audit.get_all(session, case_id=1, kinds=[EventKind.RECOVERY_CHANGED])
    text = str(run.browser.execute_script("return document.body.textContent"))
    return text.count("服务补救记录 · ") == len(stored)


def recovery_form_when(run: Journey, check: Callable[[Any], bool], message: str) -> Any:
    """The recovery form once the page's run is over, 时间线 shows every stored recovery
    change, and check(form) holds (a form that a rerun is replacing counts as not yet)."""
    from selenium.common.exceptions import NoSuchElementException

    browser = run.browser

    def ready() -> Any:
        if running(browser) or not timeline_drawn(run):
            return None
        found = browser.find_elements("css selector", "[data-testid='stForm']:has(textarea)")
        try:
            return found[0] if found and check(found[0]) else None
        except NoSuchElementException:
            return None

    return wait_for(ready, 60, message)
