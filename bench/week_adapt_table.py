"""The tables of `bench.week_adapt`'s result files: per week and N, the test half before →
after (mean ± spread over seeds), the mean over weeks, the collateral; and two runs (main's code
and a branch's) side by side.

    python -m bench.week_adapt --table F [F ...]
    python -m bench.week_adapt --compare MAIN BRANCH
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bench.week_adapt import METRICS, WEEKS


def _spread(values: Sequence[float]) -> str:
    return f"{np.mean(values):.3f} ± {(max(values) - min(values)) / 2:.3f}"


def _mean_over(rows: Sequence[dict[str, Any]], part: str, metric: str) -> float:
    """A row's `part` (others_before/after) metric averaged over the other weeks."""
    return float(np.mean([[r[part][w][metric] for w in r[part]] for r in rows if part in r]))


def print_table(paths: Sequence[Path]) -> None:
    """Markdown tables: per week and N, test half before → after (mean ± spread over seeds),
    then the mean over weeks, then the collateral."""
    rows = [json.loads(line) for p in paths for line in p.open(encoding="utf-8")]
    keys: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for r in rows:
        keys.setdefault((r["week"], r["n"]), []).append(r)
    print(
        "| week | N drawn | corrections stored (sent./flag/cat.) | category on complaints "
        "| complaints flagged | false flags | neutral → negative | category, all posts | gate "
        "| other weeks: category "
        "| other weeks: false flags |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (week, n), group in keys.items():
        before = group[0]["before"]
        stored = "/".join(
            f"{np.mean([g['stored'][f] for g in group]):.0f}"
            for f in ("sentiment", "complaint", "category")
        )
        cells = [f"{before[m]:.3f} → {_spread([g['after'][m] for g in group])}" for m in METRICS]
        others = [
            f"{_mean_over(group, 'others_before', m):.3f} → "
            f"{_mean_over(group, 'others_after', m):.3f}"
            if any("others_after" in g for g in group)
            else ""
            for m in ("category", "false_flag")
        ]
        gate = np.mean([g["gate"] for g in group])
        print(
            f"| {week} | {n} | {stored} | "
            + " | ".join(cells)
            + f" | {gate:.2f} | "
            + " | ".join(others)
            + " |"
        )
    print(
        "\nMean over weeks (each week's mean over seeds; N above a week's dev half: all of it):\n"
    )
    print(
        "| N | weeks | category on complaints | complaints flagged | false flags "
        "| neutral → negative | category, all posts |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    by_size: dict[int, dict[str, list[dict[str, Any]]]] = {}
    for r in rows:
        by_size.setdefault(r["size"], {}).setdefault(r["week"], []).append(r)
    for size, weeks in sorted(by_size.items()):
        cells = []
        for m in METRICS:
            b = [g[0]["before"][m] for g in weeks.values()]
            a = [float(np.mean([r["after"][m] for r in g])) for g in weeks.values()]
            cells.append(f"{np.mean(b):.3f} → {np.mean(a):.3f} (weeks {min(a):.3f}–{max(a):.3f})")
        print(f"| {size} | {len(weeks)} | " + " | ".join(cells) + " |")
    corpora = [r for r in rows if "corpora_after" in r]
    if corpora:
        print(
            "\nPublic corpora, fixed held-out side ('all' row), base → adapted "
            "(largest N, seed 1):\n"
        )
        print("| adapted on | " + " | ".join(corpora[0]["corpora_before"]) + " |")
        print("|---|" + "---:|" * len(corpora[0]["corpora_before"]))
        for r in corpora:
            b, a = r["corpora_before"], r["corpora_after"]
            print(
                f"| {r['week']} (N={r['n']}) | "
                + " | ".join(f"{b[k]:.3f} → {a[k]:.3f}" for k in b)
                + " |"
            )


def print_comparison(first: Path, second: Path) -> None:
    """Two runs side by side (e.g. main's code and a branch's, same session): per week and N,
    the test half before any correction, after with each (mean over the seeds both ran)."""
    runs = [[json.loads(line) for line in p.open(encoding="utf-8")] for p in (first, second)]
    means: list[dict[tuple[str, int], dict[str, float]]] = []
    for rows in runs:
        grouped: dict[tuple[str, int], list[dict[str, Any]]] = {}
        for r in rows:
            grouped.setdefault((r["week"], r["size"]), []).append(r)
        means.append(
            {
                k: {m: float(np.mean([r["after"][m] for r in g])) for m in METRICS}
                for k, g in grouped.items()
            }
        )
    befores = {(r["week"], r["size"]): r["before"] for r in runs[0]}
    names = f"{first.stem} / {second.stem}"
    print(f"| week | N | category on complaints: before → {names} | false flags |")
    print("|---|---:|---:|---:|")
    shared = [k for k in means[0] if k in means[1]]
    for key in sorted(shared, key=lambda k: (k[1], WEEKS.index(k[0]))):
        cells = [
            f"{befores[key][m]:.3f} → {means[0][key][m]:.3f} / {means[1][key][m]:.3f}"
            for m in ("category", "false_flag")
        ]
        print(f"| {key[0]} | {key[1]} | " + " | ".join(cells) + " |")
    for size in sorted({k[1] for k in shared}):
        keys = [k for k in shared if k[1] == size]
        gain = [means[1][k]["category"] - means[0][k]["category"] for k in keys]
        up = sum(g > 0 for g in gain)
        print(
            f"\nN = {size}: {second.stem} − {first.stem}, category on complaints "
            f"{100 * np.mean(gain):+.1f} ± {100 * np.std(gain):.1f} pt over {len(keys)} weeks "
            f"({up} up, {sum(g < 0 for g in gain)} down)"
        )
