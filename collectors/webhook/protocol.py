"""uvicorn's HTTP protocol plus a header deadline: a connection that sends no complete request
head within the read timeout is closed (uvicorn alone keeps a silent connection open forever).
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

try:
    import httptools  # noqa: F401  (the C parser; uvicorn falls back to h11 without it)
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    BaseProtocol: type[Any] = HttpToolsProtocol
except ImportError:  # pragma: no cover - httptools is a declared dependency
    BaseProtocol = H11Protocol


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
