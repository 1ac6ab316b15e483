"""The 人工校正 panel in a real browser (Selenium): its selectboxes, their dropdowns, a save."""

from __future__ import annotations

from typing import Any

from tests.dashboard.conftest import button, click, type_into, wait_for, wait_text

PANEL = "//details[.//summary[.//p[contains(., '人工校正')]]]"


def open_panel(driver: Any) -> Any | None:
    """The 人工校正 expander as the page has it now, opened if it is closed (a first click that
    landed during a re-render, or a re-render that drew it anew); None while it is not drawn.
    Read again on every poll: an element a re-render replaced stays stale for good."""
    found = driver.find_elements("xpath", PANEL)
    if not found:
        return None
    panel = found[0]
    if panel.get_attribute("open") is None:
        click(driver, panel.find_element("tag name", "summary"))
    return panel


def correction_panel(driver: Any) -> Any:
    """Open the 人工校正 expander; the element to look for its fields in (the sidebar's filters
    have fields of the same names)."""
    return wait_for(lambda: open_panel(driver), 30, "人工校正")


def shown_options(driver: Any) -> list[Any]:
    """The options of the open selectbox dropdown (none when it is closed)."""
    return [o for o in driver.find_elements("css selector", "[role='option']") if o.is_displayed()]


def field(panel: Any, label: str) -> Any:
    """The selectbox with this label inside the panel."""
    path = f".//div[@data-testid='stSelectbox'][.//input[@aria-label='{label}']]"
    return wait_for(
        lambda: [b for b in panel.find_elements("xpath", path) if b.is_displayed()], 30, label
    )[0]


def chosen(panel: Any, label: str) -> str:
    """The value a selectbox of the panel shows."""
    value = field(panel, label).find_element("css selector", "input[role='combobox']")
    return str(value.get_attribute("value"))


def open_dropdown(driver: Any, panel: Any, label: str, clicks: int = 3) -> list[Any]:
    """Open a selectbox of the panel; its options. A click that lands while the page re-renders
    (the expander still opening, under load) opens nothing, so the box is clicked again, as a
    person would, up to `clicks` times, each waiting 10 s for the options."""
    for attempt in range(1, clicks + 1):
        click(driver, field(panel, label).find_element("css selector", "button[aria-haspopup]"))
        try:
            return list(wait_for(lambda: shown_options(driver), 10, f"the options of {label}"))
        except AssertionError:
            if attempt == clicks:
                raise
    raise AssertionError(f"no click on {label}")


def save_correction_as(driver: Any, name: str) -> str:
    """Type 操作人, press 保存校正 and wait for the confirmation; the page text then."""
    type_into(driver, "操作人", name)
    click(driver, button(driver, "保存校正"))
    return wait_text(driver, lambda t: f"已校正（操作人 {name}）" in t, "the saved correction")
