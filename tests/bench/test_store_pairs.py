"""bench.store_pairs runs each tree's `yuqing ingest` into its own copy of one data dir: both
sides see the same store and neither writes into the original."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from bench.store_pairs import CONFIG, pair
from bench.stream_file import records

ROOT = Path(__file__).resolve().parents[2]


def _lines(path: Path, skip: int, count: int) -> Path:
    rows = [r for r in records(skip + count + 10) if isinstance(r, dict)][skip : skip + count]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _mentions(data: Path) -> int:
    with sqlite3.connect(data / "mentions.db") as db:
        return int(db.execute("SELECT COUNT(*) FROM mentions").fetchone()[0])


def test_both_sides_ingest_into_their_own_copy_of_the_store(tmp_path: Path) -> None:
    store, config = tmp_path / "store", tmp_path / "yuqing.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    first = _lines(tmp_path / "first.jsonl", 0, 20)
    command = [sys.executable, "-m", "app", "ingest", str(first), "--data-dir", str(store)]
    subprocess.run([*command, "--config", str(config)], cwd=ROOT, check=True, timeout=300)
    stored = _mentions(store)

    base, branch = pair((ROOT, ROOT), _lines(tmp_path / "next.jsonl", 20, 10), store, flip=True)

    assert base.said == branch.said and base.said.startswith("新增 ")
    assert base.cpu > 0 and branch.cpu > 0 and base.peak_mib > 0
    assert _mentions(store) == stored  # the original store is copied, never written
