"""Server-side script time per page run, written where YUQING_DASHBOARD_TIMINGS points.

The browser benchmark reads these lines to report how long Streamlit spent running each page
(less sensitive to machine load than the browser's wall time). With YUQING_DASHBOARD_PROFILE
set to a directory, each run is also profiled there (`<page>-<n>.prof`, for pstats/snakeviz).
Without the variables nothing is written.
"""

from __future__ import annotations

import cProfile
import itertools
import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV = "YUQING_DASHBOARD_TIMINGS"
PROFILE_ENV = "YUQING_DASHBOARD_PROFILE"
_lock = threading.Lock()
_runs = itertools.count(1)


@contextmanager
def timed(page: str, started: float | None = None) -> Iterator[None]:
    """Time one script run of `page` from `started` (also when it stops or switches pages)."""
    started = time.perf_counter() if started is None else started
    folder = os.environ.get(PROFILE_ENV)
    profile = cProfile.Profile() if folder else None
    if profile:
        profile.enable()
    try:
        yield
    finally:
        record(page, time.perf_counter() - started)
        if profile and folder:
            profile.disable()
            profile.dump_stats(Path(folder) / f"{page}-{next(_runs)}.prof")


def record(page: str, seconds: float) -> None:
    """Append {"page", "seconds", "at"} as one JSON line (no-op unless the variable is set)."""
    target = os.environ.get(ENV)
    if not target:
        return
    line = json.dumps({"page": page, "seconds": round(seconds, 4), "at": time.time()})
    with _lock, open(target, "a", encoding="utf-8") as out:
        out.write(line + "\n")
