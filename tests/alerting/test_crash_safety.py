"""kill -9 between indexing and alerting, and during a delivery: no alert lost, repeats keyed."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from alerting import service
from alerting.engine import AlertEngine
from alerting.enums import DeliveryStatus
from alerting.loader import parse_rule
from alerting.models import Delivery
from alerting.notifications import retry_due
from bench.synthetic import burst
from tests.alerting.conftest import advance, make_ctx
from tests.alerting.crash_child import NOON, hook

ROOT = Path(__file__).resolve().parents[2]


def run_child(*args: str, until: threading.Event | None = None) -> subprocess.Popen[str]:
    """Start crash_child; kill -9 it once `until` is set (or let it kill itself)."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.alerting.crash_child", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if until is not None:
        assert until.wait(60), "the child never reached the receiver"
        child.kill()
    child.wait(60)
    assert child.returncode == -9, child.stderr.read() if child.stderr else ""
    return child


def urgent_rule() -> Any:
    """An urgent-mention rule on critical mentions."""
    return parse_rule({"name": "urgent", "type": "urgent_mention", "min_urgency": "critical"}, "t")


def test_alert_survives_a_kill_between_index_and_alert(data_dir: Path) -> None:
    kol = burst(NOON - timedelta(seconds=5), size=0)[0]
    stream = data_dir / "urgent.jsonl"
    stream.write_text(kol.model_dump_json() + "\n", encoding="utf-8")
    run_child("index", str(data_dir), str(stream))  # indexed, then killed before any alert

    ctx = make_ctx(data_dir, NOON)
    engine = AlertEngine(ctx, [urgent_rule()], send=False)
    ctx.pipeline.add_listener(engine.listen)
    report = ctx.pipeline.process([kol])  # the client's retry: a duplicate now
    assert report.duplicates == 1 and not report.new
    engine.tick()
    engine.tick()
    with ctx.sessions() as session:
        alerts = service.get_all(session)
    assert [(a.rule, a.count, a.sample_mention_ids) for a in alerts] == [("urgent", 1, [kol.id])]
    # A second engine (the next restart) judges nothing twice.
    AlertEngine(ctx, [urgent_rule()], send=False).tick()
    with ctx.sessions() as session:
        assert [a.count for a in service.get_all(session)] == [1]
    ctx.close()


class HoldingReceiver:
    """Records POSTs; holds the first request titled B until released (a slow target)."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], dict[str, Any]]] = []
        self.holding = threading.Event()
        self.release = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                receiver.requests.append((dict(self.headers), body))
                if body.get("title") == "B" and not receiver.holding.is_set():
                    receiver.holding.set()  # accepted, but the answer never leaves in time
                    receiver.release.wait(30)
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The alert endpoint."""
        return f"http://127.0.0.1:{self.server.server_address[1]}/alerts"


@pytest.fixture
def holding() -> Iterator[HoldingReceiver]:
    """A holding receiver on a random port."""
    receiver = HoldingReceiver()
    receiver.thread.start()
    yield receiver
    receiver.release.set()
    receiver.server.shutdown()
    receiver.server.server_close()


def test_delivery_killed_mid_call_is_resent_once_with_the_same_key(
    data_dir: Path, holding: HoldingReceiver
) -> None:
    run_child("notify", str(data_dir), holding.url, until=holding.holding)
    ctx = make_ctx(data_dir, NOON, notifiers=[hook(holding.url)])
    with ctx.sessions() as session:
        rows = {d.title: d for d in session.query(Delivery)}
        assert rows["A"].status == DeliveryStatus.SENT
        assert rows["B"].status == DeliveryStatus.SENDING  # recorded before the call
    holding.release.set()
    assert retry_due(ctx) == []  # the dead process's claim still holds
    advance(ctx, timedelta(minutes=5))
    retry_due(ctx)
    retry_due(ctx)

    titles = [body["title"] for _, body in holding.requests]
    assert titles == ["A", "B", "B"]  # A is never resent; B once more after the crash
    keys = [headers.get("Idempotency-Key") for headers, _ in holding.requests]
    assert all(keys) and keys[1] == keys[2] != keys[0]
    assert [body["idempotency_key"] for _, body in holding.requests] == keys
    assert keys[0].startswith("yq-7-") and keys[1].startswith("yq-8-")
    assert all(
        f"消息编号：{k}" in body["message"]
        for k, (_, body) in zip(keys, holding.requests, strict=True)
    )
    with ctx.sessions() as session:
        assert {d.status for d in session.query(Delivery)} == {DeliveryStatus.SENT}
    ctx.close()
