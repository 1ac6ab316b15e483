"""A local stand-in for a signed-API site: HTML pages whose JavaScript signs every API call.

The server issues a random salt in each page; the page's script signs its API requests with
FNV-1a(salt + request) the way 小红书/抖音/B站/知乎 pages compute x-s / a_bogus / w_rid /
x-zse-96, and the server refuses any call whose signature is missing or wrong. Only a real
browser running the page's JavaScript can therefore fetch data, as on the real sites.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

SIGN_JS = """
const SALT = "%(salt)s";
function sign(msg) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(SALT + msg)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}
const PARAMS = new URLSearchParams(location.search);
const LAST = location.pathname.split("/").pop();
let more = true, busy = false;
const state = {page: 1, cursor: "", offset: 0};
async function load() {
  if (!more || busy) return;
  busy = true;
  let data = null;
  try { const r = await FETCH(state); data = await r.json(); } catch (e) { data = null; }
  busy = false;
  const block = document.createElement("section");
  block.style.minHeight = "1500px";
  block.textContent = data ? JSON.stringify(data).slice(0, 300) : "加载失败";
  document.body.appendChild(block);
  more = !!data && NEXT(data, state);
}
window.addEventListener("scroll", () => {
  if (innerHeight + scrollY >= document.body.scrollHeight - 20) load();
});
"""


def fnv_sign(salt: str, message: str) -> str:
    """The signature the pages' script computes."""
    value = 0x811C9DC5
    for byte in (salt + message).encode():
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return f"{value:08x}"


@dataclass
class Request:
    """One request the browser made."""

    method: str
    raw_path: str
    body: str
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)

    @property
    def path(self) -> str:
        """The path without the query."""
        return urlsplit(self.raw_path).path

    @property
    def query(self) -> dict[str, str]:
        """The decoded query."""
        return dict(parse_qsl(urlsplit(self.raw_path).query, keep_blank_values=True))


@dataclass
class Reply:
    """What the server answers."""

    body: str | bytes = b""
    status: int = 200
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def json_reply(data: Any, status: int = 200) -> Reply:
    """A JSON answer."""
    return Reply(json.dumps(data, ensure_ascii=False), status)


def page(
    title: str, fetch_js: str, next_js: str, salt: str, start: str = "load();", body: str = ""
) -> Reply:
    """An HTML page whose script loads data with FETCH(state) and pages with NEXT(data, state)."""
    script = (
        SIGN_JS % {"salt": salt}
        + f"\nfunction FETCH(state) {{ {fetch_js} }}\nfunction NEXT(data, state) {{ {next_js} }}\n"
        + start
    )
    html = (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><h1>{title}</h1>{body}<script>{script}</script></body></html>"
    )
    return Reply(html, content_type="text/html; charset=utf-8")


@dataclass
class FakeComment:
    """A comment (and the replies shown under it) on a fake post."""

    id: str
    text: str
    at: datetime
    user: str
    region: str
    replies: list[FakeComment] = field(default_factory=list)


@dataclass
class FakePost:
    """A post found by the search, with its comments."""

    id: str
    title: str
    text: str
    at: datetime
    user: str
    followers: int
    comments: list[FakeComment] = field(default_factory=list)

    def comment_count(self) -> int:
        """Comments and replies together, as the sites count them."""
        return sum(1 + len(c.replies) for c in self.comments)


class FakeSite:
    """The HTTP server; a platform subclass answers pages and API calls."""

    cookie_name = "session"
    page_size = 2

    def __init__(self, posts: list[FakePost]) -> None:
        self.posts = posts
        self.salt = secrets.token_hex(8)
        self.variant = "ok"  # or "captcha"
        self.requests: list[Request] = []
        self.rejected: list[str] = []
        self.signed = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """http://127.0.0.1:<port>"""
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def post(self, key: str) -> FakePost:
        """The post with this id."""
        return next(p for p in self.posts if p.id == key)

    def opened(self, path: str) -> int:
        """How many times the browser loaded this page path."""
        return sum(1 for r in self.requests if r.method == "GET" and r.path == path)

    def logged_in(self, request: Request) -> bool:
        """The session cookie the operator's browser would carry."""
        return f"{self.cookie_name}=valid" in request.headers.get("cookie", "")

    def answer(self, request: Request) -> Reply:
        """Route one request (subclasses)."""
        raise NotImplementedError

    def expected_signature(self, request: Request) -> str | None:
        """The signature the request carries, or None when it carries none (subclasses)."""
        raise NotImplementedError

    def signed_ok(self, request: Request, message: str) -> bool:
        """Compare the carried signature with FNV(salt + message); count refusals."""
        carried = self.expected_signature(request)
        if carried is not None and carried == fnv_sign(self.salt, message):
            self.signed += 1
            return True
        self.rejected.append(request.raw_path)
        return False

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                headers = {k.lower(): v for k, v in self.headers.items()}
                request = Request(method, self.path, body, headers)
                site.requests.append(request)
                reply = site.answer(request)
                data = reply.body.encode() if isinstance(reply.body, str) else reply.body
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(data)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    def start(self) -> FakeSite:
        """Serve in a daemon thread."""
        self.thread.start()
        return self

    def stop(self) -> None:
        """Shut down."""
        self.server.shutdown()
        self.server.server_close()


Route = Callable[[Request], Reply]
