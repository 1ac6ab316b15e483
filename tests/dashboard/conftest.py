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

from tests.conftest import require

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


def start_dashboard(config: Path | None, data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start `yuqing dashboard` on a free port; returns the process and its URL."""
    port = free_port()
    env = dict(os.environ, YUQING_DATA_DIR=str(data_dir))
    args = [
        sys.executable,
        "-m",
        "core",
        "dashboard",
        "--data-dir",
        str(data_dir),
        "--port",
        str(port),
    ]
    if config:
        args += ["--config", str(config)]
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
    """Poll predicate until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {message}")


def page_text(driver: Any) -> str:
    """Visible text of the page body."""
    return str(driver.find_element("tag name", "body").text)
