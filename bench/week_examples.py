"""The written weeks' original posts with their gold labels, as training or scoring rows
(issue #13, bench/week_category_lowo.py; not shipped).

Each week is written by its own script with its fixed seed (`python -m bench.<week>_week`), so
the rows are the same on every run. A row's text is what `classify` reads (title and text).
The car week (bench/auto_week.py) has no dev/test halves and no complaint field: all its posts
are `all`, and a post complains when its gold category is not `other`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from core.models import Mention

WEEKS = ("airline", "telecom", "school", "phone", "appliance", "courier", "ride", "auto")


@dataclass(frozen=True)
class WeekPost:
    """One original post of a written week and what its PR manager says about it."""

    week: str
    native_id: str
    text: str
    split: str  # dev, test, or all (the car week)
    complaint: bool
    category: str
    mention: Mention


def week_path(directory: Path, week: str) -> Path:
    """Where the week's JSONL is written (its truth beside it)."""
    return directory / f"{week}_week.jsonl"


def write_week(directory: Path, week: str) -> Path:
    """Write the week with its script's fixed seed (a fresh process: the scripts keep their
    truth in module state); the week's path."""
    out = week_path(directory, week)
    if not out.with_suffix(".truth.jsonl").exists():
        command = [sys.executable, "-m", f"bench.{week}_week", str(out)]
        subprocess.run(command, check=True, capture_output=True)
    return out


def week_posts(directory: Path, week: str) -> list[WeekPost]:
    """The week's original posts that have a truth, in publication order."""
    path = write_week(directory, week)
    truth = {}
    for line in path.with_suffix(".truth.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        truth[row["native_id"]] = row
    posts = []
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        gold = truth.get(record["native_id"])
        if gold is None:
            continue
        mention = Mention.model_validate(record)
        complaint = gold.get("complaint", gold["category"] != "other")
        posts.append(
            WeekPost(
                week=week,
                native_id=record["native_id"],
                text=mention.full_text,
                split=gold.get("split", "all"),
                complaint=bool(complaint),
                category=gold["category"],
                mention=mention,
            )
        )
    return posts
