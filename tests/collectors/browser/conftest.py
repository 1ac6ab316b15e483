"""Fixtures of the browser-platform tests: one headless Chromium, each platform's fake site."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from tests.collectors.browser.platforms import CHROMIUM, PLATFORMS, started
from tests.collectors.browser.review_kit import sites  # noqa: F401  (fixture)
from tests.conftest import require


@pytest.fixture(scope="session")
def cdp_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One headless Chromium for the session, reachable over CDP like an operator's browser."""
    require(
        shutil.which(CHROMIUM) is not None, "chromium is not installed (scripts/system-deps.sh)"
    )
    profile = tmp_path_factory.mktemp("chromium-profile")
    process = subprocess.Popen(
        [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stderr is not None
    try:
        for line in process.stderr:
            found = re.search(r"DevTools listening on ws://([\d.]+:\d+)/", line)
            if found:
                # Keep reading Chromium's log so a full pipe never blocks the browser.
                threading.Thread(target=process.stderr.read, daemon=True).start()
                yield f"http://{found.group(1)}"
                break
        else:
            pytest.fail("chromium did not start its DevTools endpoint")
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(params=sorted(PLATFORMS))
def platform(request: pytest.FixtureRequest) -> str:
    """Each of the four platforms."""
    return str(request.param)


@pytest.fixture
def fake(platform: str) -> Iterator[Any]:
    """The platform's fake site with three posts around NOW."""
    with started(platform) as server:
        yield server


@pytest.fixture
def bilibili() -> Iterator[Any]:
    """The fake B站 alone (one launched browser is enough: the platforms share the code path)."""
    with started("bilibili") as server:
        yield server


@pytest.fixture
def douyin() -> Iterator[Any]:
    """The fake 抖音 alone, for page behaviours every platform handles the same way."""
    with started("douyin") as server:
        yield server


@pytest.fixture
def xiaohongshu() -> Iterator[Any]:
    """The fake 小红书 alone."""
    with started("xiaohongshu") as server:
        yield server
