"""Does learning the category from other industries' labelled weeks carry over to an unseen
industry? Leave one written week out (issue #13; not shipped).

For each week W: the heads model's category columns are refitted (same 18-bit features, idf
and C as sentiment/train.py; the neutral and complaint columns and the polarity model stay the
shipped ones) on the training side of the corpora plus the dev halves' complaints of every
other week (the car week, which has no halves, entirely), near-duplicates collapsed to one
row and every row near-duplicating a text of W dropped; then W's original posts go through the
full classifier (rules included) with that model and with the shipped one. Test-half texts
never train anything. liblinear with a fixed seed: one fit per fold is the whole spread.

    python -m bench.week_category_lowo [--weights 1,3] [--weeks ride,auto] [--out FILE]
    python -m bench.week_category_lowo --table FILE [FILE ...]
    python -m bench.week_category_lowo --candidate OUT.npz --weights W
    python -m bench.week_category_lowo --weeks ride --rules-off --out FILE
    python -m bench.week_category_lowo --weights 30 --rule-weight 0.5 --out FILE

--rules-off switches the held-out week's industry detector off (its hand rules and the gate
that keeps the model from deciding alone there; its lexicon words stay).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import json
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from bench.week_examples import WEEKS, WeekPost, week_posts
from bench.week_lowo_table import option
from core.enums import Category
from sentiment import linear_classifier
from sentiment.category import MODEL_LABELS
from sentiment.features import normalize
from sentiment.groups import near_duplicate_groups
from sentiment.model import LinearHashModel, LoadedModels, load_models
from sentiment.train import HEAD_C, HEADS_SPEC, Hashed, _fit_logistic, design_matrix

DIRECTORY = Path("/tmp/lowo")
FIRST_CATEGORY = 2  # heads columns: neutral, complaint, then MODEL_LABELS


def base_rows() -> tuple[Any, list[Category]]:
    """Design matrix (shipped idf) and targets of the training side's labelled texts."""
    from sentiment.corpora import load_examples
    from sentiment.data import default_data_dir
    from sentiment.groups import fixed_split
    from sentiment.train import category_targets

    examples = load_examples(default_data_dir().parent)
    held = fixed_split(examples)
    train_part = [e for e, h in zip(examples, held, strict=True) if not h]
    targets = category_targets(train_part)
    labelled = [i for i, c in enumerate(targets) if c is not None]
    hashed = Hashed.of([normalize(train_part[i].text) for i in labelled])
    idf = load_models().heads.idf.astype(np.float32)
    return design_matrix(hashed, HEADS_SPEC, idf), [targets[i] for i in labelled]  # type: ignore[misc]


def training_posts(posts: Sequence[WeekPost], held_out: Sequence[WeekPost]) -> list[WeekPost]:
    """One complaint per near-duplicate group of `posts` (dev or car-week ones), none whose
    group holds a text of `held_out`."""
    usable = [p for p in posts if p.complaint and p.split in ("dev", "all")]
    texts = [normalize(p.text) for p in usable] + [normalize(p.text) for p in held_out]
    groups = near_duplicate_groups(texts)
    banned = set(groups[len(usable) :].tolist())
    kept, seen = [], set()
    for post, group in zip(usable, groups[: len(usable)].tolist(), strict=True):
        if group not in banned and group not in seen:
            seen.add(group)
            kept.append(post)
    return kept


def category_heads(
    base: Any, targets: Sequence[Category], extra: Sequence[WeekPost], weight: float
) -> LinearHashModel:
    """The shipped heads model with its category columns refitted on base + extra rows."""
    import scipy.sparse as sp

    shipped = load_models().heads
    idf = shipped.idf.astype(np.float32)
    matrix = base
    if extra:
        hashed = Hashed.of([normalize(p.text) for p in extra])
        matrix = sp.vstack([base, design_matrix(hashed, HEADS_SPEC, idf)]).tocsr()
    labels = [str(c) for c in targets] + [p.category for p in extra]
    sample = np.r_[np.ones(base.shape[0]), np.full(len(extra), weight)]
    weights = shipped.weights.astype(np.float32).copy()
    bias = shipped.bias.astype(np.float32).copy()
    for offset, category in enumerate(MODEL_LABELS):
        y = np.array([int(label == str(category)) for label in labels])
        column = FIRST_CATEGORY + offset
        if 0 < y.sum() < len(y):
            model = _fit_logistic(matrix, y, HEAD_C, balanced=True, sample_weight=sample)
            weights[:, column], bias[column] = model.coef_[0], model.intercept_[0]
    return LinearHashModel(
        HEADS_SPEC, shipped.idf, weights.astype(np.float16), bias, dict(shipped.meta)
    )


def category_right(posts: Sequence[WeekPost], heads: LinearHashModel) -> dict[str, float]:
    """Category right per half of `posts`, classified by the default classifier with `heads`."""
    models: LoadedModels = replace(load_models(), heads=heads)
    original = linear_classifier.load_models
    linear_classifier.load_models = lambda: models  # type: ignore[assignment]
    try:
        out = linear_classifier.LinearClassifier().classify([p.mention for p in posts])
    finally:
        linear_classifier.load_models = original
    result: dict[str, float] = {}
    for split in sorted({p.split for p in posts}):
        rows = [(p, m) for p, m in zip(posts, out, strict=True) if p.split == split]
        result[split] = round(sum(str(m.category) == p.category for p, m in rows) / len(rows), 4)
        complaints = [(p, m) for p, m in rows if p.complaint]
        right = sum(str(m.category) == p.category for p, m in complaints)
        result[f"{split}_complaints"] = round(right / len(complaints), 4)
        result[f"{split}_model"] = model_alone([p for p, _ in complaints], heads)
    return result


def model_alone(complaints: Sequence[WeekPost], heads: LinearHashModel) -> float:
    """Share of the complaints whose best category column is the gold one (no rules)."""
    scores = heads.decision([normalize(p.text) for p in complaints])[:, FIRST_CATEGORY:]
    best = [str(MODEL_LABELS[i]) for i in scores.argmax(axis=1).tolist()]
    return round(sum(b == p.category for b, p in zip(best, complaints, strict=True)) / len(best), 4)


def run(weeks: Sequence[str], weights: Sequence[float], out: Path) -> None:
    """Every fold of `weeks` for every weight; one JSON line per (week, weight) appended."""
    started = time.perf_counter()
    posts = {w: week_posts(DIRECTORY, w) for w in WEEKS}
    base, targets = base_rows()
    print(f"base rows {base.shape[0]} ({time.perf_counter() - started:.0f} s)", flush=True)
    shipped = load_models().heads
    # the control: today's training (current targets) without any week; the shipped file
    # was trained before the latest rules and differs from it
    refit = category_heads(base, targets, [], 1.0)
    for week in weeks:
        others = [p for w in WEEKS if w != week for p in posts[w]]
        extra = training_posts(others, posts[week])
        shipped_right = category_right(posts[week], shipped)
        before = category_right(posts[week], refit)
        for weight in weights:
            heads = category_heads(base, targets, extra, weight)
            after = category_right(posts[week], heads)
            row = {
                "week": week,
                "weight": weight,
                "extra": len(extra),
                "shipped": shipped_right,
                "before": before,
                "after": after,
            }
            with out.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(row) + "\n")
            print(json.dumps(row), f"({time.perf_counter() - started:.0f} s)", flush=True)


def candidate(weight: float, out: Path) -> None:
    """The heads model with every week's dev half (the car week whole) in its category
    columns, written to `out` for the held-out guards (bench.bench_classify --quick)."""
    posts = [p for w in WEEKS for p in week_posts(DIRECTORY, w)]
    tests = [p for p in posts if p.split == "test"]
    extra = training_posts(posts, tests) if weight else []  # weight 0: the control, no week
    base, targets = base_rows()
    category_heads(base, targets, extra, weight).save(out)
    print(f"{out}: {len(extra)} week rows ×{weight:g}")


# Each week's own industry detector (its hand rules and the gate that keeps the model from
# deciding alone there); the car week has none (its rules are lexicon words).
DETECTORS = {
    "airline": "is_travel",
    "telecom": "is_telecom",
    "school": "is_education",
    "phone": "is_device",
    "appliance": "is_appliance",
    "courier": "is_courier",
    "ride": "is_ride",
    "estate": "is_estate",
    "game": "is_game",
    "gym": "is_gym",  # sentiment/gyms.py (merged in round 35; absent before: a no-op then)
}


def rules_off(week: str) -> None:
    """Switch the week's industry detector off in every sentiment module for this process
    (its lexicon words stay): closer to the week before its rules were written."""
    name = DETECTORS.get(week)
    for module_name, module in list(sys.modules.items()):
        if name and module_name.startswith("sentiment") and hasattr(module, name):
            setattr(module, name, lambda *args: False)
    # the gate reads its detectors from a tuple bound at import (sentiment/category.py)
    import sentiment.category

    sentiment.category._UNREAD_INDUSTRIES = tuple(  # type: ignore[assignment]
        (lambda *args: False) if getattr(f, "__name__", "") == name else f
        for f in sentiment.category._UNREAD_INDUSTRIES
    )


def main(argv: list[str]) -> int:
    """Run folds, or print the table of result files (--table)."""
    if "--table" in argv:
        from bench.week_lowo_table import print_table

        print_table([Path(a) for a in argv[argv.index("--table") + 1 :]])
        return 0
    if "--candidate" in argv:
        candidate(float(option(argv, "--weights", "1")), Path(option(argv, "--candidate", "")))
        return 0
    weeks = option(argv, "--weeks", ",".join(WEEKS)).split(",")
    if "--rule-weight" in argv:  # the cue scores' weight beside the model (category.py)
        import sentiment.category

        sentiment.category.RULE_WEIGHT = float(option(argv, "--rule-weight", "1"))
    if "--rules-off" in argv:  # one week per process: caches must not outlive the switch
        (week,) = weeks
        rules_off(week)
    weights = [float(w) for w in option(argv, "--weights", "1").split(",")]
    run(weeks, weights, Path(option(argv, "--out", str(DIRECTORY / "lowo.jsonl"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
