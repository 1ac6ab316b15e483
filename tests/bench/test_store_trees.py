"""bench.store_trees counts each b-tree's entries: a table's rows and an index's keys, one per
row, and a WITHOUT ROWID table as a single tree."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.store_trees import trees


def test_every_tree_and_its_entries(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE copies (digest TEXT PRIMARY KEY, owner TEXT)")
    db.execute("CREATE TABLE bands (band INTEGER PRIMARY KEY, owner TEXT)")
    db.execute("CREATE TABLE keys (key TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID")
    db.execute("CREATE INDEX bands_owner ON bands (owner)")
    with db:
        db.executemany("INSERT INTO copies VALUES (?, ?)", [(f"{n:040x}", "m") for n in range(700)])
        db.executemany("INSERT INTO bands VALUES (?, ?)", [(n, f"g{n % 9}") for n in range(300)])
        db.executemany("INSERT INTO keys VALUES (?, ?)", [(f"k{n}", n) for n in range(50)])
    db.close()

    found = {name: (kind, entries) for name, kind, entries, _pages, _size in trees(path)}

    assert found["copies"] == ("table", 700)
    assert found["sqlite_autoindex_copies_1"][1] >= 700 - 10  # interior cells hold a few keys
    assert found["sqlite_autoindex_copies_1"][1] <= 700
    assert found["bands"] == ("table", 300)  # INTEGER PRIMARY KEY: the rowid, no second tree
    assert "sqlite_autoindex_bands_1" not in found
    assert found["bands_owner"][0] == "index"
    assert found["keys"] == ("table", 50)
    assert "sqlite_autoindex_keys_1" not in found
