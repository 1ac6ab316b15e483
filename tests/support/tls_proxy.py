"""A TLS-terminating TCP proxy in front of a local service (what nginx or a load balancer does in
front of a search cluster): clients speak TLS to it with its certificate, it forwards the plain
bytes to the service. Threads only; for tests."""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from tests.support.tls import ServerFiles


def _pump(source: socket.socket, target: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while chunk := source.recv(65536):
            target.sendall(chunk)
    with contextlib.suppress(OSError):
        target.shutdown(socket.SHUT_WR)


def _serve(client: socket.socket, context: ssl.SSLContext, upstream: tuple[str, int]) -> None:
    try:
        secure = context.wrap_socket(client, server_side=True)
    except (OSError, ssl.SSLError):  # the client refused our certificate: its error, not ours
        client.close()
        return
    with secure, socket.create_connection(upstream) as plain:
        back = threading.Thread(target=_pump, args=(plain, secure), daemon=True)
        back.start()
        _pump(secure, plain)
        back.join(timeout=30)


@contextmanager
def tls_proxy(files: ServerFiles, upstream: tuple[str, int]) -> Iterator[int]:
    """Listen on a free loopback port (yielded) until the block ends."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(files.cert, files.key)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            threading.Thread(target=_serve, args=(client, context, upstream), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()
