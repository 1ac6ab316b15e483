"""A process the band-generation crash test kills with SIGKILL in the middle of a merge (not
a test module): `DB` is an SQLite workflow store; the first batch's band keys are committed
to the recent table, the second batch fills it past the limit, and the process dies after
the merge moved the rows but before its transaction commits."""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

from core.db import make_engine, make_session_factory
from core.pipeline import band_generations
from core.pipeline.dedup import ContentDeduper
from tests.events.test_band_generations import LIMIT, _batch, _texts


def _die(*_: Any) -> int:
    os.kill(os.getpid(), signal.SIGKILL)
    return 0


def main(path: str) -> None:
    band_generations.RECENT_LIMIT = LIMIT
    texts = _texts(20)
    deduper = ContentDeduper(make_session_factory(make_engine(f"sqlite:///{path}")))
    deduper.split(_batch("a", texts[:10]))
    band_generations._save = _die  # type: ignore[assignment]  # rows moved, not committed
    deduper.split(_batch("b", texts[10:20]))


if __name__ == "__main__":
    main(sys.argv[1])
