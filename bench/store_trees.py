"""Every b-tree of a data dir's SQLite files, largest first: entries, pages, MiB, per mention.

    python -m bench.store_trees DATA_DIR

Read from SQLite's `dbstat` (leaf cells: rows of a table, entries of an index but the few that
sit in its interior pages; a full-text table's shadow tables are listed as they are). Entries
per mention tell which trees an ingested mention writes and how often; a tree whose keys are
random (a digest, a mention id) costs a page per insert once it outgrows its page cache, one
whose keys follow the stream (the row id, a time) writes its last page.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

FILES = ("mentions.db", "yuqing.db")
TREES = """
SELECT name, SUM(CASE WHEN pagetype = 'leaf' THEN ncell ELSE 0 END), COUNT(*), SUM(pgsize)
FROM dbstat GROUP BY name ORDER BY 4 DESC
"""


def trees(path: Path) -> list[tuple[str, str, int, int, int]]:
    """(name, table or index, entries, pages, bytes) of every b-tree of one SQLite file."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        kinds = dict(db.execute("SELECT name, type FROM sqlite_master"))
        return [
            (name, kinds.get(name, "?"), cells, pages, size)
            for name, cells, pages, size in db.execute(TREES)
        ]
    finally:
        db.close()


def main() -> None:
    folder = Path(sys.argv[1])
    db = sqlite3.connect(f"file:{folder / FILES[0]}?mode=ro", uri=True)
    (mentions,) = db.execute("SELECT COUNT(*) FROM mentions").fetchone()
    db.close()
    print(f"{mentions:,} mentions")
    for name in FILES:
        found = [t for t in trees(folder / name) if t[2]]
        print(f"\n{name}: {len(found)} b-trees holding rows")
        print("| b-tree | kind | entries | per mention | pages | MiB |")
        print("|---|---|---:|---:|---:|---:|")
        for tree, kind, cells, pages, size in found:
            per = cells / max(mentions, 1)
            print(f"| {tree} | {kind} | {cells:,} | {per:.2f} | {pages:,} | {size / 2**20:.1f} |")


if __name__ == "__main__":
    main()
