"""The webhook's ASGI application (Starlette): checks in the cheapest order, then the writer.

Order per request: path → rate limit (429) → secret (401, before any body byte is read) →
Content-Type (415) → Content-Length (400/413) → body read with a deadline and a cap (408/413,
chunked bodies too) → signature (401) → records → the single writer (503 when overloaded).
"""

from __future__ import annotations

import asyncio
import math
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from collectors.webhook.batcher import IntakeBatcher, Overloaded
from collectors.webhook.ratelimit import RateLimiter
from collectors.webhook.records import (
    decode_body,
    media_type_ok,
    secret_matches,
    signature_matches,
    signature_of,
    split_records,
    validate,
)

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from collectors.config import WebhookConfig

MAX_RECORDS = 10_000
# Answers given before (or instead of) reading the whole body.
REFUSALS = frozenset({400, 401, 408, 413, 415, 429})


class BodyProblem(Exception):
    """The body cannot be read: status code and message for the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def reply(
    status: int, answer: dict[str, Any], headers: dict[str, str] | None = None
) -> JSONResponse:
    """A JSON answer; refusals close the connection so an unread body is never parsed."""
    extra = dict(headers or {})
    if status in REFUSALS:
        extra["Connection"] = "close"
    return JSONResponse(answer, status_code=status, headers=extra)


class WebhookApp:
    """Builds the Starlette app over one writer, one rate limiter and the webhook settings."""

    def __init__(self, settings: WebhookConfig, secret: str, batcher: IntakeBatcher) -> None:
        self.secret = secret
        self.batcher = batcher
        self.max_body = int(settings.max_body_mb * 1024 * 1024)
        self.read_timeout = settings.read_timeout.total_seconds()
        self.limiter = RateLimiter(settings.rate_per_client, settings.burst)

    def starlette(self) -> Starlette:
        """The ASGI app: /mentions, /mentions/batch and /health."""
        routes = [
            Route("/mentions", self._endpoint(detailed=False), methods=["POST"]),
            Route("/mentions/", self._endpoint(detailed=False), methods=["POST"]),
            Route("/mentions/batch", self._endpoint(detailed=True), methods=["POST"]),
            Route("/health", self.health, methods=["GET"]),
        ]
        return Starlette(routes=routes)

    async def health(self, request: Request) -> JSONResponse:
        """Liveness: ok while the writer runs; also how many mentions wait for it."""
        ok = self.batcher.alive
        return reply(200 if ok else 503, {"ok": ok, "pending": self.batcher.pending})

    def _endpoint(self, detailed: bool) -> Callable[[Request], Awaitable[JSONResponse]]:
        async def endpoint(request: Request) -> JSONResponse:
            return await self.receive(request, detailed)

        return endpoint

    async def receive(self, request: Request, detailed: bool) -> JSONResponse:
        """Handle one POST of mentions."""
        client = request.client.host if request.client else "?"
        wait = self.limiter.allow(client)
        if wait:
            retry = str(max(1, math.ceil(wait)))
            return reply(
                429,
                {"error": "此客户端请求过于频繁，请在 Retry-After 秒后重试"},
                {"Retry-After": retry},
            )
        headers = request.headers
        by_secret = secret_matches(self.secret, headers)
        signature = signature_of(headers)
        if by_secret is False or (by_secret is None and signature is None):
            return reply(401, {"error": "X-Yuqing-Secret / X-Yuqing-Signature 缺失或不正确"})
        if not media_type_ok(headers.get("content-type")):
            return reply(
                415, {"error": "Content-Type 须为 application/json 或 application/x-ndjson"}
            )
        try:
            body = await asyncio.wait_for(self._body(request), self.read_timeout)
        except BodyProblem as problem:
            return reply(problem.status, {"error": str(problem)})
        except TimeoutError:
            return reply(408, {"error": f"{self.read_timeout:g} 秒内未收到完整的请求体"})
        except ClientDisconnect:
            return reply(400, {"error": "请求体尚未传完，客户端已断开连接"})
        if by_secret is None and not signature_matches(self.secret, signature or "", body):
            return reply(401, {"error": "X-Yuqing-Secret / X-Yuqing-Signature 缺失或不正确"})
        return await self._ingest(body, detailed)

    async def _body(self, request: Request) -> bytes:
        """The body, refused early when its declared or actual size passes the cap."""
        declared = request.headers.get("content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                raise BodyProblem(400, f"Content-Length 无效：{declared!r}")
            if int(declared) > self.max_body:
                raise BodyProblem(413, f"请求体超过 {self.max_body} 字节，请拆分后分批发送")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self.max_body:
                raise BodyProblem(413, f"请求体超过 {self.max_body} 字节，请拆分后分批发送")
            chunks.append(chunk)
        return b"".join(chunks)

    async def _ingest(self, body: bytes, detailed: bool) -> JSONResponse:
        try:
            intake = validate(split_records(decode_body(body)))
        except ValueError as exc:
            return reply(400, {"error": str(exc)})
        if not intake.mentions and not intake.errors:
            return reply(
                400, {"error": "请求体为空：请发送一个提及对象、一个对象列表或 JSON Lines"}
            )
        if len(intake.mentions) + len(intake.errors) > MAX_RECORDS:
            return reply(413, {"error": f"超过 {MAX_RECORDS} 条记录，请拆分请求"})
        try:
            future = self.batcher.submit(intake)
        except Overloaded as exc:
            return reply(503, {"error": f"接入繁忙（{exc}），请稍后重试"}, {"Retry-After": "1"})
        try:
            share = await asyncio.wrap_future(future)
        except Exception as exc:
            return reply(500, {"error": f"保存失败：{type(exc).__name__}: {exc}"})
        return reply(422 if share.rejected else 200, share.answer(detailed))
