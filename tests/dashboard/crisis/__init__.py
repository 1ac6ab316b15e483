"""The crisis journey of test_crisis_flow.py, one file a stage: what each stage does in the
browser and checks in the stores. A stage takes the Journey (browser, stores, pages seen)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.context import Context
from tests.dashboard.conftest import wait_for

OPERATOR = "李娜"
SCREENSHOT = Path("/tmp/yuqing-case-detail.png")
# The urgent alert is named by the incident's event (urgent_mention group_by: event).
FOOD_ALERT_TITLE = "高危舆情：酸菜鱼里吃出了一只虫子"
FOOD_PLAYBOOK = "食品安全事件处置预案"


@dataclass
class Journey:
    """One run of the journey: the browser, the stores, and the page texts seen (checked for
    personal data at the end)."""

    browser: Any
    ctx: Context
    alert_id: int
    data: Path
    seen: list[str] = field(default_factory=list)


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
