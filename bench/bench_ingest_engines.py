"""Full-pipeline ingest into SQLite and OpenSearch, side by side: `yuqing ingest` of one file.

The same JSONL file (bench/stream_file.py, BENCH_ENGINES_LINES lines, default 100k) is
ingested by `python -m app ingest` (normalize → plans → dedup → classify → index → events,
at-ingest alerts on) into a fresh data dir, once per engine per round, alternating
(BENCH_ENGINES_ROUNDS, default 2: SQLite, OpenSearch, OpenSearch, SQLite, ... so that neither
always runs on the busier half). OpenSearch is a local node (tests/support/localnode.py) or
BENCH_OPENSEARCH_URL. Per run: mentions per wall second, per CPU-second of the `yuqing
ingest` process (user + system, from wait4), and the node's CPU seconds over the run (from
/proc/<pid>/stat; not available for BENCH_OPENSEARCH_URL). Children run at nice
BENCH_ENGINES_NICE (default 5).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

from bench import stream_file
from bench.bench_stream import CONFIG
from tests.support import localnode

LINES = int(os.environ.get("BENCH_ENGINES_LINES", "100000"))
ROUNDS = int(os.environ.get("BENCH_ENGINES_ROUNDS", "2"))
NICE = int(os.environ.get("BENCH_ENGINES_NICE", "5"))
TICK = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int | None) -> float | None:
    """CPU seconds (user + system) a running process has used so far, or None."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


def ingest(path: Path, folder: Path, env: dict[str, str], node_pid: int | None) -> dict[str, float]:
    """One `yuqing ingest` run: wall s, its CPU s, the node's CPU s (or -1) and its output."""
    config = folder / "yuqing.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    command = ["nice", "-n", str(NICE), sys.executable, "-m", "app", "ingest", str(path)]
    command += ["--data-dir", str(folder / "data"), "--config", str(config)]
    node_before = process_cpu(node_pid)
    started = time.perf_counter()
    with (folder / "ingest.log").open("w+", encoding="utf-8") as log:
        child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        log.seek(0)
        output = log.read()
    node_after = process_cpu(node_pid)
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"yuqing ingest failed: {output[-1500:]}")
    node = node_after - node_before if node_before is not None and node_after else -1.0
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "node": node}


def engine_env(engine: str, url: str) -> dict[str, str]:
    """The environment of a child that ingests into this engine (a fresh index prefix)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("YUQING_INDEX__")}
    env["YUQING_LOG_LEVEL"] = "WARNING"
    if engine == "opensearch":
        env["YUQING_INDEX__BACKEND"] = "opensearch"
        env["YUQING_INDEX__URLS"] = f'["{url}"]'
        env["YUQING_INDEX__REPLICAS"] = "0"
        env["YUQING_INDEX__INDEX_PREFIX"] = f"bench-{uuid.uuid4().hex[:8]}"
    return env


def main() -> None:
    """Print one row per run and the medians per engine."""
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        url = os.environ.get("BENCH_OPENSEARCH_URL", "")
        node_pid = None
        if not url:
            node = stack.enter_context(localnode.LocalNode("opensearch"))
            url, node_pid = node.url, node.pid
        path = tmp / "stream.jsonl"
        stream_file.write(path, LINES, [])
        order = [("sqlite", "opensearch")[(i + i // 2) % 2] for i in range(2 * ROUNDS)]
        print(f"{LINES:,} lines, {ROUNDS} rounds, order {' '.join(order)}", flush=True)
        print(
            "| run | engine | wall (s) | mentions/s wall | per CPU-second | node CPU (s) |"
            " per CPU-second incl. node | load |"
        )
        print("|---:|---|---:|---:|---:|---:|---:|---:|", flush=True)
        rates: dict[str, list[tuple[float, float]]] = {"sqlite": [], "opensearch": []}
        for number, engine in enumerate(order, start=1):
            folder = tmp / f"run{number}"
            folder.mkdir()
            run = ingest(
                path, folder, engine_env(engine, url), node_pid if engine != "sqlite" else None
            )
            wall_rate, cpu_rate = LINES / run["wall"], LINES / run["cpu"]
            rates[engine].append((wall_rate, cpu_rate))
            node = f"{run['node']:.0f}" if run["node"] >= 0 else "—"
            total = LINES / (run["cpu"] + max(run["node"], 0.0))
            print(f"| {number} | {engine} | {run['wall']:.0f} | {wall_rate:,.0f} | "
                  f"{cpu_rate:,.0f} | {node} | {total:,.0f} | {os.getloadavg()[0]:.1f} |",
                  flush=True)  # fmt: skip
        for engine, values in rates.items():
            walls, cpus = [v[0] for v in values], [v[1] for v in values]
            print(f"{engine}: median {statistics.median(walls):,.0f} /s wall "
                  f"({min(walls):,.0f}–{max(walls):,.0f}), {statistics.median(cpus):,.0f} per "
                  f"CPU-second ({min(cpus):,.0f}–{max(cpus):,.0f})")  # fmt: skip


if __name__ == "__main__":
    main()
