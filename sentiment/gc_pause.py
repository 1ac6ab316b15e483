"""A pause of cyclic garbage collection around classification, safe across threads."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _GcPause:
    """How many threads are inside cyclic_gc_paused, and whether the collector was on before."""

    lock = threading.Lock()
    depth = 0
    was_enabled = False


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (it was on: back on after it).

    Classification builds a dozen small objects per mention and no reference cycles, yet
    the collector's passes over them and everything older cost a quarter of its CPU; after
    the block the next pass sees the batch once. The service classifies from several
    threads: the first to enter records the collector's state and the last to leave restores
    it, under one lock, so overlapping blocks can never leave it off.
    """
    with _GcPause.lock:
        if _GcPause.depth == 0:
            _GcPause.was_enabled = gc.isenabled()
            gc.disable()
        _GcPause.depth += 1
    try:
        yield
    finally:
        with _GcPause.lock:
            _GcPause.depth -= 1
            if _GcPause.depth == 0 and _GcPause.was_enabled:
                gc.enable()
