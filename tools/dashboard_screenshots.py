"""Re-take the README screenshots (docs/img/dashboard-*.png) from a running dashboard.

Usage: PYTHONPATH=. python tools/dashboard_screenshots.py http://127.0.0.1:8501 [case_id [shot...]]
Point it at a dashboard whose stores hold the demo incident (an alert, and a case with its
playbook started for the case shot); it drives headless Chromium like the browser tests.
Naming shots (e.g. dashboard-event.png) re-takes only those.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from tests.dashboard.conftest import CHROME_FLAGS, running

OUT = Path(__file__).resolve().parents[1] / "docs" / "img"


def settle(driver: webdriver.Chrome, marker: str, timeout: float = 60) -> None:
    """Wait until the marker text shows, no script runs and charts had time to draw."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = driver.find_element("tag name", "body").text
        if marker in body and not running(driver):
            time.sleep(3)
            return
        time.sleep(0.3)
    raise TimeoutError(marker)


def main(url: str, case_id: str = "1", *only: str) -> None:
    """Viewport-sized shots: situation, alert, case (a template open), analysis, feed, event."""
    options = webdriver.ChromeOptions()
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument("--window-size=1400,1100")
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        shots = [
            ("", "待处理事项", "dashboard-overview.png"),
            ("alerts?alert=1", "代表性内容", "dashboard-alert.png"),
            (f"case_detail?case_id={case_id}", "正在执行", "dashboard-case.png"),
            ("insights", "KOL / 媒体影响力榜", "dashboard-insights.png"),
            ("feed", "最新提及", "dashboard-feed.png"),
            ("event_detail", "传播路径", "dashboard-event.png"),  # the biggest recent event
        ]
        for path, marker, name in shots:
            if only and name not in only:
                continue
            driver.get(f"{url}/{path}")
            settle(driver, marker)
            if name == "dashboard-case.png":
                expanders = driver.find_elements(
                    "css selector", "[data-testid='stExpander'] summary"
                )
                driver.execute_script("arguments[0].click()", expanders[2])
                time.sleep(2)
            driver.save_screenshot(str(OUT / name))
            print(OUT / name)
    finally:
        driver.quit()


if __name__ == "__main__":
    main(*sys.argv[1:])
