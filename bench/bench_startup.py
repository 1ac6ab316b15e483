"""Start-up: wall and CPU time of `yuqing --help` and small commands on a small data dir.

Each command runs as its own process (`python -m app ...`, as the `yuqing` script does) RUNS
times; the table gives the median wall time and the median CPU time (user + system) of the
child. The data dir holds 200 mentions ingested beforehand (bench/stream_file.py), so list and
search commands read real (small) stores. On a shared machine wall time includes waiting for a
core; the CPU time is the work itself. Target: ≤ 0.5 s.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import stream_file
from bench.bench_stream import CONFIG

RUNS = int(os.environ.get("BENCH_STARTUP_RUNS", "5"))
COMMANDS = [
    ["--help"],
    ["sources", "list"],
    ["events", "list", "--json"],
    ["case", "list"],
    ["search", "退款", "--limit", "5"],
]
TARGET = 0.5


def timed(command: list[str]) -> tuple[float, float]:
    """(wall s, CPU s) of one run of the command in a child process; raises when it fails."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        error = child.stderr.read().decode() if child.stderr else ""
        raise RuntimeError(f"{' '.join(command)} exited {child.returncode}: {error[-800:]}")
    if child.stderr:
        child.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    """Print the median wall and CPU seconds of each command."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        config = folder / "yuqing.yaml"
        config.write_text(CONFIG, encoding="utf-8")
        stream = folder / "small.jsonl"
        stream_file.write(stream, 200, [])
        where = ["--data-dir", str(folder / "data"), "--config", str(config)]
        app = [sys.executable, "-m", "app"]
        timed([*app, "ingest", str(stream), *where])
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
