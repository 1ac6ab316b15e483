"""Two-dimension rollups of the embedded index (e.g. region × sentiment) in `rollup_hourly`.

A pair dimension's value joins both values with a unit separator ("negative\x1f广东"), so a
query filtered on one of them and split by the other (the province map's negative share) is
answered from the rollups instead of the base tables. Writes keep them current with the other
rollups (sqlite_rollups.apply); a file written before a pair existed gets it once, at open.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

SEP = "\x1f"
# (first dim, second dim) → pair dimension name; values are "<first>\x1f<second>".
PAIRS: dict[tuple[str, str], str] = {("sentiment", "region"): "sentiment_region"}
META_KEY = "rollup_pairs"
VERSION = ",".join(sorted(PAIRS.values()))
_FIRST = f"substr(value, 1, instr(value, char({ord(SEP)})) - 1)"
_SECOND = f"substr(value, instr(value, char({ord(SEP)})) + 1)"
# The UTC hour number of a publication time (floor, also before 1970), as sqlite_rollups.hour_of.
_HOUR = (
    "(CAST(m.published / 3600 AS INTEGER)"
    " - (m.published < CAST(m.published / 3600 AS INTEGER) * 3600))"
)


def pair_cells(values: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The pair-dimension cells of one mention's (dim, value) cells."""
    found = dict(values)
    return tuple(
        (name, f"{found[first]}{SEP}{found[second]}")
        for (first, second), name in PAIRS.items()
        if first in found and second in found
    )


def pair_source(
    plan: tuple[str, list[Any]], dim: str, values: Sequence[str], split: str
) -> tuple[str, str, list[Any]] | None:
    """(table and WHERE, group column, params) for `dim IN values` split by `split`, or None;
    `plan`: the SQL and params selecting the plan rows."""
    for (first, second), name in PAIRS.items():
        if (dim, split) == (first, second):
            filtered, group = _FIRST, _SECOND
        elif (dim, split) == (second, first):
            filtered, group = _SECOND, _FIRST
        else:
            continue
        marks = ",".join("?" * len(values))
        where = f"rollup_hourly WHERE {plan[0]} AND dim = ? AND {filtered} IN ({marks})"
        return where, group, [*plan[1], name, *values]
    return None


def ensure_pairs(db: sqlite3.Connection) -> None:
    """Build the pair rollups of a file written before them, from the base tables (once)."""
    with db:
        db.execute("BEGIN IMMEDIATE")  # one opener builds, the others wait and see it done
        found = db.execute("SELECT value FROM index_meta WHERE key = ?", (META_KEY,)).fetchone()
        if found and found[0] == VERSION:
            return
        for (first, second), name in PAIRS.items():
            db.execute("DELETE FROM rollup_hourly WHERE dim = ?", (name,))
            value = f"COALESCE(m.{first}, '') || char({ord(SEP)}) || COALESCE(m.{second}, '')"
            db.execute(
                "INSERT INTO rollup_hourly (dim, plan, hour, value, n)"
                f" SELECT ?, '*', {_HOUR} AS h, {value} AS v, COUNT(*) FROM mentions m"
                " GROUP BY h, v",
                (name,),
            )
            db.execute(
                "INSERT INTO rollup_hourly (dim, plan, hour, value, n)"
                f" SELECT ?, p.plan, {_HOUR} AS h, {value} AS v, COUNT(*) FROM mentions m"
                " JOIN (SELECT DISTINCT rid, plan FROM mention_plans) p ON p.rid = m.rid"
                " GROUP BY p.plan, h, v",
                (name,),
            )
        db.execute(
            "INSERT INTO index_meta VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value",
            (META_KEY, VERSION),
        )
        # The plan-set rows of a new pair are built with every other rollup (sqlite_plansets).
        db.execute("DELETE FROM index_meta WHERE key = 'rollup_plan_sets'")
