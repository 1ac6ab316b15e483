"""Learning from corrections on a written week (issue #13; not shipped): "we are a gym chain; our
PR staff correct N of the mistakes they see in week one; how good is the category on what comes
next?"

Per written week with dev and test halves (different templates): the shipped classifier, with
the week's industry detector switched off (`week_category_lowo.rules_off`: closer to the week
before its rules; round 35 measured the gym week before its rules were merged) decides every
post once. Per seed N dev posts are drawn; where the classifier's sentiment, complaint flag or
category differs from the week's truth, staff store that field's correction (what they do on
the mentions they read). `fit_adapter` fits on them exactly as `yuqing train adapt` does: a
category other than `other` also says "is a complaint", posts filed on a complaint platform
are decided as filed, and the week's uncorrected dev posts (newest 1,000, not filed) anchor
the fit as the deployment's stream. Then the test half, never corrected, is scored with the
adapted model: category right on complaints, complaints flagged, false flags (non-complaints
flagged) and neutral posts called negative. Collateral (at the largest N, first seed): the
other weeks' test halves (category right on complaints, false flags) and the public corpora's
fixed held-out side (bench_classify's table) with the adapted model.

    python -m bench.week_adapt [--weeks gym,ride] [--sizes 50,200,1000] [--seeds 1,2,3]
        [--no-corpora] [--out FILE]
    python -m bench.week_adapt --table FILE
    python -m bench.week_adapt --compare MAIN_FILE BRANCH_FILE

One process per week (the rules switch is process-wide); rows are appended to FILE as JSON.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import json
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from bench.week_examples import WeekPost, week_posts
from bench.week_lowo_table import option
from core.enums import Category, Channel, SentimentLabel
from sentiment.adaptation.gate import Background
from sentiment.adaptation.service import STREAM_ANCHORS, fit_adapter
from sentiment.decisions import COMPLAINT_THRESHOLD, TextDecisions, decide
from sentiment.features import fold, normalize_folded
from sentiment.model import LinearHashModel, LoadedModels, load_models

DIRECTORY = Path("/tmp/week_adapt")
# The written weeks with dev and test halves (the car week has none).
WEEKS = (
    "gym",
    "airline",
    "telecom",
    "school",
    "phone",
    "appliance",
    "courier",
    "ride",
    "estate",
    "game",
)
SIZES = (50, 200, 1000)
SEEDS = (1, 2, 3)
METRICS = ("category", "caught", "false_flag", "neutral_negative", "category_all")


@dataclass(frozen=True)
class Gold:
    """What the week's PR manager says about one post (its truth row)."""

    sentiment: SentimentLabel
    complaint: bool
    category: Category


@dataclass(frozen=True)
class Week:
    """A week's original posts with their truth, the texts `classify` reads, and whether each
    was filed on a complaint platform."""

    name: str
    posts: Sequence[WeekPost]
    gold: Sequence[Gold]

    @classmethod
    def load(cls, name: str, directory: Path = DIRECTORY) -> Week:
        """The week's posts (written once with its fixed seed) and their truth."""
        posts = week_posts(directory, name)
        truth_path = directory / f"{name}_week.truth.jsonl"
        truth = {}
        for line in truth_path.open(encoding="utf-8"):
            row = json.loads(line)
            truth[row["native_id"]] = Gold(
                SentimentLabel(row["sentiment"]), bool(row["complaint"]), Category(row["category"])
            )
        return cls(name, posts, [truth[p.native_id] for p in posts])

    def half(self, split: str) -> list[int]:
        """Row numbers of one half (dev or test)."""
        return [i for i, p in enumerate(self.posts) if p.split == split]

    def filed(self, i: int) -> bool:
        """Post i was filed on a complaint platform."""
        return self.posts[i].mention.channel == Channel.COMPLAINT_PLATFORM


def decided(week: Week, rows: Sequence[int], models: LoadedModels) -> TextDecisions:
    """The classifier's decisions on some posts of the week (as `classify` makes them)."""
    folded = [fold(week.posts[i].text) for i in rows]
    normalized = [normalize_folded(t) for t in folded]
    return decide(normalized, folded, models, [week.filed(i) for i in rows])


def scores(week: Week, rows: Sequence[int], d: TextDecisions) -> dict[str, float]:
    """Category right on complaints, complaints flagged, false flags, neutral called negative,
    and category right on all posts (the weeks' `--score` column, README's unseen figures)."""
    counts = dict.fromkeys(("posts", "complaints", "others", "neutral", *METRICS), 0)
    for k, i in enumerate(rows):
        gold = week.gold[i]
        flagged = d.p_complaint[k] >= COMPLAINT_THRESHOLD
        counts["posts"] += 1
        counts["category_all"] += d.categories[k] == gold.category
        if gold.complaint:
            counts["complaints"] += 1
            counts["category"] += d.categories[k] == gold.category
            counts["caught"] += flagged
        else:
            counts["others"] += 1
            counts["false_flag"] += flagged
        if gold.sentiment == SentimentLabel.NEUTRAL:
            counts["neutral"] += 1
            counts["neutral_negative"] += d.labels[k] == SentimentLabel.NEGATIVE
    wholes = {
        "category": "complaints",
        "caught": "complaints",
        "false_flag": "others",
        "category_all": "posts",
    }
    return {
        m: counts[m] / counts[wholes.get(m, "neutral")] if counts[wholes.get(m, "neutral")] else 0.0
        for m in METRICS
    }


@dataclass(frozen=True)
class Corrections:
    """What staff stored on the drawn posts, as `human_labels` reads it back."""

    sentiment: list[tuple[str, SentimentLabel]]
    complaint: list[tuple[str, bool]]
    category: list[tuple[str, Category]]
    filed: frozenset[str]
    corrected: frozenset[int]  # row numbers of the posts with any correction


def corrections(
    week: Week, drawn: Sequence[int], dev: Sequence[int], d: TextDecisions
) -> Corrections:
    """Each drawn dev post's fields the classifier got wrong, corrected to the truth; `d` holds
    the decisions on `dev` (row order)."""
    at = {i: k for k, i in enumerate(dev)}
    sentiment: list[tuple[str, SentimentLabel]] = []
    complaint: list[tuple[str, bool]] = []
    category: list[tuple[str, Category]] = []
    filed: set[str] = set()
    unfiled: set[str] = set()  # category corrected from the model's 其他
    corrected: set[int] = set()
    for i in drawn:
        k, gold, text = at[i], week.gold[i], week.posts[i].text
        flagged = d.p_complaint[k] >= COMPLAINT_THRESHOLD
        fixed = False
        if d.labels[k] != gold.sentiment:
            sentiment.append((text, gold.sentiment))
            fixed = True
        if flagged != gold.complaint:
            complaint.append((text, gold.complaint))
            fixed = True
        if d.categories[k] != gold.category:
            category.append((text, gold.category))
            fixed = True
            if d.categories[k] == Category.OTHER:
                unfiled.add(text)
        if fixed:
            corrected.add(i)
            if week.filed(i):
                filed.add(text)
    flag_fixed = {t for t, _ in complaint}
    # human_labels(): a category other than `other` also says "is a complaint" where the model
    # had filed the post under 其他 (not a confirmation of a complaint it saw)
    complaint += [
        (t, True)
        for t, c in category
        if c != Category.OTHER and t not in flag_fixed and t in unfiled
    ]
    return Corrections(sentiment, complaint, category, frozenset(filed), frozenset(corrected))


def stream(week: Week, dev: Sequence[int], fixed: Corrections) -> list[str]:
    """stream_texts(): the newest uncorrected posts not filed on a complaint platform."""
    kept = [i for i in dev if i not in fixed.corrected and not week.filed(i)]
    return [normalize_folded(fold(week.posts[i].text)) for i in kept[-STREAM_ANCHORS:]]


def adapt(
    week: Week, fixed: Corrections, base: LoadedModels, background: Background, own: list[str]
) -> LinearHashModel | None:
    """fit_adapter() as `yuqing train adapt` calls it."""
    return fit_adapter(
        fixed.sentiment,
        fixed.complaint,
        base,
        category=fixed.category,
        background=background,
        filed=fixed.filed,
        stream=own,
    )


def held_out_side(base: LoadedModels, adapter: LinearHashModel | None) -> dict[str, float]:
    """bench_classify's fixed held-out side, all corpora ('all' row), with the adapter."""
    from sentiment.corpora import load_examples
    from sentiment.crossval import score_examples
    from sentiment.data import default_data_dir
    from sentiment.groups import fixed_split

    examples = load_examples(default_data_dir().parent)
    held = fixed_split(examples)
    test = [e for e, h in zip(examples, held, strict=True) if h]
    models = base if adapter is None else replace(base, adapter=adapter)
    row = score_examples(models, test).get("all", {})
    return {k: float(v) for k, v in row.items() if isinstance(v, float)}


def run_week(
    name: str, sizes: Sequence[int], out: Path, corpora: bool, seeds: Sequence[int] = SEEDS
) -> None:
    """Every (N, seed) of one week; one JSON line per fit appended to `out`."""
    from bench.week_category_lowo import rules_off

    started = time.perf_counter()
    rules_off(name)
    base = load_models()
    background = Background.load()
    weeks = {w: Week.load(w) for w in WEEKS}
    week = weeks[name]
    dev, test = week.half("dev"), week.half("test")
    dev_decided = decided(week, dev, base)
    before = scores(week, test, decided(week, test, base))
    others = {w: weeks[w].half("test") for w in WEEKS if w != name}
    others_before = {
        w: scores(weeks[w], rows, decided(weeks[w], rows, base)) for w, rows in others.items()
    }
    side_before = held_out_side(base, None) if corpora else {}
    for size in sizes:
        for seed in seeds:
            drawn = [dev[int(k)] for k in np.random.default_rng(seed).permutation(len(dev))[:size]]
            fixed = corrections(week, drawn, dev, dev_decided)
            adapter = adapt(week, fixed, base, background, stream(week, dev, fixed))
            models = base if adapter is None else replace(base, adapter=adapter)
            after_d = decided(week, test, models)
            row: dict[str, Any] = {
                "week": name,
                "n": len(drawn),
                "size": size,
                "seed": seed,
                "stored": {
                    "sentiment": len(fixed.sentiment),
                    "complaint": len(fixed.complaint),
                    "category": len(fixed.category),
                },
                "before": before,
                "after": scores(week, test, after_d),
                "gate": float(np.mean(after_d.gates)) if after_d.gates else 0.0,
            }
            if size == sizes[-1] and seed == seeds[0]:  # the collateral: the other weeks
                row["others_before"] = others_before
                row["others_after"] = {
                    w: scores(weeks[w], rows, decided(weeks[w], rows, models))
                    for w, rows in others.items()
                }
            if corpora and seed == seeds[0] and size == sizes[-1]:
                row["corpora_before"] = side_before
                row["corpora_after"] = held_out_side(base, adapter)
            with out.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(row) + "\n")
            after = row["after"]
            print(
                f"{name} N={len(drawn)} seed={seed} stored={row['stored']} category "
                f"{before['category']:.3f} → {after['category']:.3f} "
                f"({time.perf_counter() - started:.0f} s)",
                flush=True,
            )


def main(argv: list[str]) -> int:
    """Run every week in its own process, or one week (--week), or print tables (--table)."""
    from bench.week_adapt_table import print_comparison, print_table

    if "--compare" in argv:
        first, second = argv[argv.index("--compare") + 1 :][:2]
        print_comparison(Path(first), Path(second))
        return 0
    if "--table" in argv:
        print_table([Path(a) for a in argv[argv.index("--table") + 1 :]])
        return 0
    from app.domains import install

    install()
    sizes = [int(s) for s in option(argv, "--sizes", ",".join(map(str, SIZES))).split(",")]
    seeds = [int(s) for s in option(argv, "--seeds", ",".join(map(str, SEEDS))).split(",")]
    out = Path(option(argv, "--out", str(DIRECTORY / "week_adapt.jsonl")))
    corpora = "--no-corpora" not in argv
    if "--week" in argv:
        run_week(option(argv, "--week", ""), sizes, out, corpora, seeds)
        return 0
    DIRECTORY.mkdir(parents=True, exist_ok=True)
    for week in option(argv, "--weeks", ",".join(WEEKS)).split(","):
        command = [sys.executable, "-m", "bench.week_adapt", "--week", week, "--out", str(out)]
        command += ["--sizes", ",".join(map(str, sizes)), "--seeds", ",".join(map(str, seeds))] + (
            ["--no-corpora"] if not corpora else []
        )
        subprocess.run(command, check=True)
    print_table([out])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
