"""The tables of bench/week_encoder_lowo.py's result lines (issue #13, round 33; not shipped):
each fold's configuration chosen on the other folds' dev halves, the encoder alone and blended
into the full classifier, beside round 32's n-gram refit on the same folds.

    python -m bench.week_encoder_lowo table FILE [NGRAM_FILE]
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.week_encoder_lowo import WEEKS


def _spread(values: Sequence[float]) -> str:
    values = [v for v in values if v == v]  # folds without a figure (nan) are left out
    if not values:
        return "-"
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    up = sum(v > 0 for v in values)
    return f"{100 * statistics.fmean(values):+.1f} ± {100 * sd:.1f} pt ({up}/{len(values)} up)"


def _choose(rows: list[dict[str, Any]], week: str, key: Any) -> dict[str, Any]:
    """Among `rows` of `week`, the one whose configuration has the best mean of key(row) on the
    other folds with halves (their dev halves)."""
    means: dict[tuple[float, float], list[float]] = defaultdict(list)
    for r in rows:
        if r["week"] != week and "dev" in r["shipped"]:
            means[(r["C"], r["omega"])].append(key(r))
    best = max(means, key=lambda k: statistics.fmean(means[k]))
    return next(r for r in rows if r["week"] == week and (r["C"], r["omega"]) == best)


def table(path: Path, ngram_path: Path | None) -> None:
    """The per-week tables, each fold's choice made on the other folds' dev halves."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    refit, shipped_heads = {}, {}
    if ngram_path:
        for line in ngram_path.open(encoding="utf-8"):
            r = json.loads(line)
            refit[r["week"]] = r["after"]
            shipped_heads[r["week"]] = r["shipped"]
    weeks = [w for w in WEEKS if any(r["week"] == w for r in rows)]

    def half(part: dict[str, float], name: str) -> float:
        return part.get(name, part.get(name.replace("test", "all").replace("dev", "all"), 0.0))

    for test in ("test", "dev"):
        print(f"(a) alone (no rules), category right on the held-out week's complaints, {test}")
        print(
            "| week | C | ω | shipped heads | n-gram heads + other weeks (r32) | "
            "encoder + other weeks | gain on shipped | gain on r32 |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        gains, ngains = [], []
        for week in weeks:
            r = _choose(rows, week, lambda r: r["alone"]["dev"])
            nan = float("nan")
            ng = half(refit[week], f"{test}_model") if week in refit else nan
            heads = half(shipped_heads[week], f"{test}_model") if week in refit else nan
            mine = half(r["alone"], test)
            if "dev" in r["shipped"]:
                gains.append(mine - heads)
                ngains.append(mine - ng)
            print(
                f"| {week} | {r['C']:g} | {r['omega']:g} | {heads:.3f} | {ng:.3f} | {mine:.3f} | "
                f"{mine - heads:+.3f} | {mine - ng:+.3f} |"
            )
        print(f"| mean ± sd (with halves) | | | | | | {_spread(gains)} | {_spread(ngains)} |\n")
    # (b) a configuration is (C, ω, m, where); flatten the mixes
    flat = []
    for r in rows:
        for name, part in r["mixes"].items():
            flat.append({**r, "omega": (r["omega"], name), "part": part})
    print("\n(b) every configuration, mean gain over the shipped on the weeks with halves")
    print("| C, ω, m_where | dev | test | test complaints |")
    print("|---|---:|---:|---:|")
    configs = sorted({(r["C"], r["omega"]) for r in flat if "dev" in r["shipped"]}, key=str)
    for config in configs:
        chosen = [r for r in flat if (r["C"], r["omega"]) == config and "dev" in r["shipped"]]
        cells = [
            _spread([r["part"][k] - r["shipped"][k] for r in chosen])
            for k in ("dev", "test", "test_complaints")
        ]
        print(f"| {config[0]:g}, {config[1][0]:g}, {config[1][1]} | " + " | ".join(cells) + " |")
    for metric in ("test", "test_complaints", "dev", "dev_complaints"):
        print(f"\n(b) blended into the full classifier: category right, {metric}")
        print(
            "| week | choice (C, ω, m_where) | shipped | + encoder | gain | r32 refit ×30 | gain |"
        )
        print("|---|---|---:|---:|---:|---:|---:|")
        gains, ngains = [], []
        for week in weeks:
            r = _choose(flat, week, lambda r: r["part"]["dev"])
            base = half(r["shipped"], metric)
            mine = half(r["part"], metric)
            ng = half(refit[week], metric) if week in refit else float("nan")
            if "dev" in r["shipped"]:
                gains.append(mine - base)
                ngains.append(ng - base)
            print(
                f"| {week} | {r['C']:g}, {r['omega'][0]:g}, {r['omega'][1]} | {base:.3f} | "
                f"{mine:.3f} | {mine - base:+.3f} | {ng:.3f} | {ng - base:+.3f} |"
            )
        print(f"| mean ± sd (weeks with halves) | | | | {_spread(gains)} | | {_spread(ngains)} |")
