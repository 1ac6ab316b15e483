"""A scripted HTTP server that answers like Elasticsearch, for client-layer tests."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

Reply = tuple[int, dict[str, Any]]


@dataclass
class Request:
    """One request the fake received."""

    method: str
    path: str
    params: dict[str, list[str]]
    body: str
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)

    def ndjson(self) -> list[Any]:
        """The body parsed as newline-delimited JSON (bulk)."""
        return [json.loads(line) for line in self.body.splitlines() if line.strip()]


@dataclass
class FakeEngine:
    """Replies per (method, path suffix) in order; the last reply repeats."""

    replies: dict[tuple[str, str], list[Reply]] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    url: str = ""

    def on(self, method: str, path_suffix: str, *replies: Reply) -> None:
        """Script the replies for requests whose path ends with path_suffix."""
        self.replies[(method, path_suffix)] = list(replies)

    def reply_to(self, request: Request) -> Reply:
        """The next scripted reply, or 404."""
        for (method, suffix), queue in self.replies.items():
            if method == request.method and request.path.endswith(suffix):
                return queue.pop(0) if len(queue) > 1 else queue[0]
        return 404, {"error": {"type": "not_found", "reason": request.path}, "status": 404}

    def sent(self, method: str, path_suffix: str) -> list[Request]:
        """Requests received for a route."""
        return [r for r in self.requests if r.method == method and r.path.endswith(path_suffix)]


def _handler(fake: FakeEngine) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            parts = urlsplit(self.path)
            headers = {k.lower(): v for k, v in self.headers.items()}
            request = Request(
                self.command, unquote(parts.path), parse_qs(parts.query), body, headers
            )
            fake.requests.append(request)
            status, payload = fake.reply_to(request)
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("X-Elastic-Product", "Elasticsearch")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _serve

        def log_message(self, format: str, *args: Any) -> None:
            """Keep test output quiet."""

    return Handler


@contextmanager
def fake_engine() -> Iterator[FakeEngine]:
    """Run a FakeEngine on a free loopback port for the duration of the block."""
    fake = FakeEngine()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
