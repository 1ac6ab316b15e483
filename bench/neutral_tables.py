"""The retraining tables of `make bench` (bench_classify.retraining_tables: three grouped seeds
over all corpora and leave-one-industry-out, ≤ 3,000 training texts per corpus) for several
decisions at once: each run's models are trained once and kept (pickled) in a directory, then
scored with any candidate of bench/neutral_candidates.py, so before and after are measured on
the same trained models.

`nice .venv/bin/python -m bench.neutral_tables train DIR` (11 trainings), then
`.venv/bin/python -m bench.neutral_tables score DIR "candidate name" [...]`.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import pickle
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from bench.bench_classify import LOIO, SEEDS, metrics_table, per_industry
from bench.neutral_validation import patched
from sentiment.corpora import load_examples
from sentiment.crossval import Prepared, Scores, Spread, _spread, score_examples
from sentiment.data import default_data_dir
from sentiment.groups import group_split, near_duplicate_groups


def train_runs(directory: Path) -> None:
    """Train every run's models (and the neutral-head variants) and pickle them."""
    from bench.neutral_candidates import HEADS

    directory.mkdir(parents=True, exist_ok=True)
    prepared = Prepared.of(load_examples(default_data_dir().parent))
    examples = prepared.examples
    groups = near_duplicate_groups([e.text for e in examples])
    runs = [(f"seed{s}", group_split(groups, 0.2, s)) for s in SEEDS]
    runs += [(f"loio_{i}", np.array([e.industry == i for e in examples])) for i in LOIO]
    for name, test in runs:
        target = directory / f"{name}.pkl"
        if target.exists():
            continue
        started = time.process_time()
        train_rows = np.flatnonzero(~test)
        models = prepared.trained_on(train_rows)
        heads = {"current": models.heads}
        for key, refit in HEADS.items():
            heads[key] = refit(prepared, prepared.capped(train_rows), models.heads)
        with target.open("wb") as handle:
            pickle.dump((models, heads, np.flatnonzero(test)), handle)
        print(f"{name}: {time.process_time() - started:.0f} CPU s", flush=True)


def score_runs(directory: Path, candidate_name: str) -> tuple[dict[str, dict[str, Spread]], Scores]:
    """Seeded mean ± spread and the leave-one-industry-out rows for one candidate."""
    from bench.neutral_candidates import CANDIDATES

    candidate = next(c for c in CANDIDATES if c.name == candidate_name)
    examples = load_examples(default_data_dir().parent)
    seeded, loio = [], {}
    for path in sorted(directory.glob("*.pkl")):
        with path.open("rb") as handle:
            models, heads, test = pickle.load(handle)
        heads.setdefault("three_class", heads["current"])  # runs pickled before the rename
        models = replace(models, heads=heads[candidate.head])
        with patched(candidate.settings):
            scores = score_examples(models, [examples[int(i)] for i in test])
        if path.stem.startswith("seed"):
            seeded.append(scores)
        else:
            industry = path.stem.removeprefix("loio_")
            loio[industry] = scores[industry]
    return _spread(seeded), loio


def print_tables(candidate_name: str, spread: dict[str, dict[str, Spread]], loio: Scores) -> None:
    """The two tables as bench_classify prints them."""
    print(f"\n### {candidate_name}\n\nGrouped 80/20 splits, {len(SEEDS)} seeds, mean ± spread:\n")
    metrics_table("industry", per_industry(spread))
    print("\nLeave one industry out (trained without it, scored on all of it):\n")
    metrics_table("left out", [(i, loio[i]) for i in (str(i) for i in LOIO) if i in loio])


def main(argv: list[str]) -> None:
    """train DIR | score DIR NAME..."""
    command, directory = argv[0], Path(argv[1])
    if command == "train":
        train_runs(directory)
    else:
        for name in argv[2:]:
            print_tables(name, *score_runs(directory, name))


if __name__ == "__main__":
    main(sys.argv[1:])
