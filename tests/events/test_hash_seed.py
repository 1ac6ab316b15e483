"""Event rows do not depend on Python's hash seed: several workers, or a restarted process,
must write the same events, members, seeds and terms (byte for byte) from the same stream."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from bench import stream_file

ROOT = Path(__file__).resolve().parents[2]
TABLES = {
    "events": "id",
    "event_members": "mention_id",
    "event_seeds": "mention_id",
    "event_term_hours": "term",
}
CONFIG = 'brand: 鲜味坊\nplans:\n  - id: xwf\n    name: 鲜味坊\n    expression: "鲜味坊"\n'


def event_tables(data: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the event tables by key, without the wall-clock `updated_at`."""
    db = sqlite3.connect(f"file:{data / 'yuqing.db'}?mode=ro", uri=True)
    tables = {}
    for table, key in TABLES.items():
        cursor = db.execute(f"SELECT * FROM {table} ORDER BY {key}")
        kept = [i for i, column in enumerate(cursor.description) if column[0] != "updated_at"]
        tables[table] = [tuple(row[i] for i in kept) for row in cursor]
    db.close()
    return tables


def test_event_tables_are_the_same_under_two_hash_seeds(tmp_path: Path) -> None:
    stream, config = tmp_path / "s.jsonl", tmp_path / "cfg.yaml"
    stream_file.write(stream, 2000, [])
    config.write_text(CONFIG, encoding="utf-8")
    runs = {}
    for seed in ("1", "2"):
        data = tmp_path / f"d{seed}"
        command = ["-m", "app", "ingest", str(stream), "-c", str(config), "--data-dir", str(data)]
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        runs[seed] = (subprocess.Popen([sys.executable, *command], cwd=ROOT, env=env), data)
    for process, _ in runs.values():
        assert process.wait(timeout=240) == 0
    first, second = (event_tables(data) for _, data in runs.values())
    assert len(first["events"]) > 50 and len(first["event_seeds"]) > 100  # something to compare
    for table in TABLES:
        assert first[table] == second[table], table
