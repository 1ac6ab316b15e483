"""Real-browser fixtures: a Streamlit dashboard process and headless Chromium via Selenium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.common.exceptions import StaleElementReferenceException

from tests.conftest import require
from tests.dashboard.corrections_panel import defect_data  # noqa: F401 (a fixture)

CHROME_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1400,1800",
]  # fmt: skip


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(url: str, timeout: float = 60) -> None:
    """Block until url answers."""
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout}s")


def start_dashboard(
    config: Path | None,
    data_dir: Path,
    env: dict[str, str] | None = None,
    log: Path | None = None,
) -> tuple[subprocess.Popen[bytes], str]:
    """Start `yuqing dashboard` on a free port (output to `log` if given); process and URL."""
    port = free_port()
    env = dict(os.environ, YUQING_DATA_DIR=str(data_dir), **(env or {}))
    args = [
        sys.executable,
        "-m",
        "app",
        "dashboard",
        "--data-dir",
        str(data_dir),
        "--port",
        str(port),
    ]
    if config:
        args += ["--config", str(config)]
    if log:
        with log.open("ab") as out:  # the child keeps its own copy of the file
            process = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT)
    else:
        process = subprocess.Popen(
            args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    wait_http(url + "/_stcore/health")
    return process, url


@pytest.fixture
def browser() -> Iterator[Any]:
    """A headless Chromium driven by Selenium (Debian's chromium + chromium-driver)."""
    chromium = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    require(bool(chromium and driver_path), "chromium and chromium-driver (Debian) are needed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.binary_location = chromium or ""
    driver = webdriver.Chrome(service=Service(driver_path or ""), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(predicate: Callable[[], Any], timeout: float = 60, message: str = "condition") -> Any:
    """Poll predicate until it returns something truthy. An element that a re-render replaced
    while the predicate read it (stale) counts as not yet: the next poll finds the new one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except StaleElementReferenceException:
            value = None
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {message}")


def page_text(driver: Any) -> str:
    """Visible text of the page body."""
    return str(driver.find_element("tag name", "body").text)


# --- Streamlit widgets in Selenium (used by test_crisis_flow.py) ---------------------------


def running(driver: Any) -> bool:
    """True while a script run is in progress (Streamlit's status widget is showing)."""
    return bool(driver.find_elements("css selector", "[data-testid='stStatusWidget']"))


def wait_text(
    driver: Any, predicate: Callable[[str], Any], message: str, timeout: float = 60
) -> str:
    """Wait until no run is in progress and predicate(page text) holds; return the text.

    Streamlit keeps the previous run's elements until a rerun finishes, so callers wait for
    the final state they expect rather than for any single element.
    """

    def check() -> str | None:
        if running(driver):
            return None
        text = page_text(driver)
        return text if predicate(text) else None

    try:
        return str(wait_for(check, timeout, message))
    except AssertionError:
        Path("/tmp/yuqing-failure.png").parent.mkdir(exist_ok=True)
        driver.save_screenshot("/tmp/yuqing-failure.png")
        raise AssertionError(
            f"timed out waiting for {message}; page:\n{page_text(driver)}"
        ) from None


def click(driver: Any, element: Any) -> None:
    """Scroll an element into the middle of the view and click it. An element shown but not
    taking clicks yet (an expander's field while it opens, under load) is tried again for up
    to 10 s: one fresh run under load failed on its first try."""
    from selenium.common.exceptions import ElementNotInteractableException

    def clicked() -> bool:
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        try:
            element.click()
        except ElementNotInteractableException:
            return False
        return True

    wait_for(clicked, 10, "the element to take a click")


def button(driver: Any, label: str, key: str | None = None, scope: Any = None) -> Any:
    """The button with this label (inside the element with this widget key, if given)."""
    where = scope or driver
    if key:
        where = wait_for(
            lambda: where.find_elements("css selector", f".st-key-{key}"), 30, f"button {key}"
        )[0]
    path = f".//button[.//p[normalize-space()='{label}']]"
    return wait_for(
        lambda: [b for b in where.find_elements("xpath", path) if b.is_displayed()],
        30,
        f"button {label}",
    )[0]


def nav_to(driver: Any, title: str) -> None:
    """Click a page in the sidebar navigation (keeps the session, unlike driver.get)."""
    link = wait_for(
        lambda: [
            a
            for a in driver.find_elements("css selector", "[data-testid='stSidebarNavLink']")
            if a.text.strip().endswith(title)
        ],
        30,
        f"navigation link {title}",
    )[0]
    click(driver, link)


def click_tab(driver: Any, label: str) -> None:
    """Select a st.tabs tab by its label."""
    tab = wait_for(
        lambda: [t for t in driver.find_elements("css selector", "[role='tab']")
                 if t.text.strip() == label],
        30,
        f"tab {label}",
    )[0]  # fmt: skip
    click(driver, tab)
    wait_for(lambda: tab.get_attribute("aria-selected") == "true", 10, f"tab {label} selected")


def select_option(driver: Any, label: str, option: str, scope: Any = None) -> None:
    """Pick an option of a st.selectbox (a combobox input named by its label) by its text."""
    where = scope or driver
    box = wait_for(
        lambda: [
            b
            for b in where.find_elements(
                "xpath", f".//div[@data-testid='stSelectbox'][.//input[@aria-label='{label}']]"
            )
            if b.is_displayed()
        ],
        30,
        f"selectbox {label}",
    )[0]
    opener = box.find_element("css selector", "button[aria-haspopup='listbox']")
    click(driver, opener)

    def shown() -> list[Any]:
        found = [
            o
            for o in driver.find_elements("css selector", "[role='option']")
            if o.is_displayed() and o.text.strip() == option
        ]
        if not found and not driver.find_elements("css selector", "[role='listbox']"):
            # The list is closed: the click was lost (an expander still opening, a repaint
            # under load: one fresh-clone run timed out here); open it again.
            click(driver, opener)
        return found

    choice = wait_for(shown, 20, f"option {option}")[0]
    click(driver, choice)
    field = box.find_element("css selector", "input[role='combobox']")
    wait_for(lambda: field.get_attribute("value") == option, 10, f"{label} = {option}")


def type_into(
    driver: Any,
    label: str,
    text: str,
    scope: Any = None,
    area: bool = False,
    date: bool = False,
) -> None:
    """Replace the value of a text input/area (or a date input) found by its label.

    Outside a form Enter commits the value (one rerun); inside a form Tab leaves the field,
    since Enter would submit the form.
    """
    from selenium.webdriver.common.keys import Keys

    where = scope or driver
    if area:
        path = f".//div[@data-testid='stTextArea'][.//p[text()='{label}']]//textarea"
    elif date:
        path = f".//div[@data-testid='stDateInput'][.//p[text()='{label}']]//input"
    else:
        path = f".//input[@aria-label='{label}']"
    field = wait_for(
        lambda: [f for f in where.find_elements("xpath", path) if f.is_displayed()],
        30,
        f"input {label}",
    )[0]
    click(driver, field)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    field.send_keys(text)
    in_form = bool(field.find_elements("xpath", "ancestor::*[@data-testid='stForm']"))
    if date:
        field.send_keys(Keys.ENTER)
        field.send_keys(Keys.ESCAPE)
    elif in_form or area:
        field.send_keys(Keys.TAB)
    else:
        field.send_keys(Keys.ENTER)
        wait_for(lambda: not running(driver), 60, f"the rerun after {label}")


@pytest.fixture
def incident(tmp_path: Path) -> Iterator[Any]:
    """The demo's scripted incident (started 15 minutes ago) replayed into fresh stores."""
    from tests.dashboard.demo_incident import replay_incident

    stores = replay_incident(tmp_path)
    yield stores
    stores.ctx.close()
