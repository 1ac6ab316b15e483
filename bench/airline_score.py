"""Scoring a classified airline week against its truth (bench/airline_week.py; not shipped).

Per part (dev, test), per kind and for the complaints that are no product defect (the telecom
week's 乱扣费, contracts, refunds, staff): category right, complaints caught, non-complaints
flagged, neutral posts called negative, sentiment right, urgency level right, urgent posts (gold
严重 or 紧急) found urgent, and calm posts (gold 一般) raised to 严重 or above.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench import week_kit as kit

URGENT = {"high", "critical"}


def write_truth(out: Path, truth: dict[str, Any]) -> None:
    """Write each original post's truth (a dataclass per native id) beside the week `out`."""
    with out.with_suffix(".truth.jsonl").open("w", encoding="utf-8") as handle:
        for native_id, gold in truth.items():
            row = {"native_id": native_id, **asdict(gold)}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _tally(counts: Counter[str], gold: dict[str, Any], row: dict[str, Any]) -> None:
    label = (row.get("sentiment") or {}).get("label")
    flagged = bool((row.get("complaint") or {}).get("flag"))
    level = (row.get("urgency") or {}).get("level")
    counts["n"] += 1
    counts["category"] += row.get("category") == gold["category"]
    counts["sentiment"] += label == gold["sentiment"]
    counts["urgency"] += level == gold["urgency"]
    if gold["complaint"]:
        counts["complaints"] += 1
        counts["caught"] += flagged
    else:
        counts["others"] += 1
        counts["false_flag"] += flagged
    if gold["sentiment"] == "neutral":
        counts["neutral"] += 1
        counts["neutral_negative"] += label == "negative"
    if gold["urgency"] in URGENT:
        counts["urgent"] += 1
        counts["urgent_found"] += level in URGENT
    if gold["urgency"] == "low":
        counts["calm"] += 1
        counts["calm_raised"] += level in URGENT
    counts[f"→{row.get('category')}"] += 1


def _ratio(counts: Counter[str], part: str, whole: str) -> str:
    return f"{counts[part] / counts[whole]:.3f}" if counts[whole] else "  -  "


def _line(name: str, c: Counter[str], mix: bool) -> str:
    cells = [
        _ratio(c, "category", "n"),
        _ratio(c, "caught", "complaints"),
        _ratio(c, "false_flag", "others"),
        _ratio(c, "neutral_negative", "neutral"),
        _ratio(c, "sentiment", "n"),
        _ratio(c, "urgency", "n"),
        _ratio(c, "urgent_found", "urgent"),
        _ratio(c, "calm_raised", "calm"),
    ]
    found = " ".join(f"{k[1:]} {v}" for k, v in c.most_common() if k.startswith("→"))
    return (
        f"{name:<18}{c['n']:>5}" + "".join(f"{x:>9}" for x in cells) + (f"  {found}" if mix else "")
    )


def score(classified: Path, truth_path: Path) -> int:
    """Print the agreement of a `yuqing classify` output with the week's truth."""
    truth = {}
    for line in truth_path.open(encoding="utf-8"):
        row = json.loads(line)
        truth[row["native_id"]] = row
    per: dict[tuple[str, str], Counter[str]] = {}
    # complaints that are no product defect (fees, contracts, refunds, staff; issue #13)
    not_quality: dict[str, Counter[str]] = {"dev": Counter(), "test": Counter()}
    for line in classified.open(encoding="utf-8"):
        row = json.loads(line)
        gold = truth.get(row["native_id"])
        if gold is None:
            continue
        _tally(per.setdefault((gold["split"], gold["kind"]), Counter()), gold, row)
        if gold["complaint"] and gold["category"] != "product_quality":
            _tally(not_quality[gold["split"]], gold, row)
    head = ["category", "caught", "falseflg", "neu→neg", "sentim", "urgency", "urgent", "calm↑"]
    print(f"{'kind':<18}{'n':>5}" + "".join(f"{h:>9}" for h in head))
    for split in ("dev", "test"):
        kinds = sorted(kind for s, kind in per if s == split)
        print(f"— {split} —")
        for kind in kinds:
            print(_line(kind, per[(split, kind)], mix=True))
        total: Counter[str] = sum((per[(split, k)] for k in kinds), Counter())
        print(_line(f"{split} all", total, mix=False))
        print(_line(f"{split} non-quality", not_quality[split], mix=False))
    kit.polarity_report(truth, classified)
    return 0
