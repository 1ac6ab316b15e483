"""Dedup alone on the streaming-ingest file: how its CPU per mention grows with the store.

The mentions of bench/stream_file.py (BENCH_DEDUP_LINES, default 100000) are parsed and
normalised first (not timed), then go through ContentDeduper in batches of 500, as
`yuqing ingest` sends them, against a fresh SQLite workflow store. Per 10k-mention window:
CPU ms per mention of the whole dedup stage, of its commits (from the DB-API commit to the
end of the batch: WAL writes and checkpoints), and near-duplicate representatives fetched
per batch. BENCH_DEDUP_GROUPS=FILE writes (mention id, group id or "flood") pairs there, so
two versions of the code can be compared decision by decision.
"""

from __future__ import annotations

import gc
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bench import stream_file
from core.db import Base, make_engine, make_session_factory
from core.intake import read_records
from core.models import Mention
from core.pipeline import neardup
from core.pipeline.dedup import ContentDeduper
from core.pipeline.dedup_tables import AuthorCopy, NearBand, NearGroup, SimilarityGroup
from core.pipeline.normalize import RejectedMention, normalize

LINES = int(os.environ.get("BENCH_DEDUP_LINES", "100000"))
BATCH = 500
WINDOW = 10_000


def mentions(folder: Path) -> list[Mention]:
    """The stream file's mentions, normalised as the pipeline does before dedup."""
    path = folder / "stream.jsonl"
    stream_file.write(path, LINES, [])
    found = []
    for record in read_records(path):
        if record.mention is None:
            continue
        try:
            found.append(normalize(record.mention))
        except RejectedMention:
            continue
    return found


def main() -> None:
    """Print dedup CPU per mention, commit CPU and representatives per batch, per window."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        stream = mentions(folder)
        engine = make_engine(f"sqlite:///{folder / 'workflow.db'}")
        tables = [AuthorCopy, SimilarityGroup, NearGroup, NearBand]
        Base.metadata.create_all(engine, tables=[t.__table__ for t in tables])  # type: ignore[misc]
        committed = [0.0]
        event.listen(engine, "commit", lambda _conn: committed.__setitem__(0, time.process_time()))
        fetched = _count_representatives()
        deduper = ContentDeduper(make_session_factory(engine))
        gc.collect()
        gc.freeze()  # as `yuqing ingest` does: full GC passes skip the parsed stream
        rows: list[tuple[float, float, int]] = []
        decisions: list[tuple[str, str | None]] = []
        for start in range(0, len(stream), BATCH):
            before, started = fetched[0], time.process_time()
            kept, floods = deduper.split(stream[start : start + BATCH])
            ended = time.process_time()
            rows.append((ended - started, ended - committed[0], fetched[0] - before))
            decisions += [(m.id, m.group_id) for m in kept] + [(m.id, "flood") for m in floods]
        gc.unfreeze()
    _print(rows, len(stream))
    if target := os.environ.get("BENCH_DEDUP_GROUPS"):
        Path(target).write_text(json.dumps(sorted(decisions)), encoding="utf-8")


def _count_representatives() -> list[int]:
    """A counter of representatives each NearMatcher fetched (the class is wrapped)."""
    count = [0]
    original = neardup.NearMatcher.__init__

    def counting(self: neardup.NearMatcher, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        count[0] += len(self.representatives)

    neardup.NearMatcher.__init__ = counting  # type: ignore[method-assign]
    return count


def _print(rows: list[tuple[float, float, int]], total: int) -> None:
    print(f"{total:,} mentions, load average {os.getloadavg()[0]:.1f}")
    print("| mentions | dedup CPU ms / mention | of it commits | representatives / batch |")
    print("|---:|---:|---:|---:|")
    per_window = WINDOW // BATCH
    for first in range(0, len(rows) - per_window + 1, per_window):
        window = rows[first : first + per_window]
        mentions = len(window) * BATCH
        cpu = 1000 * sum(r[0] for r in window) / mentions
        commit = 1000 * sum(r[1] for r in window) / mentions
        fetched = sum(r[2] for r in window) / len(window)
        print(f"| {(first + per_window) * BATCH:,} | {cpu:.3f} | {commit:.3f} | {fetched:,.0f} |")
    print(f"whole run: {sum(r[0] for r in rows):.1f} CPU s, commits {sum(r[1] for r in rows):.1f}")


if __name__ == "__main__":
    main()
