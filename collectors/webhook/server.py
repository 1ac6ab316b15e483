"""WebhookServer: the webhook app served by uvicorn in a daemon thread (its own event loop)."""

from __future__ import annotations

import errno
import logging
import socket
import threading
import time
from typing import TYPE_CHECKING

import uvicorn

from collectors.config import WEBHOOK
from collectors.webhook.app import WebhookApp
from collectors.webhook.batcher import IntakeBatcher
from collectors.webhook.protocol import ChineseLog, deadline_protocol
from core.errors import ConfigError

if TYPE_CHECKING:
    from core.context import Context

log = logging.getLogger(__name__)

# The bind failures people meet, in Chinese; others keep the system's words.
_SOCKET_PROBLEMS = {
    errno.EADDRINUSE: "端口已被占用",
    errno.EACCES: "没有权限（1024 以下的端口需要管理员权限）",
    errno.EADDRNOTAVAIL: "本机没有这个地址（检查 webhook.host）",
}


def _socket_problem(exc: OSError) -> str:
    return _SOCKET_PROBLEMS.get(exc.errno or 0, str(exc))


class WebhookServer:
    """Serves POST /mentions (and /mentions/batch, /health) until stop()."""

    def __init__(self, ctx: Context, host: str | None = None, port: int | None = None) -> None:
        settings = WEBHOOK.of(ctx.config)
        if not settings.secret:
            raise ConfigError("webhook.secret：必填（客户端在请求头 X-Yuqing-Secret 中发送它）")
        self.ctx = ctx
        self.secret = settings.secret
        self.batcher = IntakeBatcher(ctx)
        app = WebhookApp(settings, settings.secret, self.batcher).starlette()
        self.socket = _listen(host or settings.host, settings.port if port is None else port)
        timeout = settings.read_timeout.total_seconds()
        config = uvicorn.Config(
            app,
            http=deadline_protocol(timeout),
            loop="auto",
            lifespan="off",
            access_log=False,
            log_level="warning",
            limit_concurrency=settings.max_connections,
            timeout_keep_alive=max(1, int(timeout)),
            server_header=False,
        )
        self.server = uvicorn.Server(config)
        uvicorn_log = logging.getLogger("uvicorn.error")
        if not any(isinstance(f, ChineseLog) for f in uvicorn_log.filters):
            uvicorn_log.addFilter(ChineseLog())
        self.thread = threading.Thread(target=self._serve, name="yuqing-webhook", daemon=True)

    @property
    def url(self) -> str:
        """Where the endpoint listens."""
        host, port = self.socket.getsockname()[:2]
        return f"http://{host!s}:{port}/mentions"

    def start(self) -> WebhookServer:
        """Serve in the background; returns once the server accepts connections."""
        self.batcher.start()
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and self.thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        if not self.server.started:
            raise RuntimeError(f"Webhook 未能在 {self.url} 启动（原因见上方日志）")
        log.info("Webhook 接收地址：%s", self.url)
        return self

    def stop(self) -> None:
        """Stop accepting, finish queued records, close the socket."""
        self.server.should_exit = True
        if self.thread.is_alive():
            self.thread.join(timeout=15)
        self.batcher.stop()
        self.socket.close()

    def _serve(self) -> None:
        try:
            self.server.run(sockets=[self.socket])
        except Exception:  # shown in the log; start() reports that it never came up
            log.exception("Webhook 服务异常停止")


def _listen(host: str, port: int) -> socket.socket:
    """A bound, listening socket (port 0 picks a free one), so the URL is known at once."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ConfigError(
            f"webhook.port：无法监听 {host}:{port}（{_socket_problem(exc)}）；请修改 webhook.port"
        ) from None
    sock.listen(2048)
    sock.setblocking(False)
    return sock
