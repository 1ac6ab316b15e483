"""Plan-set rows of the embedded index's rollups: the brand's side and several plans at once.

Besides a row per plan and the all-plans row (`*`), every mention adds its counts to one row
named after its exact set of plans (`=xwf,xml`; `=` for a mention of no plan). Each mention is
in exactly one set row, so a query over any union of plan sets is the sum of those rows: the
brand's side beside competitors (every set but a competitor's, SearchQuery.brand_side — the
weekly report's and 舆情态势's counts) and a query of several plans (the sets holding one of
them) are answered from the rollups, not from the base tables. The sets seen are listed in
`rollup_plan_sets` (a handful: mentions name few plans at once); a set no mention holds any
longer stays listed and adds nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable

from core.index.protocol import BrandSide, SearchQuery

PREFIX = "="
META_KEY = "rollup_plan_sets"
VERSION = "1"
NO_ROW = "!"  # a plan row nothing is written to: the rows of a query no set matches


def set_row(plans: Iterable[str]) -> str:
    """The set row of a mention of these plans (plan ids hold no '=' or ',')."""
    return PREFIX + ",".join(sorted(set(plans)))


def plans_of(row: str) -> set[str]:
    """The plans of a set row."""
    return {p for p in row[len(PREFIX) :].split(",") if p}


def is_set_row(row: str) -> bool:
    """Whether a rollup plan row is a set row (not a plan's or the all-plans row)."""
    return row.startswith(PREFIX)


def note_sets(db: sqlite3.Connection, rows: Iterable[str]) -> None:
    """List the set rows written (inside the writer's transaction)."""
    db.executemany("INSERT OR IGNORE INTO rollup_plan_sets VALUES (?)", [(r,) for r in set(rows)])


def set_rows(db: sqlite3.Connection, wanted: Callable[[set[str]], bool]) -> tuple[str, ...]:
    """The listed set rows whose plans satisfy `wanted` (NO_ROW alone when none does)."""
    rows = [r for (r,) in db.execute("SELECT plan FROM rollup_plan_sets") if wanted(plans_of(r))]
    return tuple(sorted(rows)) or (NO_ROW,)


def rows_of(db: sqlite3.Connection, query: SearchQuery) -> tuple[str, ...] | None:
    """The set rows answering a query's plan filter: its brand side, or several plans (None
    for a query of one plan or of every plan, answered by that plan's or the `*` row, and
    for a brand side together with plans)."""
    side: BrandSide | None = query.brand_side
    if side is not None:
        return None if query.plans else set_rows(db, side.admits)
    if len(query.plans) > 1:
        chosen = set(query.plans)
        return set_rows(db, lambda plans: bool(plans & chosen))
    return None


def ensure_plan_sets(
    db: sqlite3.Connection, backfill: Callable[[sqlite3.Connection], None]
) -> None:
    """Rebuild, once, the rollups of a file written before set rows existed (from its base
    tables; the set list, rollup_plan_sets, is in sqlite_schema)."""
    with db:
        db.execute("BEGIN IMMEDIATE")  # one opener builds, the others wait and see it done
        found = db.execute("SELECT value FROM index_meta WHERE key = ?", (META_KEY,)).fetchone()
        if found and found[0] == VERSION:
            return
        if db.execute("SELECT 1 FROM mentions LIMIT 1").fetchone() is not None:
            backfill(db)
        db.execute(
            "INSERT INTO index_meta VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value",
            (META_KEY, VERSION),
        )
