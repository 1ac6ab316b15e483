"""uvicorn's HTTP protocol plus a header deadline: a connection that sends no complete request
head within the read timeout is closed (uvicorn alone keeps a silent connection open forever).
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

try:
    import httptools  # noqa: F401  (the C parser; uvicorn falls back to h11 without it)
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    BaseProtocol: type[Any] = HttpToolsProtocol
except ImportError:  # pragma: no cover - httptools is a declared dependency
    BaseProtocol = H11Protocol


# uvicorn answers a request it cannot parse with English plain text; ours is the API's JSON.
BAD_REQUEST = json.dumps(
    {"error": "HTTP 请求格式有误（检查请求行、请求头与 Content-Length）"}, ensure_ascii=False
).encode()
_LOG_ZH = {"Invalid HTTP request received.": "收到格式有误的 HTTP 请求，已回复 400"}


class ChineseLog(logging.Filter):
    """Words uvicorn's own warnings (logger uvicorn.error) in Chinese where we know them."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg in _LOG_ZH:
            record.msg = _LOG_ZH[record.msg]
        return True


def deadline_protocol(timeout: float) -> type[asyncio.Protocol]:
    """A protocol class closing connections idle for `timeout` seconds outside a request."""

    class DeadlineProtocol(BaseProtocol):  # type: ignore[misc, valid-type]
        _deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self._in_request():
                self._disarm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def send_400_response(self, msg: str) -> None:
            head = (
                b"HTTP/1.1 400 Bad Request\r\n"
                b"content-type: application/json; charset=utf-8\r\n"
                b"content-length: " + str(len(BAD_REQUEST)).encode() + b"\r\n"
                b"connection: close\r\n\r\n"
            )
            self.transport.write(head + BAD_REQUEST)
            self.transport.close()

        def _in_request(self) -> bool:
            return self.cycle is not None and not self.cycle.response_complete

        def _arm(self) -> None:
            self._disarm()
            self._deadline = self.loop.call_later(timeout, self._expire)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _expire(self) -> None:
            self._deadline = None
            if not self._in_request() and not self.transport.is_closing():
                self.transport.close()

    return DeadlineProtocol
