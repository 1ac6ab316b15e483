"""A local HTTP server on a random port that serves recorded-style pages, in order, per path."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

FIXTURES = Path(__file__).with_name("fixtures")


@dataclass
class Page:
    """One canned answer."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def fixture(name: str, status: int = 200, content_type: str | None = None) -> Page:
    """A Page whose body is a fixture file (bytes as stored, so GBK stays GBK)."""
    kind = content_type or (
        "application/json; charset=utf-8" if name.endswith(".json") else "text/html"
    )
    return Page(FIXTURES.joinpath(name).read_bytes(), status, kind)


Handler = Callable[[dict[str, str]], Page]


class Site:
    """Routes 'path?query' to a list of Pages; the last Page repeats. Logs every request.

    A path can instead be handled by a function of the decoded query (for APIs whose
    requests carry timestamps or signatures, answered like the real site would).
    """

    def __init__(self) -> None:
        self.routes: dict[str, list[Page]] = {}
        self.handlers: dict[str, Handler] = {}
        self.log: list[str] = []
        self.hits: dict[str, int] = defaultdict(int)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """http://127.0.0.1:<port>"""
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def route(self, path: str, *pages: Page) -> None:
        """Answer `path` (with its query string) with pages in turn."""
        self.routes[path] = list(pages)

    def handle(self, path: str, handler: Handler) -> None:
        """Answer every request to `path` (any query) with handler(query as a dict)."""
        self.handlers[path] = handler

    def queries(self, path: str) -> list[dict[str, str]]:
        """The decoded queries of the logged requests to `path`, in order."""
        parts = [urlsplit(logged) for logged in self.log]
        return [dict(parse_qsl(p.query, keep_blank_values=True)) for p in parts if p.path == path]

    def _answer(self, path: str) -> Page:
        if path != "/robots.txt":  # Scrapy asks for it first; keep the log about pages
            self.log.append(path)
        pages = self.routes.get(path)
        parts = urlsplit(path)
        if not pages and parts.path in self.handlers:
            query = dict(parse_qsl(parts.query, keep_blank_values=True))
            return self.handlers[parts.path](query)
        if not pages:
            return Page(b"not found", 404, "text/plain")
        index = min(self.hits[path], len(pages) - 1)
        self.hits[path] += 1
        return pages[index]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                page = site._answer(self.path)
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                self.send_header("Content-Length", str(len(page.body)))
                for key, value in page.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(page.body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    def start(self) -> Site:
        """Serve in a daemon thread."""
        self.thread.start()
        return self

    def stop(self) -> None:
        """Shut the server down."""
        self.server.shutdown()
        self.server.server_close()
