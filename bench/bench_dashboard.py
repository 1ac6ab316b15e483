"""Dashboard page speed in a real browser: p50/p95 seconds until each page shows its content.

For each size in BENCH_DASHBOARD_SIZES (default "10000,100000") a fresh embedded (SQLite) index
is filled with synthetic mentions spread over the last 30 days, `yuqing dashboard` serves it and
headless Chromium loads every page BENCH_DASHBOARD_ROUNDS times (default 7; the first load of a
page warms Streamlit's caches and is not counted).
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.bench_index import corpus
from core.index.sqlite import SQLiteMentionIndex
from tests.dashboard.cockpit_data import CONFIG, REGIONS
from tests.dashboard.conftest import CHROME_FLAGS, page_text, running, start_dashboard

SIZES = [int(s) for s in os.environ.get("BENCH_DASHBOARD_SIZES", "10000,100000").split(",")]
ROUNDS = int(os.environ.get("BENCH_DASHBOARD_ROUNDS", "7"))
# page path → text that shows the page's main content has rendered
PAGES = {
    "": "待处理事项",
    "feed": "最新提及",
    "search": "共找到",
    "insights": "KOL / 媒体影响力榜",
    "alerts": "待处理",
    "cases": "逾期案件",
}


def fill(path: Path, count: int) -> None:
    """count mentions over the last 30 days (80 % with an IP属地) in a new SQLite index."""
    rng = random.Random(11)
    now = datetime.now(UTC)
    names, weights = list(REGIONS), list(REGIONS.values())
    index = SQLiteMentionIndex(path)
    batch = []
    for mention in corpus(count):
        at = now - timedelta(seconds=rng.randint(0, 30 * 86_400))
        region = rng.choices(names, weights)[0] if rng.random() < 0.8 else None
        text = "鲜味坊" + mention.text
        batch.append(replace_mention(mention, at, region, text))
        if len(batch) == 1000:
            index.upsert_many(batch)
            batch = []
    index.upsert_many(batch)
    index.close()


def replace_mention(mention, at, region, text):  # type: ignore[no-untyped-def]
    """A copy published at `at` with a region and the brand in the text."""
    return mention.model_copy(
        update={"published_at": at, "collected_at": at, "region": region, "text": text}
    )


def load_time(driver, url: str, marker: str, timeout: float = 60) -> float:  # type: ignore[no-untyped-def]
    """Seconds from navigation until the marker text is shown and no script run is pending."""
    started = time.perf_counter()
    driver.get(url)
    deadline = started + timeout
    while time.perf_counter() < deadline:
        if not running(driver) and marker in page_text(driver):
            return time.perf_counter() - started
        time.sleep(0.05)
    raise TimeoutError(f"{url}: '{marker}' not shown within {timeout}s")


def measure(count: int) -> dict[str, list[float]]:
    """Load times per page for one index size."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "yuqing.yaml").write_text(CONFIG, encoding="utf-8")
        data = root / "var"
        data.mkdir()
        started = time.perf_counter()
        fill(data / "mentions.db", count)
        print(f"{count:,} mentions indexed in {time.perf_counter() - started:.0f}s", flush=True)
        process, url = start_dashboard(root / "yuqing.yaml", data)
        options = webdriver.ChromeOptions()
        for flag in CHROME_FLAGS:
            options.add_argument(flag)
        options.binary_location = "/usr/bin/chromium"
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        times: dict[str, list[float]] = {page: [] for page in PAGES}
        try:
            for round_number in range(ROUNDS + 1):
                for page, marker in PAGES.items():
                    took = load_time(driver, f"{url}/{page}", marker)
                    if round_number:  # the first round warms the caches
                        times[page].append(took)
        finally:
            driver.quit()
            process.terminate()
            process.wait(timeout=20)
        return times


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    """Print p50/p95 load seconds per page and index size."""
    print(f"{'mentions':>9} {'page':<10} {'p50 s':>7} {'p95 s':>7} {'max s':>7}  rounds")
    for count in SIZES:
        for page, values in measure(count).items():
            name = page or "overview"
            print(
                f"{count:>9,} {name:<10} {statistics.median(values):>7.2f} {p95(values):>7.2f}"
                f" {max(values):>7.2f}  {len(values)}",
                flush=True,
            )


if __name__ == "__main__":
    main()
