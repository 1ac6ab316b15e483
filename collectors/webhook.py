"""The intake webhook: POST /mentions with mention JSON (an object, a list, or JSONL lines).

Authentication: the shared `webhook.secret`, either as header `X-Yuqing-Secret: <secret>` or
as `X-Yuqing-Signature: sha256=<hex HMAC-SHA256 of the raw body>`. Good records are indexed
even when others are bad; the answer is 200 when every record was accepted and 422 with one
{"ref", "error"} per rejected record otherwise. Records without "source" get "webhook".
Served by the stdlib HTTP server in a daemon thread (one request at a time).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

from pydantic import ValidationError

from collectors.config import WEBHOOK
from collectors.state import SourceStatus, state_of
from core.context import Context
from core.errors import ConfigError
from core.models import Mention

log = logging.getLogger(__name__)

MAX_BODY = 10 * 1024 * 1024
DEFAULT_SOURCE = "webhook"
PATHS = ("/mentions", "/mentions/")


@dataclass
class Intake:
    """Records of one request: valid mentions (with refs) and per-record errors."""

    mentions: list[Mention] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)


def authorized(secret: str, headers: Any, body: bytes) -> bool:
    """True when the shared secret or a valid HMAC signature of the body is present."""
    given = headers.get("X-Yuqing-Secret")
    if given is not None:
        return hmac.compare_digest(given.encode(), secret.encode())
    signature = str(headers.get("X-Yuqing-Signature") or "").removeprefix("sha256=")
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return bool(signature) and hmac.compare_digest(signature, expected)


def decode_body(body: bytes) -> str:
    """The body as text: UTF-8 (with or without BOM), else GB18030."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return body.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("body is neither UTF-8 nor GB18030 text")


def split_records(text: str) -> list[tuple[str, object]]:
    """(ref, parsed JSON or the parse error) per record: one object, a list, or JSONL."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return [
            (f"line {n}", _json_line(line))
            for n, line in enumerate(text.splitlines(), 1)
            if line.strip()
        ]
    items = data if isinstance(data, list) else [data]
    return [(f"record {n}", item) for n, item in enumerate(items, 1)]


def _json_line(line: str) -> object:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        return ValueError(f"invalid JSON: {exc.msg} (column {exc.colno})")


def validate(records: list[tuple[str, object]]) -> Intake:
    """Mentions for the valid records and a readable error for each invalid one."""
    intake = Intake()
    for ref, data in records:
        if isinstance(data, Exception) or not isinstance(data, dict):
            why = str(data) if isinstance(data, Exception) else "each record must be a JSON object"
            intake.errors.append({"ref": ref, "error": why})
            continue
        try:
            intake.mentions.append(Mention.model_validate({"source": DEFAULT_SOURCE, **data}))
            intake.refs.append(ref)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'record'}: {e['msg']}"
                for e in exc.errors()
            )
            intake.errors.append({"ref": ref, "error": problems})
    return intake


STATE_NAME = "webhook"  # its row in source_state (the webhook is not a configured source)


class WebhookServer:
    """Runs the webhook in a daemon thread; `ingest` is the request-independent core."""

    def __init__(self, ctx: Context, host: str | None = None, port: int | None = None) -> None:
        settings = WEBHOOK.of(ctx.config)
        if not settings.secret:
            raise ConfigError("webhook.secret: required (clients send it as X-Yuqing-Secret)")
        self.ctx = ctx
        self.secret = settings.secret
        self.server = HTTPServer(
            (host or settings.host, settings.port if port is None else port), _handler(self)
        )
        self.thread = threading.Thread(
            target=self.server.serve_forever, name="yuqing-webhook", daemon=True
        )

    @property
    def url(self) -> str:
        """Where the endpoint listens."""
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/mentions"

    def start(self) -> WebhookServer:
        """Serve in the background."""
        self.thread.start()
        log.info("webhook listening on %s", self.url)
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.server.shutdown()
        self.server.server_close()

    def ingest(self, body: bytes) -> tuple[int, dict[str, Any]]:
        """(HTTP status, JSON answer) for one request body that passed authentication."""
        try:
            intake = validate(split_records(decode_body(body)))
        except ValueError as exc:
            return 400, {"error": str(exc)}
        if not intake.mentions and not intake.errors:
            return 400, {"error": "empty body: send a mention object, a list, or JSON lines"}
        report = self.ctx.pipeline.process(intake.mentions, intake.refs)
        rejected = intake.errors + [{"ref": ref, "error": why} for ref, why in report.rejected]
        answer = {
            "accepted": len(intake.mentions) - len(report.rejected),
            "new": len(report.new),
            "duplicates": report.duplicates,
            "rejected": rejected,
        }
        self._record(len(intake.mentions) - len(report.rejected), len(report.new), rejected)
        return (422 if rejected else 200), answer

    def _record(self, accepted: int, new: int, rejected: list[dict[str, Any]]) -> None:
        """Health of the webhook in source_state, shown with the collectors on 数据源."""
        now = self.ctx.clock()
        with self.ctx.sessions.begin() as session:
            state = state_of(session, STATE_NAME, "webhook")
            state.last_run_at, state.items_last_run = now, accepted
            state.items_total = (state.items_total or 0) + new
            if accepted:
                state.last_success_at, state.consecutive_failures = now, 0
            if rejected:
                first = rejected[0]
                state.status = SourceStatus.DEGRADED
                state.last_error = f"{len(rejected)} 条被拒，如 {first['ref']}：{first['error']}"
                state.last_error_at = now
                if not accepted:
                    state.consecutive_failures = (state.consecutive_failures or 0) + 1
            else:
                state.status, state.last_error = SourceStatus.OK, None


def _handler(webhook: WebhookServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            if self.path not in PATHS:
                return self._reply(404, {"error": "POST to /mentions"})
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                return self._reply(413, {"error": f"body larger than {MAX_BODY} bytes; split it"})
            body = self.rfile.read(length)
            if not authorized(webhook.secret, self.headers, body):
                return self._reply(
                    401, {"error": "missing or wrong X-Yuqing-Secret / X-Yuqing-Signature"}
                )
            self._reply(*webhook.ingest(body))

        def do_GET(self) -> None:
            self._reply(200 if self.path == "/health" else 404, {"ok": self.path == "/health"})

        def _reply(self, status: int, answer: dict[str, Any]) -> None:
            data = json.dumps(answer, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            log.debug("webhook: " + format, *args)

    return Handler
