"""Streamlit's own texts in an English browser (real Chromium): the 自定义 time range's calendar
names months 一月 … 十二月 and weekdays 一 … 日, not January … December and S M T W; the English ⋮
menu (Print, Record screen, Made with Streamlit) is not offered."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.dashboard.conftest import (
    click,
    page_text,
    select_option,
    start_dashboard,
    wait_for,
    wait_text,
)
from tests.dashboard.corrections_panel import ingest

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
ENGLISH = re.compile(
    r"\b(" + "|".join([*MONTHS, *(m[:3] for m in MONTHS)]) + r")\b|\bS M T W T F S\b|\bSu Mo\b"
)


def browser_language(driver: Any) -> str:
    """The browser's own language, whatever the page says it is."""
    script = (
        "return Object.getOwnPropertyDescriptor(Navigator.prototype, 'language')"
        ".get.call(navigator)"
    )
    return str(driver.execute_script(script))


def open_calendar(driver: Any, label: str) -> str:
    """Open the calendar of the date input with this label; its visible text."""
    field = wait_for(
        lambda: [
            f
            for f in driver.find_elements("css selector", "[data-testid='stDateInput']")
            if f.is_displayed() and label in f.text
        ],
        30,
        f"date input {label}",
    )[0]
    click(driver, field.find_elements("css selector", "button")[-1])
    dialog = wait_for(
        lambda: [d for d in driver.find_elements("css selector", "[role='dialog']")
                 if d.is_displayed()],
        30,
        "the calendar",
    )[0]  # fmt: skip
    return str(wait_for(lambda: dialog.text, 10, "the calendar's text"))


@pytest.mark.browser
@pytest.mark.parametrize("page", ["feed", "events"])
def test_the_custom_range_calendar_reads_chinese(tmp_path: Path, browser: Any, page: str) -> None:
    data = tmp_path / "var"
    ingest(data, {"1": "鲜味坊的面条煮得太烂了"})
    dashboard, url = start_dashboard(None, data)
    try:
        browser.get(f"{url}/{page}")
        wait_text(browser, lambda t: "时间范围" in t, f"the {page} page")
        assert browser_language(browser).startswith("en"), "an English browser: the hard case"
        select_option(browser, "时间范围", "自定义")
        wait_text(browser, lambda t: "开始日期" in t and "结束日期" in t, "the two dates")
        for label in ("开始日期", "结束日期"):
            shown = open_calendar(browser, label)
            browser.save_screenshot(str(tmp_path / f"calendar-{page}-{label}.png"))
            assert not ENGLISH.search(shown), shown
            assert re.search(r"(十[一二]?|[一二三四五六七八九])月", shown), shown
            assert re.search(r"一\s+二\s+三\s+四\s+五\s+六\s+日", shown), shown
            browser.find_element("tag name", "body").send_keys("\ue00c")  # Escape closes it
            wait_for(
                lambda: not [d for d in browser.find_elements("css selector", "[role='dialog']")
                             if d.is_displayed()],
                10,
                "the calendar to close",
            )  # fmt: skip
    finally:
        dashboard.terminate()
        dashboard.wait(timeout=30)


@pytest.mark.browser
def test_no_english_menu(tmp_path: Path, browser: Any) -> None:
    data = tmp_path / "var"
    ingest(data, {"1": "鲜味坊的面条煮得太烂了"})
    dashboard, url = start_dashboard(None, data)
    try:
        browser.get(url)
        wait_text(browser, lambda t: "最新提及" in t, "舆情态势")
        menus = browser.find_elements("css selector", "[data-testid='stMainMenu']")
        assert not [m for m in menus if m.is_displayed()], "Streamlit's English menu is shown"
        assert not re.search(r"Print|Record screen|Made with Streamlit", page_text(browser))
    finally:
        dashboard.terminate()
        dashboard.wait(timeout=30)
