"""One Twisted reactor for the whole process, running in a daemon thread.

Twisted's reactor cannot be restarted and must not block the APScheduler worker threads
that run collectors. So the first Scrapy collector starts the (default, epoll) reactor in
a dedicated daemon thread with `installSignalHandlers=False`; every crawl is then launched
on it with `blockingCallFromThread` and reports back through a thread-safe queue
(collectors/crawl_feed.py). Scrapy's asyncio reactor is deliberately not used: it would
bind an asyncio loop that other parts of the process (uvicorn, aiosmtpd in tests) own.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_lock = threading.Lock()
_thread: threading.Thread | None = None
START_TIMEOUT = 10.0


def _reactor() -> Any:
    from twisted.internet import reactor

    return reactor


def ensure_reactor() -> None:
    """Start the reactor thread once; later calls return at once."""
    global _thread
    with _lock:
        reactor = _reactor()
        if reactor.running:
            return
        _thread = threading.Thread(
            target=reactor.run,
            kwargs={"installSignalHandlers": False},
            name="scrapy-reactor",
            daemon=True,
        )
        _thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not reactor.running:
            if time.monotonic() > deadline:
                raise RuntimeError("采集引擎（Twisted reactor 线程）未能启动")
            time.sleep(0.01)


def call_in_reactor(function: Callable[..., T], *args: Any) -> T:
    """Run function in the reactor thread and wait for its result (Deferreds are awaited)."""
    from twisted.internet.threads import blockingCallFromThread

    ensure_reactor()
    result: T = blockingCallFromThread(_reactor(), function, *args)
    return result


def schedule_in_reactor(function: Callable[..., Any], *args: Any) -> None:
    """Ask the reactor thread to run function soon; do not wait."""
    _reactor().callFromThread(function, *args)
