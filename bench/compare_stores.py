"""Compare the SQLite stores of two data dirs row by row (the same input ingested by two builds).

    python -m bench.compare_stores DIR_A DIR_B

Every table of mentions.db and yuqing.db (the FTS5 vocabularies included, their shadow tables
not: the segment layout may differ where the answers do not; a contentless FTS5 table is read
through its vocabulary) is read whole, each row made a
text, and the rows sorted; the two sides must hold the same rows. What the wall clock writes is
left out: mention documents' `collected_at` and the `collected` column made of it, and columns
named `first_seen`, `created_at`, `updated_at`, `started_at`, `finished_at`, `ingested_at`, a few
tables' own clock or process columns (`TABLE_CLOCKS`), and the schema stamp (the build's paths).
Prints one line per table (rows, equal or how many rows differ) and exits 1 on any difference.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import sys
from pathlib import Path

FILES = ("mentions.db", "yuqing.db")
CLOCK_COLUMNS = {
    "collected",
    "first_seen",
    "created_at",
    "updated_at",
    "started_at",
    "finished_at",
    "ingested_at",
}
TABLE_CLOCKS = {
    "alert_rule_state": {"last_eval_at"},
    "plan_matchings": {"at"},
    "events_state": {"writer"},  # the writing process's random id
}
SKIPPED = {"yuqing_schema_stamp"}
COLLECTED_AT = re.compile(r'"collected_at":"[^"]*"')
FTS5 = re.compile(r"USING\s+fts5\(", re.IGNORECASE)
SHADOW = re.compile(r"_(data|idx|config|docsize|content)$")


def tables(db: sqlite3.Connection) -> list[str]:
    """Names of the tables to compare: every table and virtual table but FTS5 shadow tables."""
    rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    names = [name for (name,) in rows if not name.startswith("sqlite_")]
    return [n for n in names if not (SHADOW.search(n) and n.rsplit("_", 1)[0] in names)]


def fts_tables(db: sqlite3.Connection) -> set[str]:
    """The FTS5 tables themselves (contentless ones cannot be read back: skipped)."""
    rows = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
    return {name for name, sql in rows if sql and FTS5.search(sql)}


def rows_of(db: sqlite3.Connection, table: str) -> list[str]:
    """The table's rows as sorted texts, clock columns left out."""
    cursor = db.execute(f'SELECT * FROM "{table}"')
    columns = [c[0] for c in cursor.description]
    clocks = CLOCK_COLUMNS | TABLE_CLOCKS.get(table, set())
    keep = [i for i, c in enumerate(columns) if c not in clocks]
    out = []
    for row in cursor:
        text = repr(tuple(row[i] for i in keep))
        out.append(COLLECTED_AT.sub('"collected_at":-', text))
    out.sort()
    return out


def compare(left: Path, right: Path) -> int:
    """Print the per-table comparison; the number of tables that differ."""
    differing = 0
    for name in FILES:
        a, b = sqlite3.connect(left / name), sqlite3.connect(right / name)
        skip = fts_tables(a) | SKIPPED
        names = sorted(set(tables(a)) | set(tables(b)))
        for table in names:
            if table in skip:
                continue
            try:
                ra, rb = rows_of(a, table), rows_of(b, table)
            except sqlite3.OperationalError as error:
                print(f"{name}:{table}: unreadable ({error})")
                differing += 1
                continue
            digest = hashlib.sha256("\n".join(ra).encode()).hexdigest()[:12]
            if ra == rb:
                print(f"{name}:{table}: {len(ra)} rows, equal ({digest})")
            else:
                only = len(set(ra) ^ set(rb))
                print(f"{name}:{table}: {len(ra)} vs {len(rb)} rows, {only} rows differ")
                differing += 1
    return differing


def main() -> None:
    left, right = Path(sys.argv[1]), Path(sys.argv[2])
    differing = compare(left, right)
    print("identical" if not differing else f"{differing} tables differ")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
