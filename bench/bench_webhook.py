"""Webhook intake over loopback: mentions/s and latency with one mention per request.

The server runs in its own process pinned to CPU 0 with the real classifier and SQLite index;
an asyncio load generator with keep-alive connections runs here, pinned to CPU 1. The old
stdlib server (git revision OLD_REVISION) is measured the same way when git can show it.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.config import AppConfig
from bench.webhook_target import SECRET
from collectors.demo.stream import background_events

OLD_REVISION = "e59a3f5"  # last main commit with the stdlib webhook
CONNECTIONS = 32
WARMUP, SECONDS = 2.0, 10.0


def _bodies(count: int) -> list[bytes]:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    tz = AppConfig().tz
    events = background_events(start, start + timedelta(days=90), "鲜味坊", 600, 5, tz)
    out = []
    for number, event in enumerate(events):
        if number == count:
            break
        record = {"native_id": f"b{number}", "published_at": event.at.isoformat(), **event.fields}
        out.append(json.dumps(record, ensure_ascii=False, default=str).encode())
    return out


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, body: bytes
) -> tuple[bool, bool]:
    """(accepted, server closes) for one POST of one mention."""
    head = (
        "POST /mentions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"X-Yuqing-Secret: {SECRET}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    writer.write(head.encode() + body)
    status_line = await reader.readline()
    length, close = 0, status_line.startswith(b"HTTP/1.0")
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
        close |= name.lower() == "connection" and "close" in value.lower()
    await reader.readexactly(length)
    return b" 200 " in status_line, close


async def _client(port: int, bodies: list[bytes], stop_at: float, lat: list[float]) -> int:
    reader = writer = None
    accepted = 0
    while time.perf_counter() < stop_at and bodies:
        started = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            assert reader is not None
            ok, close = await _exchange(reader, writer, bodies.pop())
        except (OSError, asyncio.IncompleteReadError):  # the old server's backlog resets
            ok, close = False, True
        lat.append(time.perf_counter() - started)
        accepted += ok
        if close and writer is not None:
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()
    return accepted


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _load(port: int, bodies: list[bytes], pid: int) -> Result:
    warm: list[float] = []
    now = time.perf_counter()
    await asyncio.gather(*(_client(port, bodies, now + WARMUP, warm) for _ in range(CONNECTIONS)))
    lat: list[float] = []
    started, cpu = time.perf_counter(), cpu_seconds(pid)
    done = await asyncio.gather(
        *(_client(port, bodies, started + SECONDS, lat) for _ in range(CONNECTIONS))
    )
    wall, cpu = time.perf_counter() - started, cpu_seconds(pid) - cpu
    return Result(sum(done) / wall, sum(done) / max(cpu, 1e-9), cpu / wall, lat)


@dataclass
class Result:
    """Accepted mentions per wall second and per server CPU second, and request latencies."""

    rate: float
    per_cpu_second: float
    cpu_share: float
    latencies: list[float]


def measure(kind: str) -> Result:
    """(mentions accepted per second, request latencies) for one server kind."""
    with tempfile.TemporaryDirectory() as tmp:
        port_file = Path(tmp) / "port"
        server = subprocess.Popen(
            [sys.executable, "-m", "bench.webhook_target", kind, tmp, str(port_file), OLD_REVISION],
            stdin=subprocess.PIPE,
            preexec_fn=lambda: os.sched_setaffinity(0, {0}),
        )
        try:
            deadline = time.monotonic() + 60
            while not port_file.exists() or not port_file.read_text():
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{kind} webhook did not start")
                time.sleep(0.1)
            bodies = _bodies(60_000)
            bodies.reverse()
            return asyncio.run(_load(int(port_file.read_text()), bodies, server.pid))
        finally:
            assert server.stdin is not None
            server.stdin.close()
            server.wait(30)


def main() -> None:
    """Print mentions/s, p50/p99 latency for the new (and old) webhook side by side."""
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(0, {1})
    print(f"| server (CPU 0, {CONNECTIONS} keep-alive clients, 1 mention/request, {SECONDS:g}s) "
          "| mentions/s | per CPU-second | CPU share | p50 ms | p99 ms | max ms |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for kind in ("new", "old"):
        try:
            result = measure(kind)
        except (RuntimeError, subprocess.CalledProcessError, OSError) as exc:
            print(f"| {kind} | not measured: {exc} | | | | | |")
            continue
        lat = result.latencies
        cuts = statistics.quantiles(lat, n=100) if len(lat) > 1 else [0.0] * 99
        print(f"| {kind} | {result.rate:,.0f} | {result.per_cpu_second:,.0f} "
              f"| {result.cpu_share:.0%} | {cuts[49] * 1000:.1f} | {cuts[98] * 1000:.1f} "
              f"| {max(lat) * 1000:.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()
