"""Dashboard page speed in a real browser: p50/p95 seconds until each page shows its content.

For each size in BENCH_DASHBOARD_SIZES (default "10000,100000,1000000") a fresh embedded index
is filled with synthetic mentions spread over the last 30 days, `yuqing dashboard` serves it and
headless Chromium loads every page BENCH_DASHBOARD_ROUNDS times (default 7; the first load of a
page warms Streamlit's caches and is not counted). Besides the browser's wall time it reports
the server-side script time of each page run (dashboard/timing.py), the load average and every
warning Streamlit logged. BENCH_DASHBOARD_DATA names a directory that keeps the filled index of
each size for later runs (building 1M mentions takes minutes).
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.bench_index import stream
from brand_events.listing import read_events
from brand_events.synthetic import Stream, incident
from brand_events.tracker import EventTracker
from core.context import Context
from core.index.sqlite import SQLiteMentionIndex
from core.index.sqlite_batch import fts_values
from core.index.sqlite_schema import RID_SHIFT
from core.models import mention_id
from dashboard.timing import ENV as TIMINGS_ENV
from tests.dashboard.cockpit_data import CONFIG, REGIONS
from tests.dashboard.conftest import CHROME_FLAGS, start_dashboard

SIZES = [int(s) for s in os.environ.get("BENCH_DASHBOARD_SIZES", "10000,100000,1000000").split(",")]
ROUNDS = int(os.environ.get("BENCH_DASHBOARD_ROUNDS", "7"))
KEEP = os.environ.get("BENCH_DASHBOARD_DATA")
GENERATED_MAX = 100_000  # larger sizes are copies of this many generated mentions (see grow)
COPY_STRIDE = 16  # row-id step between a mention and its copies (same publication second)
# page path → text that shows the page's main content has rendered
PAGES = {
    "": "待处理事项",
    "feed": "最新提及",
    "search": "共找到",
    "insights": "KOL / 媒体影响力榜",
    "alerts": "待处理",
    "cases": "逾期案件",
    "events": "条提及 ·",  # an event row (seed_event puts one in the bench data)
    "event_detail": "主要传播者",
}


def fill(path: Path, count: int) -> None:
    """count mentions over the last 30 days (80 % with an IP属地) in a new SQLite index."""
    rng = random.Random(11)
    now = datetime.now(UTC)
    names, weights = list(REGIONS), list(REGIONS.values())
    index = SQLiteMentionIndex(path)
    batch = []
    for mention in stream(count):
        at = now - timedelta(seconds=rng.randint(0, 30 * 86_400))
        region = rng.choices(names, weights)[0] if rng.random() < 0.8 else None
        text = "鲜味坊" + mention.text
        batch.append(replace_mention(mention, at, region, text))
        if len(batch) == 1000:
            index.upsert_many(batch)
            batch = []
    index.upsert_many(batch)
    index.close()


def grow(path: Path, copies: int) -> None:
    """Turn the index into `copies` copies of each mention (new ids, same second, in SQL).

    Generating a million mentions one by one takes over an hour on a busy machine; each copy
    gets its own id and row, lands in the same second as its original, and the hourly rollups
    are multiplied (term counts are read from the FTS tables), so every count and list stays exact.
    """
    db = sqlite3.connect(path)
    db.create_function("mention_id", 2, mention_id, deterministic=True)
    db.create_function("fts_grams", 1, lambda body: fts_values(body)[0], deterministic=True)
    db.create_function("fts_chars", 1, lambda body: fts_values(body)[1], deterministic=True)
    low = (1 << RID_SHIFT) - 1
    with db:
        assert db.execute(f"SELECT MAX(rid & {low}) FROM mentions").fetchone()[0] < COPY_STRIDE
        top = db.execute("SELECT MAX(seq) FROM mentions").fetchone()[0]
        columns = "channel, published, sentiment, category, urgency_rank, urgency_score, author"
        for fts, column in (("mention_fts", "grams"), ("mention_chars", "chars")):
            # Contentless tables: the columns are made again from the bodies, as writes make them.
            db.execute(
                f"CREATE TEMP TABLE copy_{fts} AS SELECT rid, fts_{column}(body) AS {column}"
                " FROM mentions"
            )
        for k in range(1, copies):
            shift, native = COPY_STRIDE * k, f"json_extract(doc, '$.native_id') || '-{k}'"
            new_id = f"mention_id(source, {native})"
            db.execute(
                "INSERT INTO mentions (rid, id, seq, source, body, region, complaint, doc, "
                f"{columns}) SELECT rid + {shift}, {new_id}, seq + {k * top}, source, body, "
                f"region, complaint, json_set(doc, '$.native_id', {native}, '$.id', {new_id}), "
                f"{columns} FROM mentions WHERE (rid & {low}) < {COPY_STRIDE}"
            )
            for table, column in (("mention_plans", "plan"), ("mention_keywords", "keyword")):
                db.execute(
                    f"INSERT INTO {table} SELECT rid + {shift}, {column} FROM {table}"
                    f" WHERE (rid & {low}) < {COPY_STRIDE}"
                )
            for fts, column in (("mention_fts", "grams"), ("mention_chars", "chars")):
                db.execute(
                    f"INSERT INTO {fts} (rowid, {column}) SELECT rid + {shift}, {column}"
                    f" FROM copy_{fts}"
                )
        for table in ("rollup_hourly", "rollup_keywords"):
            db.execute(f"UPDATE {table} SET n = n * {copies}")
    db.close()


def seed_event(root: Path) -> int:
    """A crisis of the last 3 hours (a repost cascade) in the index and the event store.

    Classified and tracked as the service would; returns how many visible events exist.
    """
    ctx = Context.load(root / "yuqing.yaml", root / "var")
    stream = Stream()
    moment = datetime.now(UTC)
    incident(random.Random(5), stream, moment - timedelta(hours=3), 200)
    fresh = [
        m.model_copy(update={"plans": ["xwf"], "region": "广东"})
        for m in stream.mentions
        if m.published_at <= moment
    ]
    mentions = ctx.classifier.classify(fresh)
    ctx.index.upsert_many(mentions)
    EventTracker(ctx.sessions, ctx.config).track(mentions)
    found = len(read_events(ctx, since=moment - timedelta(days=1)))
    ctx.close()
    return found


def replace_mention(mention, at, region, text):  # type: ignore[no-untyped-def]
    """A copy published at `at` with a region and the brand in the text."""
    return mention.model_copy(
        update={"published_at": at, "collected_at": at, "region": region, "text": text}
    )


# One cheap check per poll: Selenium's element .text walks every node with computed styles on
# the page's main thread (0.2-0.7 s of a 1-3 s load on these pages), so the harness itself
# slowed the pages it measured. innerText is the same visible text the browser lays out anyway.
SHOWN = """
return !document.querySelector("[data-testid='stStatusWidget']")
    && document.body.innerText.includes(arguments[0]);
"""


def load_time(driver, url: str, marker: str, timeout: float = 60) -> float:  # type: ignore[no-untyped-def]
    """Seconds from navigation until the marker text is shown and no script run is pending."""
    started = time.perf_counter()
    driver.get(url)
    deadline = started + timeout
    while time.perf_counter() < deadline:
        if driver.execute_script(SHOWN, marker):
            return time.perf_counter() - started
        time.sleep(0.05)
    raise TimeoutError(f"{url}: '{marker}' not shown within {timeout}s")


@contextmanager
def data_dir(count: int) -> Iterator[Path]:
    """A data dir holding `count` mentions: kept under BENCH_DASHBOARD_DATA, else temporary."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(KEEP) / str(count) if KEEP else Path(tmp)
        data = root / "var"
        done = root / "filled"
        if not done.exists():
            data.mkdir(parents=True, exist_ok=True)
            (data / "mentions.db").unlink(missing_ok=True)
            started = time.perf_counter()
            generated = min(count, GENERATED_MAX)
            fill(data / "mentions.db", generated)
            if count > generated:
                grow(data / "mentions.db", count // generated)
            print(f"{count:,} mentions indexed in {time.perf_counter() - started:.0f}s", flush=True)
            done.write_text(datetime.now(UTC).isoformat(), encoding="utf-8")
        (root / "yuqing.yaml").write_text(CONFIG, encoding="utf-8")
        seeded = root / "event"
        if not seeded.exists():  # the incident is in the last hours: it ages with a kept dir
            print(f"{seed_event(root)} event(s) seeded", flush=True)
            seeded.write_text(datetime.now(UTC).isoformat(), encoding="utf-8")
        yield root


@dataclass
class Run:
    """One size's measurements: browser seconds and server script seconds per page."""

    browser: dict[str, list[float]]
    server: dict[str, list[float]]
    load: tuple[float, float]
    warnings: list[str]


def measure(count: int) -> Run:
    """Load times per page for one index size."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with data_dir(count) as root, tempfile.TemporaryDirectory() as tmp:
        timings, log = Path(tmp) / "timings.jsonl", Path(tmp) / "streamlit.log"
        env = {TIMINGS_ENV: str(timings)}
        process, url = start_dashboard(root / "yuqing.yaml", root / "var", env=env, log=log)
        options = webdriver.ChromeOptions()
        for flag in CHROME_FLAGS:
            options.add_argument(flag)
        options.binary_location = "/usr/bin/chromium"
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        times: dict[str, list[float]] = {page: [] for page in PAGES}
        load_before = os.getloadavg()[0]
        try:
            for round_number in range(ROUNDS + 1):
                if round_number == 1:  # the first round warms the caches
                    timings.unlink(missing_ok=True)
                for page, marker in PAGES.items():
                    took = load_time(driver, f"{url}/{page}", marker)
                    if round_number:
                        times[page].append(took)
        finally:
            driver.quit()
            process.terminate()
            process.wait(timeout=20)
        return Run(times, server_times(timings), (load_before, os.getloadavg()[0]), warnings(log))


def server_times(path: Path) -> dict[str, list[float]]:
    """Script seconds per page from the dashboard's timing lines."""
    found: dict[str, list[float]] = {}
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    for line in lines:
        entry = json.loads(line)
        page = "" if entry["page"] == "overview" else entry["page"]
        found.setdefault(page, []).append(float(entry["seconds"]))
    return found


def warnings(log: Path) -> list[str]:
    """Lines of the Streamlit log that warn or report an error."""
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    words = ("warning", "error", "deprecat", "traceback")
    return [line for line in text.splitlines() if any(w in line.lower() for w in words)]


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    """Print p50/p95 load seconds (browser) and script seconds (server) per page and size."""
    print(
        f"{'mentions':>9} {'page':<10} {'p50 s':>7} {'p95 s':>7} {'max s':>7}"
        f" {'script p50':>11} {'script p95':>11}  rounds"
    )
    for count in SIZES:
        run = measure(count)
        for page, values in run.browser.items():
            script = run.server.get(page) or [float("nan")]
            print(
                f"{count:>9,} {page or 'overview':<10} {statistics.median(values):>7.2f}"
                f" {p95(values):>7.2f} {max(values):>7.2f} {statistics.median(script):>11.3f}"
                f" {p95(script):>11.3f}  {len(values)}",
                flush=True,
            )
        print(
            f"load average (1 min) {run.load[0]:.1f} before, {run.load[1]:.1f} after;"
            f" Streamlit log warnings: {len(run.warnings)}",
            flush=True,
        )
        for line in run.warnings[:10]:
            print(f"  {line}")


if __name__ == "__main__":
    main()
