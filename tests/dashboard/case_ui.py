"""Selenium helpers for the case-detail page: checklist steps, sliders, dates, status."""

from __future__ import annotations

from datetime import date
from typing import Any

from core.context import Context
from tests.dashboard.conftest import (
    button,
    click,
    select_option,
    type_into,
    wait_for,
    wait_text,
)


def read(ctx: Context, getter: Any, **keys: Any) -> Any:
    """One stored object, read in a fresh session (the dashboard process writes)."""
    with ctx.sessions() as session:
        return getter(session, **keys)


def open_expander(driver: Any, task_id: int) -> Any:
    """Open the '说明与模板' expander that belongs to a task (the one after its checkbox)."""
    box = driver.find_element("css selector", f".st-key-task-{task_id}")
    expander = box.find_element("xpath", "following::div[@data-testid='stExpander'][1]")
    details = expander.find_element("tag name", "details")
    if details.get_attribute("open") is None:
        click(driver, expander.find_element("tag name", "summary"))
        wait_for(lambda: details.get_attribute("open") is not None, 10, "the expander to open")
    return expander


def checkbox_label(driver: Any, task_id: int) -> Any:
    """The clickable label of a task's checkbox."""
    return driver.find_element("css selector", f".st-key-task-{task_id} label")


def checkbox_input(driver: Any, task_id: int) -> Any:
    """The input of a task's checkbox."""
    return driver.find_element("css selector", f".st-key-task-{task_id} input")


def checkbox_by_label(scope: Any, label: str) -> Any:
    """A checkbox's clickable label by its text."""
    return scope.find_element(
        "xpath", f".//div[@data-testid='stCheckbox']//label[.//p[text()='{label}']]"
    )


def set_slider(driver: Any, scope: Any, label: str, steps: int) -> None:
    """Move a select_slider `steps` options to the right with the keyboard."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    widget = scope.find_element("xpath", f".//div[@data-testid='stSlider'][.//p[text()='{label}']]")
    field = widget.find_element("css selector", "input[type='range']")
    before = int(field.get_attribute("value") or 0)
    click(driver, field.find_element("xpath", "../.."))  # the thumb around the hidden input
    ActionChains(driver).send_keys(*[Keys.ARROW_RIGHT] * steps).perform()
    wait_for(lambda: int(field.get_attribute("value") or 0) == before + steps, 10, f"{label} moved")


def type_date(driver: Any, scope: Any, label: str, day: date) -> None:
    """Type a date into a st.date_input (one contenteditable segment per year, month, day)."""
    from selenium.webdriver.common.keys import Keys

    widget = scope.find_element(
        "xpath", f".//div[@data-testid='stDateInput'][.//p[text()='{label}']]"
    )
    for kind, value in [("year", f"{day.year}"), ("month", f"{day.month:02d}"),
                        ("day", f"{day.day:02d}")]:  # fmt: skip
        segment = widget.find_element("css selector", f"[role='spinbutton'][data-type='{kind}']")
        click(driver, segment)
        segment.send_keys(value)
    widget.find_element("css selector", "[data-type='day']").send_keys(Keys.TAB)
    wait_for(
        lambda: (
            widget.find_element("css selector", "input[type='date']").get_attribute("value")
            == day.isoformat()
        ),
        10,
        f"{label} = {day}",
    )
    calendar = "[data-testid='stDateInputCalendar']"
    if driver.find_elements("css selector", calendar):
        driver.find_element("tag name", "body").send_keys(Keys.ESCAPE)
    wait_for(lambda: not driver.find_elements("css selector", calendar), 10, "calendar closed")


FORCE_STATUS = "确认强制变更：未完成的步骤按「说明」中的原因标为跳过"


def change_status(driver: Any, label: str, note: str = "", *, force: bool = False) -> None:
    """Pick the next status, optionally type a note (and confirm leaving open steps behind),
    press 变更状态, wait for the caption."""
    select_option(driver, "变更状态为", label)
    if note:
        type_into(driver, "说明（写入时间线）", note)
    if force:
        wait_for(
            lambda: driver.find_elements(
                "xpath", f"//div[@data-testid='stCheckbox']//label[.//p[text()='{FORCE_STATUS}']]"
            ),
            10,
            "the open-steps confirmation",
        )
        click(driver, checkbox_by_label(driver, FORCE_STATUS))
    click(driver, button(driver, "变更状态"))
    wait_text(driver, lambda t: f"\n{label} · " in t, f"status {label}")
