"""What a screen reader reads on our pages (real Chromium, the demo incident): no English we can
set. Select boxes name their empty state 请选择 (Streamlit's own is "Choose an option"),
headings carry no "Link to heading" anchor, and the hint under a box being typed in reads
按回车键确认 (Streamlit writes "Press Enter to apply"). What Streamlit renders itself and offers
no parameter for is listed in STREAMLIT_OWN (README, Dashboard)."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from dashboard.navigation import PAGES
from tests.dashboard.conftest import start_dashboard, wait_for, wait_text
from tests.dashboard.demo_incident import Stores

# aria-labels Streamlit 1.67 writes itself, with no parameter to set them ("Help for 提及量":
# the label is ours, the words around it are not).
STREAMLIT_OWN = re.compile(
    r"^(App pages|Sidebar|Collapse sidebar|Open|Clear all|Selected values|Remove .+|Increment"
    r"|Decrement|Help|Help for .+|Show password|Hide password)$"
)
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "aria-description")
SCRIPT = """
const found = [];
for (const el of document.querySelectorAll('*')) {
  for (const name of arguments[0]) {
    const value = el.getAttribute(name);
    if (value && /[A-Za-z]{2,}/.test(value)) found.push([name, value]);
  }
}
return found;
"""
HINT = """
const hint = document.querySelector("[data-testid='InputInstructions'] > span");
if (!hint) return null;
return [hint.innerText, getComputedStyle(hint, '::after').content,
        getComputedStyle(hint).visibility];
"""


def english_attributes(driver: Any) -> set[tuple[str, str]]:
    """(attribute, value) pairs holding Latin words, minus our own source names and URLs."""
    pairs = {(name, value) for name, value in driver.execute_script(SCRIPT, list(ATTRIBUTES))}
    return {(n, v) for n, v in pairs if not v.startswith(("数据源", "http"))}


@pytest.mark.browser
def test_no_english_we_can_set_on_any_page(incident: Stores, browser: Any) -> None:
    dashboard, url = start_dashboard(incident.config, incident.data)
    seen: dict[tuple[str, str], str] = {}
    try:
        for name, title, _ in PAGES:
            path = name.removesuffix(".py")
            browser.get(f"{url}/{'' if path == 'overview' else path}")
            wait_text(browser, lambda t, title=title: title in t, title, timeout=60)
            time.sleep(2)  # the page's last blocks
            for pair in english_attributes(browser):
                seen.setdefault(pair, path)
        ours = {pair: page for pair, page in seen.items() if not STREAMLIT_OWN.match(pair[1])}
        assert ours == {}, ours
        # The hint under the search box while a word is typed and not yet applied.
        browser.get(f"{url}/search")
        wait_text(browser, lambda t: "搜索内容" in t, "检索")
        box = browser.find_element("css selector", "[data-testid='stTextInput'] input")
        box.send_keys("退款")
        hint = wait_for(lambda: browser.execute_script(HINT), 30, "the hint under the box")
        assert hint[1] == '"按回车键确认"' and hint[2] == "hidden", hint
        assert "Press Enter" not in browser.find_element("tag name", "body").text
    finally:
        dashboard.terminate()
        dashboard.wait(timeout=20)
