"""Webhook under hostile or careless clients: idle sockets, huge or lying bodies, floods."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from app.config import AppConfig
from collectors.webhook import WebhookServer
from core.context import Context
from core.models import mention_id
from tests.collectors.conftest import PassThroughClassifier, indexed

SECRET = "t0p-secret"
GOOD = {
    "native_id": "form-1",
    "text": "鲜味坊的订单一直没退款",
    "published_at": "2026-11-23T16:00:00+08:00",
}

Make = Callable[..., WebhookServer]


@pytest.fixture
def make_webhook(tmp_path, clock) -> Iterator[Make]:
    """Start a webhook with extra webhook settings over a fresh SQLite context."""
    made: list[tuple[WebhookServer, Context]] = []

    def make(**settings: Any) -> WebhookServer:
        webhook = {"enabled": True, "secret": SECRET, "read_timeout": "1s", **settings}
        ctx = Context(
            config=AppConfig.model_validate({"webhook": webhook}),
            data_dir=tmp_path / f"d{len(made)}",
            clock=clock,
        )
        ctx.__dict__["classifier"] = PassThroughClassifier()
        server = WebhookServer(ctx, port=0).start()
        made.append((server, ctx))
        return server

    yield make
    for server, ctx in made:
        server.stop()
        ctx.close()


def address(server: WebhookServer) -> tuple[str, int]:
    """(host, port) of the server."""
    host, port = server.socket.getsockname()[:2]
    return host, port


def exchange(
    server: WebhookServer, head: str, body: bytes = b"", timeout: float = 5
) -> tuple[int, dict[str, Any], str]:
    """Send a raw request head (+ body) and read (status, JSON answer, raw head) back."""
    with socket.create_connection(address(server), timeout=timeout) as sock:
        sock.sendall(head.encode() + body)
        data = b""
        while b"\r\n\r\n" not in data or len(data.split(b"\r\n\r\n", 1)[1]) < _length(data):
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    raw_head, _, payload = data.partition(b"\r\n\r\n")
    status = int(raw_head.split()[1])
    try:
        answer = json.loads(payload) if payload else {}
    except json.JSONDecodeError:
        answer = {"raw": payload.decode(errors="replace")}
    return status, answer, raw_head.decode()


def _length(data: bytes) -> int:
    for line in data.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":", 1)[1])
    return 1 << 30


def head(path: str = "/mentions", **headers: str) -> str:
    """An HTTP/1.1 POST head with these headers (underscores become dashes)."""
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{k.replace('_', '-')}: {v}" for k, v in headers.items()]
    return "\r\n".join(lines) + "\r\n\r\n"


def good_post(
    server: WebhookServer, record: dict[str, Any] | None = None
) -> tuple[int, dict[str, Any], str]:
    """POST one mention with the secret."""
    body = json.dumps(record or GOOD, ensure_ascii=False).encode()
    h = head(X_Yuqing_Secret=SECRET, Content_Type="application/json", Content_Length=str(len(body)))
    return exchange(server, h, body)


def test_idle_connection_does_not_stall_others_and_is_closed(make_webhook):
    server = make_webhook()
    idle = socket.create_connection(address(server))
    try:
        started = time.monotonic()
        status, answer, _ = good_post(server)
        assert (status, answer["new"]) == (200, 1)
        assert exchange(server, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n")[1]["ok"] is True
        assert time.monotonic() - started < 1.0
        idle.settimeout(5)
        assert idle.recv(10) == b""  # closed by the server after read_timeout (1 s)
        assert time.monotonic() - started < 4
    finally:
        idle.close()


def test_slow_body_gets_408_while_others_are_served(make_webhook):
    server = make_webhook()
    slow = socket.create_connection(address(server), timeout=5)
    try:
        slow.sendall(head(X_Yuqing_Secret=SECRET, Content_Length="100").encode() + b'{"na')
        assert good_post(server)[0] == 200
        reply = slow.recv(4096)
        assert reply.startswith(b"HTTP/1.1 408")
    finally:
        slow.close()


def test_secret_checked_before_the_body_is_read(make_webhook):
    server = make_webhook()
    # 200 MB announced, nothing sent: the answer comes without waiting for the body.
    status, answer, raw = exchange(server, head(Content_Length="200000000"), timeout=3)
    assert status == 401 and answer["error"] == "X-Yuqing-Secret / X-Yuqing-Signature 缺失或不正确"
    assert "connection: close" in raw.lower()


@pytest.mark.parametrize(
    ("length", "status", "error"),
    [
        ("-1", 400, "HTTP 请求格式有误（检查请求行、请求头与 Content-Length）"),
        ("abc", 400, "HTTP 请求格式有误（检查请求行、请求头与 Content-Length）"),
        ("99999999999", 413, "请求体超过 10485 字节，请拆分后分批发送"),
        ("20000", 413, "请求体超过 10485 字节，请拆分后分批发送"),
    ],
)
def test_bad_or_too_large_content_length_is_refused(make_webhook, length, status, error):
    server = make_webhook(max_body_mb=0.01)
    got, answer, _ = exchange(
        server, head(X_Yuqing_Secret=SECRET, Content_Length=length), timeout=3
    )
    assert (got, answer["error"]) == (status, error)
    assert good_post(server)[0] == 200  # still serving


def test_chunked_body_accepted_and_capped(make_webhook):
    server = make_webhook(max_body_mb=0.01)
    body = json.dumps(GOOD, ensure_ascii=False).encode()
    chunked = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
    h = head(X_Yuqing_Secret=SECRET, Transfer_Encoding="chunked", Content_Type="application/json")
    status, answer, _ = exchange(server, h, chunked)
    assert (status, answer["new"]) == (200, 1)
    big = b"x" * 4096
    flood = b"".join(f"{len(big):x}\r\n".encode() + big + b"\r\n" for _ in range(5)) + b"0\r\n\r\n"
    assert exchange(server, h, flood)[0] == 413
    assert list(indexed(server.ctx, "webhook")) == ["form-1"]


def test_wrong_content_type_is_415(make_webhook):
    server = make_webhook()
    body = json.dumps(GOOD).encode()
    for kind in ("application/x-www-form-urlencoded", "text/html", "multipart/form-data; b=1"):
        h = head(X_Yuqing_Secret=SECRET, Content_Type=kind, Content_Length=str(len(body)))
        status, answer, _ = exchange(server, h, body)
        assert (status, answer["error"]) == (
            415,
            "Content-Type 须为 application/json 或 application/x-ndjson",
        )
    assert indexed(server.ctx, "webhook") == {}


def test_rate_limit_per_client(make_webhook):
    server = make_webhook(rate_per_client=0.5, burst=2)
    assert good_post(server)[0] == 200
    assert good_post(server, {**GOOD, "native_id": "form-2", "text": "客服不理人"})[0] == 200
    status, answer, raw = good_post(server, {**GOOD, "native_id": "form-3", "text": "再来"})
    assert status == 429 and "retry-after:" in raw.lower()
    assert answer["error"] == "此客户端请求过于频繁，请在 Retry-After 秒后重试"
    assert sorted(indexed(server.ctx, "webhook")) == ["form-1", "form-2"]


def test_batch_endpoint_answers_per_record(make_webhook):
    server = make_webhook()
    records = [
        GOOD,
        {**GOOD, "native_id": "form-2", "text": "客服不理人"},
        GOOD,
        {"native_id": "x"},
    ]
    body = json.dumps(records, ensure_ascii=False).encode()
    h = head("/mentions/batch", X_Yuqing_Secret=SECRET, Content_Length=str(len(body)))
    status, answer, _ = exchange(server, h, body)
    assert status == 422
    statuses = [(r["ref"], r["status"]) for r in answer["results"]]
    assert statuses == [("第 1 条", "new"), ("第 2 条", "new"), ("第 3 条", "duplicate")]
    assert answer["results"][0]["id"] == mention_id("webhook", "form-1")
    assert answer["rejected"][0]["ref"] == "第 4 条"


def test_concurrent_clients_each_get_their_own_answer(make_webhook):
    server = make_webhook()
    results: dict[int, tuple[int, int]] = {}

    def client(n: int) -> None:
        status, answer, _ = good_post(
            server, {**GOOD, "native_id": f"c-{n}", "text": f"第{n}位顾客：鲜味坊没退款"}
        )
        results[n] = (status, answer["new"])

    threads = [threading.Thread(target=client, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert results == {n: (200, 1) for n in range(40)}
    assert len(indexed(server.ctx, "webhook")) == 40


def test_client_supplied_id_cannot_overwrite_another_mention(make_webhook):
    server = make_webhook()
    assert good_post(server)[0] == 200
    victim = mention_id("webhook", "form-1")
    status, _, _ = good_post(
        server, {**GOOD, "id": victim, "native_id": "evil", "text": "篡改的内容"}
    )
    assert status == 200
    stored = indexed(server.ctx, "webhook")
    assert stored["form-1"].text == GOOD["text"] and stored["form-1"].id == victim
    assert stored["evil"].id == mention_id("webhook", "evil") != victim
