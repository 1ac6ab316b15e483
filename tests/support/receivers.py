"""Local test doubles for vendor endpoints: an HTTP receiver and an SMTP server.

Used by every domain that sends (alerting notifiers, case SLA checks, report mail); a domain's
conftest imports the `receiver` and `smtp_inbox` fixtures to offer them to its tests."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.support.tls import CertificateAuthority, ServerFiles


@dataclass
class Received:
    """One captured HTTP request."""

    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)


@dataclass
class HttpReceiver:
    """Captured requests; `statuses` are answered in order (then 200)."""

    port: int = 0
    requests: list[Received] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)

    def url(self, path: str = "/") -> str:
        """http://127.0.0.1:port/path"""
        return f"http://127.0.0.1:{self.port}{path}"


# What every vendor the notifiers call reads as success (DingTalk, WeCom, Feishu, webhooks).
OK_BODY = b'{"errcode": 0, "errmsg": "ok", "code": 0, "StatusCode": 0}'
# How a stand-in answers one request: (HTTP status, JSON body).
Answer = Callable[[Received], tuple[int, bytes]]


@contextmanager
def http_receiver(
    statuses: list[int] | None = None,
    answer: Answer | None = None,
    content_type: str = "application/json",
) -> Iterator[HttpReceiver]:
    """An HTTP server on a random port in a thread, recording every POST. Each reply is
    `answer(request)`; by default the next of `statuses` (then 200) with OK_BODY."""
    receiver = HttpReceiver(statuses=list(statuses or []))

    def next_status(_: Received) -> tuple[int, bytes]:
        return (receiver.statuses.pop(0) if receiver.statuses else 200), OK_BODY

    reply = answer or next_status

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            request = Received(self.path, dict(self.headers), body)
            receiver.requests.append(request)
            status, payload = reply(request)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class SmtpInbox:
    """What a local SMTP server received: each message and its envelope recipients."""

    port: int = 0
    messages: list[EmailMessage] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)


@contextmanager
def smtp_server(tls: ServerFiles | None = None, starttls: bool = False) -> Iterator[SmtpInbox]:
    """An aiosmtpd server on a free port, recording every message it accepts. With `tls`:
    TLS from the first byte (port 465 style), or with `starttls` plain first and STARTTLS
    required before MAIL (port 587 style)."""
    import socket
    import ssl

    from aiosmtpd.controller import Controller

    inbox = SmtpInbox()

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            message = message_from_bytes(envelope.content, policy=policy.default)
            inbox.messages.append(message)  # type: ignore[arg-type]
            inbox.recipients.append(list(envelope.rcpt_tos))
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        inbox.port = probe.getsockname()[1]
    options: dict[str, Any] = {}
    if tls is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(tls.cert, tls.key)
        options = (
            {"tls_context": context, "require_starttls": True}
            if starttls
            else {"ssl_context": context}
        )
    controller = Controller(Handler(), hostname="127.0.0.1", port=inbox.port, **options)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def receiver() -> Iterator[HttpReceiver]:
    """A local HTTP endpoint recording every POST (answers 200)."""
    with http_receiver() as server:
        yield server


@pytest.fixture
def smtp_inbox() -> Iterator[SmtpInbox]:
    """A local SMTP server recording every message."""
    with smtp_server() as inbox:
        yield inbox


@pytest.fixture(scope="module")
def company_ca(tmp_path_factory: pytest.TempPathFactory) -> CertificateAuthority:
    """A private CA, as a company signs its own servers' certificates with."""
    return CertificateAuthority(tmp_path_factory.mktemp("company-ca"), "company CA")


@pytest.fixture(scope="module")
def smtp_tls_files(company_ca: CertificateAuthority) -> ServerFiles:
    """The mail server's certificate (for 127.0.0.1) and key, from the company CA."""
    return company_ca.issue("smtp", ["127.0.0.1"])


@pytest.fixture
def smtps(smtp_tls_files: ServerFiles) -> Iterator[SmtpInbox]:
    """A local SMTP server speaking TLS from the first byte (port 465 style)."""
    with smtp_server(tls=smtp_tls_files) as inbox:
        yield inbox


@pytest.fixture
def smtp_submission(smtp_tls_files: ServerFiles) -> Iterator[SmtpInbox]:
    """A local SMTP server requiring STARTTLS before MAIL (port 587 style)."""
    with smtp_server(tls=smtp_tls_files, starttls=True) as inbox:
        yield inbox
