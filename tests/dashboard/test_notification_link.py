"""A notification's deep link (预警中心 ?alert=N) opened as the first request after a restart."""

from __future__ import annotations

from typing import Any

import pytest

from tests.dashboard.conftest import start_dashboard, wait_text
from tests.dashboard.crisis import FOOD_ALERT_TITLE
from tests.dashboard.demo_incident import Stores


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
