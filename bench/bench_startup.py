"""Start-up: wall and CPU time of `yuqing --help` and small commands on a small data dir.

Each command runs as its own process (`python -m app ...`, as the `yuqing` script does) RUNS
times; the table gives the median wall time and the median CPU time (user + system) of the
child. The data dir holds 200 mentions ingested beforehand (bench/stream_file.py) and a few
cases (one with a playbook's tasks, one waiting for the customer), so list and search commands
read real (small) stores. On a shared machine wall time includes waiting for a core; the CPU
time is the work itself. Target: ≤ 0.5 s.

With BENCH_STARTUP_AGAINST=/other/tree/.venv/bin/python the other tree's interpreter runs each
command too, alternating with this one run by run, on its own copy of the data dir (a store's
schema stamp names the install that made it); the table then gives both medians and ranges.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import stream_file
from bench.bench_stream import CONFIG

RUNS = int(os.environ.get("BENCH_STARTUP_RUNS", "5"))
AGAINST = os.environ.get("BENCH_STARTUP_AGAINST", "")
CASES = [
    ["open", "--title", "外卖吃出异物", "--severity", "high", "--now", "2026-09-01T10:00"],
    ["open", "--title", "骑手态度差", "--severity", "low", "--now", "2026-09-01T11:00"],
    ["open", "--title", "退款慢", "--now", "2026-09-01T12:00"],
    ["start-playbook", "1", "food_safety", "--now", "2026-09-01T10:05"],
    ["update", "2", "--status", "acknowledged", "--waiting", "--now", "2026-09-01T11:30"],
]
COMMANDS = [
    ["--help"],
    ["sources", "list"],
    ["events", "list", "--json"],
    ["case", "list"],
    ["search", "退款", "--limit", "5"],
]
TARGET = 0.5


def timed(command: list[str]) -> tuple[float, float]:
    """(wall s, CPU s) of one run of the command in a child process; raises when it fails.

    The child runs in /, so `python -m app` imports the interpreter's own install
    (never a checkout that happens to be the current directory)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd="/")
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        error = child.stderr.read().decode() if child.stderr else ""
        raise RuntimeError(f"{' '.join(command)} exited {child.returncode}: {error[-800:]}")
    if child.stderr:
        child.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime


def _stats(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def _prepare(folder: Path, app: list[str]) -> list[str]:
    """Config and data dir (200 mentions, a few cases) under folder; the common arguments."""
    config = folder / "yuqing.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    stream = folder / "small.jsonl"
    stream_file.write(stream, 200, [])
    where = ["--data-dir", str(folder / "data"), "--config", str(config)]
    timed([*app, "ingest", str(stream), *where])
    for step in CASES:
        timed([*app, "case", *step, *where])
    return where


def _compare(folder: Path, app: list[str], where: list[str]) -> None:
    """Old (AGAINST) and new alternated run by run, each on its own copy of the data dir."""
    shutil.copytree(folder / "data", folder / "old")
    old_where = ["--data-dir", str(folder / "old"), where[2], where[3]]
    old_app = [AGAINST, "-m", "app"]
    print(f"{RUNS} runs each, old = {AGAINST}, new = {sys.executable}, alternated")
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| command | old CPU (s), median (range) | new CPU (s), median (range) | new wall (s) |")
    print("|---|---:|---:|---:|")
    for command in COMMANDS:
        new_args = command if command == ["--help"] else [*command, *where]
        old_args = command if command == ["--help"] else [*command, *old_where]
        timed([*old_app, *old_args])  # each install stamps its own store once
        timed([*app, *new_args])
        old: list[float] = []
        new: list[tuple[float, float]] = []
        for _ in range(RUNS):
            old.append(timed([*old_app, *old_args])[1])
            new.append(timed([*app, *new_args]))
        cells = (_stats(old), _stats([r[1] for r in new]))
        wall = statistics.median(r[0] for r in new)
        print(f"| `yuqing {' '.join(command)}` | {cells[0]} | {cells[1]} | {wall:.2f} |")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def main() -> None:
    """Print the median wall and CPU seconds of each command (and of another tree's, if set)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        app = [sys.executable, "-m", "app"]
        where = _prepare(folder, app)
        if AGAINST:
            _compare(folder, app, where)
            return
        print(f"{RUNS} runs each, medians; load average {os.getloadavg()[0]:.1f}")
        print("| command | wall (s) | CPU (s) | ≤ 0.5 s |")
        print("|---|---:|---:|---|")
        for command in COMMANDS:
            args = command if command == ["--help"] else [*command, *where]
            runs = [timed([*app, *args]) for _ in range(RUNS)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            verdict = "yes" if cpu <= TARGET else "no"
            print(f"| `yuqing {' '.join(command)}` | {wall:.2f} | {cpu:.2f} | {verdict} |")


if __name__ == "__main__":
    main()
