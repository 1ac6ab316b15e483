"""Validation of the neutral decision (issue #13), never on the fixed held-out side.

Inside the training side of the fixed split: grouped 80/20 splits (near-duplicates on one
side, seeds 1..N), and leave-one-industry-out. Models are trained once per split (at most
TRAIN_CAP texts per corpus, as sentiment/crossval.py), then every candidate decision (the
module constants of sentiment/decisions.py, and neutral-head variants refitted on the
same training rows) is scored on the same validation texts. Prints one line per candidate:
mean ± spread over seeds of polar, pos_neg, neutral_as_negative, caught, complaint, category
and, per left-out industry, its neutral_as_negative / caught / pos_neg.

`nice .venv/bin/python -m bench.neutral_validation [--grid round1|round2] [--seeds 3]
[--loio stock,weibo,banking]`
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

import sentiment.decisions as decisions
from sentiment.corpora import Example, Industry, load_examples
from sentiment.crossval import Prepared, Scores, score_examples
from sentiment.data import default_data_dir
from sentiment.groups import fixed_split, group_split, near_duplicate_groups
from sentiment.model import LinearHashModel

Settings = dict[str, Any]  # sentiment.decisions constant → value
HeadVariant = Callable[[Prepared, np.ndarray, LinearHashModel], LinearHashModel]


@dataclass(frozen=True)
class Candidate:
    """A decision to score: decision constants and which neutral head to use."""

    name: str
    settings: Settings
    head: str = "current"


class _Cached:
    """Hash pass and cue scan of the last validation texts, reused by every candidate (the
    decision constants change nothing before them)."""

    def __init__(self) -> None:
        self.hashed: dict[tuple[object, ...], Any] = {}
        self.found: dict[tuple[object, ...], Any] = {}
        self.hash_fn = decisions.hashed_ngrams
        self.matcher = decisions.MATCHER

    @staticmethod
    def key(texts: Sequence[str], *extra: object) -> tuple[object, ...]:
        return (len(texts), texts[0] if texts else "", texts[-1] if texts else "", *extra)

    def hashed_ngrams(self, texts: Sequence[str], spec: Any) -> Any:
        key = self.key(texts, spec.bits)
        if key not in self.hashed:
            self.hashed = {key: self.hash_fn(texts, spec)}
        return self.hashed[key]

    def scan(self, texts: Sequence[str]) -> Any:
        """The matcher's scan (cues and the texts without negated cues), once per texts; the
        cue sets are copied, since decide() may change them."""
        key = self.key(texts)
        if key not in self.found:
            self.found = {key: self.matcher.scan(texts)}
        found, stripped = self.found[key]
        return [set(f) for f in found], stripped


CACHE = _Cached()
decisions.hashed_ngrams = CACHE.hashed_ngrams  # type: ignore[assignment]
decisions.MATCHER = CACHE  # type: ignore[assignment]


@contextmanager
def patched(settings: Settings) -> Iterator[None]:
    """The classifier's module constants set to the candidate's values for the block."""
    old = {k: getattr(decisions, k) for k in settings}
    for k, v in settings.items():
        setattr(decisions, k, v)
    try:
        yield
    finally:
        for k, v in old.items():
            setattr(decisions, k, v)


def training_side() -> list[Example]:
    """Every example of the fixed split's training side (the held-out side is never read)."""
    examples = load_examples(default_data_dir().parent)
    held = fixed_split(examples)
    return [e for e, h in zip(examples, held, strict=True) if not h]


def splits(
    prepared: Prepared, seeds: Sequence[int], loio: Sequence[Industry]
) -> Iterator[tuple[str, np.ndarray, np.ndarray]]:
    """(name, training rows, validation rows) of every grouped seed split and left-out run."""
    examples = prepared.examples
    groups = near_duplicate_groups([e.text for e in examples])
    for seed in seeds:
        held = group_split(groups, 0.2, seed)
        yield f"seed{seed}", np.flatnonzero(~held), np.flatnonzero(held)
    for industry in loio:
        inside = np.array([e.industry == industry for e in examples])
        yield f"loio_{industry}", np.flatnonzero(~inside), np.flatnonzero(inside)


def score_candidates(
    prepared: Prepared,
    heads: dict[str, HeadVariant],
    candidates: Sequence[Candidate],
    seeds: Sequence[int],
    loio: Sequence[Industry],
) -> dict[str, dict[str, Scores]]:
    """candidate → split → scores."""
    out: dict[str, dict[str, Scores]] = {c.name: {} for c in candidates}
    for name, train_rows, valid_rows in splits(prepared, seeds, loio):
        started = time.process_time()
        base = prepared.trained_on(train_rows)
        variants = {"current": base.heads}
        for key, refit in heads.items():
            variants[key] = refit(prepared, prepared.capped(train_rows), base.heads)
        valid = [prepared.examples[int(i)] for i in valid_rows]
        for c in candidates:
            models = replace(base, heads=variants[c.head])
            with patched(c.settings):
                out[c.name][name] = score_examples(models, valid)
        cpu = time.process_time() - started
        print(f"# {name}: trained and scored in {cpu:.0f} CPU s", flush=True)
    return out


def report(results: dict[str, dict[str, Scores]], loio: Sequence[Industry]) -> None:
    """One line per candidate: seeded mean ± spread, then the left-out industries."""
    metrics = ("polar", "pos_neg", "neutral_as_negative", "caught", "complaint", "category")
    head = " | ".join(metrics)
    left = " | ".join(f"{i} n→neg / caught / pos_neg" for i in loio)
    print(f"| candidate | {head} | banking n→neg / caught | {left} |")
    for name, runs in results.items():
        seeded = [s for k, s in runs.items() if k.startswith("seed")]
        cells = []
        for metric in metrics:
            values = [s["all"][metric] for s in seeded if metric in s["all"]]
            half = (max(values) - min(values)) / 2
            cells.append(f"{np.mean(values):.3f} ± {half:.3f}")
        bank = [s.get("banking", {}) for s in seeded]
        cells.append(
            " / ".join(
                f"{np.mean([b[m] for b in bank if m in b]):.3f}"
                for m in ("neutral_as_negative", "caught")
            )
        )
        for industry in loio:
            s = runs[f"loio_{industry}"].get(str(industry), {})
            cells.append(
                " / ".join(
                    f"{s[m]:.3f}" if m in s else "–"
                    for m in ("neutral_as_negative", "caught", "pos_neg")
                )
            )
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


def main(argv: list[str]) -> None:
    """Score the candidates of neutral_candidates.py."""
    from bench.neutral_candidates import GRIDS, HEADS

    count = int(argv[argv.index("--seeds") + 1]) if "--seeds" in argv else 3
    seeds = tuple(range(1, count + 1))
    names = argv[argv.index("--loio") + 1] if "--loio" in argv else "stock,weibo,banking"
    loio = tuple(Industry(n) for n in names.split(",") if n)
    prepared = Prepared.of(training_side())
    grid = GRIDS[argv[argv.index("--grid") + 1] if "--grid" in argv else "round1"]
    results = score_candidates(prepared, HEADS, grid, seeds, loio)
    report(results, loio)


if __name__ == "__main__":
    main(sys.argv[1:])
