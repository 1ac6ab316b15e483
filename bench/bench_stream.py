"""Streaming ingest: `yuqing ingest` of a 1M-line JSONL file, peak RSS and rate on the way.

The file (see bench/stream_file.py) is ingested by a child process (`python -m app ingest`,
the whole pipeline: normalize → plans → dedup → classify → SQLite index → events, at-ingest
alerts on) into a fresh data dir. This process samples the child every 0.2 s from /proc: its
position in the input file (fdinfo), its CPU time (user + system) and its RSS high-water mark
(VmHWM). When the child has read N lines, "peak RSS at N" is its high-water mark so far and
"rate at N" is the lines per wall second and per CPU-second of the child over the window of
lines before N (the last 10k lines; lines 2k–10k for the first mark, after model loading).
A mark at the end of the file ends when the child closes it; what follows (its last batch, the
full-text merge, closing the stores) is printed on a line of its own.

BENCH_STREAM_LINES (default 1000000) sets the file size; the marks are 10k, 100k, 1M (those
not beyond the file). BENCH_STREAM_NICE (default 5) is the child's niceness.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import stream_file

LINES = int(os.environ.get("BENCH_STREAM_LINES", "1000000"))
NICE = int(os.environ.get("BENCH_STREAM_NICE", "5"))
MARKS = [m for m in (10_000, 100_000, 1_000_000) if m <= LINES] or [LINES]
WINDOW = 10_000
POLL = 0.2
PROGRESS = 50_000  # a progress line every this many lines (a cut-short run still tells)
TICK = os.sysconf("SC_CLK_TCK")
CONFIG = f"""brand: {stream_file.BRAND}
plans:
  - id: xwf
    name: {stream_file.BRAND}
    expression: "{stream_file.BRAND}"
"""


@dataclass
class Sample:
    """One look at the child: when, its CPU seconds, bytes of the file read, RSS peak (MiB)."""

    wall: float
    cpu: float
    position: int
    peak_mib: float


def child_sample(pid: int, path: Path, started: float) -> Sample | None:
    """The child's state now, or None once it has gone (or not yet opened the file)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu = (int(stat[11]) + int(stat[12])) / TICK  # utime, stime of all threads
        status = Path(f"/proc/{pid}/status").read_text()
        position = _position(pid, path)
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None
    if position is None:
        return None
    peak = re.search(r"VmHWM:\s+(\d+) kB", status)
    return Sample(time.perf_counter() - started, cpu, position, int(peak[1]) / 1024 if peak else 0)


def _position(pid: int, path: Path) -> int | None:
    """Offset of the child's open handle on path (read-ahead of one buffer included)."""
    folder = Path(f"/proc/{pid}/fd")
    for fd in folder.iterdir():
        try:
            if os.readlink(fd) == str(path):
                info = (Path(f"/proc/{pid}/fdinfo") / fd.name).read_text()
                return int(info.split("pos:", 1)[1].split()[0])
        except (FileNotFoundError, IndexError):
            continue
    return None


def at_offset(samples: list[Sample], offset: int) -> tuple[float, float, float] | None:
    """(wall, cpu, peak MiB) when the child's read position passed offset (interpolated)."""
    before = None
    for sample in samples:
        if sample.position >= offset:
            if before is None or sample.position == before.position:
                return sample.wall, sample.cpu, sample.peak_mib
            share = (offset - before.position) / (sample.position - before.position)
            return (
                before.wall + share * (sample.wall - before.wall),
                before.cpu + share * (sample.cpu - before.cpu),
                sample.peak_mib,
            )
        before = sample
    return None


def ingest(
    path: Path, data_dir: Path, config: Path, progress: dict[int, int]
) -> tuple[list[Sample], dict[str, float], str]:
    """Run `yuqing ingest` on path in a child; its samples, totals (wall, cpu, peak) and output.

    `progress` maps line counts to byte offsets: passing one prints a line with the peak RSS
    and the rates since the previous one.
    """
    command = ["nice", "-n", str(NICE), sys.executable, "-m", "app", "ingest", str(path)]
    command += ["--data-dir", str(data_dir)]
    command += ["--config", str(config)]
    log = (data_dir.parent / "ingest.log").open("w+", encoding="utf-8")
    started = time.perf_counter()
    child = subprocess.Popen(
        command,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    samples: list[Sample] = []
    marks: list[Sample] = []
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        sample = child_sample(child.pid, path, started)
        if sample is not None:
            samples.append(sample)
            _report_progress(samples, progress, marks)
        time.sleep(POLL)
    wall = time.perf_counter() - started
    log.seek(0)
    output = log.read()
    log.close()
    code = os.waitstatus_to_exitcode(status)
    if code:  # e.g. stopped by hand on a busy machine: the marks it reached still count
        print(f"yuqing ingest exited {code} before the end: {output[-1000:]}", flush=True)
        return samples, {"wall": wall, "cpu": 0.0, "peak_mib": 0.0}, output
    totals = {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mib": usage.ru_maxrss / 1024,
    }
    # The whole file has been read and processed when the child exits.
    samples.append(Sample(wall, totals["cpu"], path.stat().st_size, totals["peak_mib"]))
    return samples, totals, output


def _report_progress(samples: list[Sample], progress: dict[int, int], marks: list[Sample]) -> None:
    """Print (and forget) the progress marks the latest sample has passed."""
    latest = samples[-1]
    for lines, offset in sorted(progress.items()):
        if latest.position < offset:
            return
        del progress[lines]
        previous = marks[-1] if marks else samples[0]
        marks.append(latest)
        done = lines * (latest.position - previous.position) / latest.position  # by bytes
        wall = max(latest.wall - previous.wall, 1e-9)
        cpu = max(latest.cpu - previous.cpu, 1e-9)
        print(
            f"  {lines:,} lines: {latest.wall:,.0f} s, child CPU {latest.cpu:,.0f} s, "
            f"peak RSS {latest.peak_mib:,.0f} MiB; since the previous mark "
            f"{done / wall:,.0f} lines/s wall, {done / cpu:,.0f} per CPU-second "
            f"(load {os.getloadavg()[0]:.1f})",
            flush=True,
        )


def main() -> None:
    """Print peak RSS and ingest rate at 10k / 100k / 1M lines of one `yuqing ingest`."""
    edges = sorted({m for mark in MARKS for m in (mark, _window_start(mark))} | {LINES})
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "stream.jsonl"
        started = time.perf_counter()
        steps = list(range(PROGRESS, LINES, PROGRESS))
        offsets = stream_file.write(path, LINES, sorted({*edges, *steps}))
        size = path.stat().st_size
        print(f"wrote {LINES:,} lines ({size / 2**20:,.0f} MiB) in "
              f"{time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip
        config = folder / "yuqing.yaml"
        config.write_text(CONFIG, encoding="utf-8")
        progress = {n: offsets[n] for n in steps}
        samples, totals, output = ingest(path, folder / "data", config, progress)
        disk = sum(p.stat().st_size for p in (folder / "data").rglob("*") if p.is_file())
    print(_counts(output))
    print(f"load average {os.getloadavg()[0]:.1f}; child niceness {NICE}")
    print("| lines read | peak RSS (MiB) | rate, wall (lines/s) | rate per CPU-second |")
    print("|---:|---:|---:|---:|")
    # The last sample is the child's exit: after the file was read it still flushes its last
    # batch, merges the full-text segments and closes. That tail is not a rate of reading lines.
    reading = samples[:-1] if totals["cpu"] else samples
    for mark in MARKS:
        start = _window_start(mark)
        window = _window(reading, offsets[start], offsets[mark], mark - start)
        if window is None:
            print(f"| {mark:,} | (not reached) | | |")
            continue
        lines, wall, cpu, peak = window
        wall_rate, cpu_rate = lines / max(wall, 1e-9), lines / max(cpu, 1e-9)
        print(f"| {mark:,} | {peak:,.0f} | {wall_rate:,.0f} | {cpu_rate:,.0f} |")
    if totals["cpu"] and reading:
        tail = samples[-1]
        print(
            f"| after the last read (last batch, full-text merge, close) | {tail.peak_mib:,.0f} | "
            f"{tail.wall - reading[-1].wall:,.1f} s | {tail.cpu - reading[-1].cpu:,.1f} CPU-s |"
        )
        print(
            f"| whole file {LINES:,} (start-up included) | {totals['peak_mib']:,.0f} | "
            f"{LINES / totals['wall']:,.0f} | {LINES / totals['cpu']:,.0f} |"
        )
    print(f"data dir after ingest: {disk / 2**20:,.0f} MiB ({disk / LINES:,.0f} bytes per line)")


def _window(
    samples: list[Sample], start: int, end: int, lines: int
) -> tuple[float, float, float, float] | None:
    """(lines, wall, cpu, peak MiB) of the window of `lines` lines between byte offsets start
    and end. A window that ends at the end of the file ends at the last sample taken while the
    child still had it open, its lines counted by bytes (the child closes the file before its
    last batch is processed)."""
    first, last = at_offset(samples, start), at_offset(samples, end)
    if first is None:
        return None
    if last is None:
        if not samples or samples[-1].position <= start:
            return None
        final = samples[-1]
        lines = round(lines * (final.position - start) / (end - start))
        last = (final.wall, final.cpu, final.peak_mib)
    return lines, last[0] - first[0], last[1] - first[1], last[2]


def _window_start(mark: int) -> int:
    return max(mark - WINDOW, mark // 5)


def _counts(output: str) -> str:
    found = re.search(r"新增 \d+ 条，更新 \d+ 条，重复 \d+ 条，拒绝 \d+ 条，截断 \d+ 条", output)
    return f"yuqing ingest: {found[0]}" if found else f"yuqing ingest said: {output[-500:]}"


if __name__ == "__main__":
    main()
