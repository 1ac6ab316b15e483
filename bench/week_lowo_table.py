"""The leave-one-week-out table of bench/week_category_lowo.py's result lines (not shipped).

Figures per half: category right on every original post (`test`), on the complaints only
(`test_complaints`), and the model alone on the complaints (`test_model`: best category
column, no rules). The week weight is chosen by the mean over folds of the dev halves' category
accuracy (the car week has no halves and is left out of the choice); the test halves are only
reported.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def option(argv: list[str], name: str, default: str) -> str:
    """The value after `name` on the command line, or `default`."""
    return argv[argv.index(name) + 1] if name in argv else default


def load(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """Every result line of the files."""
    return [json.loads(line) for path in paths for line in path.open(encoding="utf-8")]


def _half(row: dict[str, Any], model: str, half: str) -> float | None:
    """The figure of `half` (test, dev_model, …); the car week's `all` counterpart."""
    part = row[model]
    suffix = half.partition("_")[2]
    return part.get(half, part.get(f"all_{suffix}" if suffix else "all"))


def _spread(values: Sequence[float]) -> str:
    if not values:
        return "-"
    mean = statistics.fmean(values)
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{mean:+.3f} ± {sd:.3f}"


def chosen_weight(rows: Sequence[dict[str, Any]]) -> float:
    """The weight with the best mean dev-half category accuracy over the folds with halves."""
    means = {}
    for weight in sorted({r["weight"] for r in rows}):
        dev = [r["after"]["dev"] for r in rows if r["weight"] == weight and "dev" in r["after"]]
        means[weight] = statistics.fmean(dev)
        print(f"weight {weight:g}: mean dev-half category {means[weight]:.4f} ({len(dev)} folds)")
    return max(means, key=lambda w: means[w])


def print_table(paths: Sequence[Path]) -> None:
    """Markdown table per week: shipped / refit without weeks / with the other weeks."""
    rows = load(paths)
    best = chosen_weight(rows)
    print(f"chosen weight (by dev halves): {best:g}\n")
    halves = ("test", "dev", "test_complaints", "dev_complaints", "test_model", "dev_model")
    for half in halves:
        print(f"| week ({half}) | extra rows | shipped | refit | + other weeks ×{best:g} | gain |")
        print("|---|---:|---:|---:|---:|---:|")
        gains = []
        for row in sorted((r for r in rows if r["weight"] == best), key=lambda r: r["week"]):
            shipped, before, after = (_half(row, m, half) for m in ("shipped", "before", "after"))
            if before is None or after is None or shipped is None:
                continue
            if "dev" in row["after"]:  # the car week (all its posts) is listed, not averaged
                gains.append(after - before)
            print(
                f"| {row['week']} | {row['extra']} | {shipped:.3f} | {before:.3f} | "
                f"{after:.3f} | {after - before:+.3f} |"
            )
        print(f"| mean ± sd over weeks with halves | | | | | {_spread(gains)} |\n")
