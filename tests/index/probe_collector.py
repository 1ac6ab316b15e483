"""A collector for the worker tests: logs each collection (source, worker, start, end) to a
file and yields one new mention per run."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime

from collectors.base import Batch, Collector, CollectRequest
from core.models import Mention


class ProbeCollector(Collector):
    """Takes `options.seconds` per run; appends a line per run to `options.log`."""

    type_name = "probe"

    def collect(self, request: CollectRequest) -> Iterator[Batch]:
        """One mention per run, cursor = run number."""
        started = time.time()
        time.sleep(float(self.source.options.get("seconds", 0.3)))
        run = int(request.cursor or 0) + 1
        native = f"{os.getpid()}-{run}-{time.time_ns()}"
        mention = Mention(
            source=self.source.name,
            native_id=native,
            text=f"探针 {self.source.name} 第{run}次",
            published_at=datetime.now(UTC),
        )
        line = f"{self.source.name} {os.getpid()} {started:.3f} {time.time():.3f} {mention.id}\n"
        with open(self.source.options["log"], "a", encoding="utf-8") as log:
            log.write(line)
        yield Batch(mentions=[mention], cursor=str(run))
