"""Honest evaluation: near-duplicate-aware splits over several seeds, and leave-one-industry-out.

Each run trains fresh models (sentiment/train.py fit_models) on the training side only and
scores the full decision (polarity, complaint, category, as `classify` makes it) per industry:
- `polar`: P(positive) ≥ 0.5 right on texts labelled positive or negative;
- `pos_neg`: on positive/negative texts, the *label* right (neutral counts as wrong);
- `neutral_as_negative`: share of texts labelled neutral that come out negative;
- `complaint`: complaint flag right where the corpus implies it (see sentiment/corpora.py);
- `caught`: share of complaints that are negative or flagged;
- `category`: category right on complaints with a published category (黑猫, cosmetics).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.enums import Category, SentimentLabel
from sentiment.corpora import NEG, NEU, POS, Example, Industry
from sentiment.decisions import COMPLAINT_THRESHOLD, decide
from sentiment.features import fold, normalize, normalize_folded
from sentiment.groups import group_split, near_duplicate_groups
from sentiment.model import LoadedModels
from sentiment.train import Hashed, category_targets, fit_models

METRICS = ("polar", "pos_neg", "neutral_as_negative", "complaint", "caught", "category")
Scores = dict[str, dict[str, float]]  # industry → metric → value
# Training texts per corpus in these runs (the shipped model has no cap: ~83k texts). With
# 3,000 per corpus (~25k in all) ~11 retrainings fit the time of a shared 2-core machine;
# the numbers are therefore conservative for the larger corpora.
TRAIN_CAP = 3_000
FILED_SUFFIX = " (as complaint-platform posts)"


@dataclass(frozen=True)
class Spread:
    """Mean and spread (min–max half-range) of one metric over seeds."""

    mean: float
    spread: float
    n: int

    def __str__(self) -> str:
        return f"{self.mean:.3f} ± {self.spread:.3f}"


def score_examples(
    models: LoadedModels, examples: Sequence[Example], filed: Collection[Industry] = ()
) -> Scores:
    """Every metric per industry (and 'all') that the examples' labels allow; texts of the
    `filed` industries are decided as posts of a complaint platform (channel
    complaint_platform), the others as text alone."""
    folded = [fold(e.text) for e in examples]
    platform = [e.industry in filed for e in examples] if filed else []
    decided = decide([normalize_folded(t) for t in folded], folded, models, platform)
    rows: dict[str, dict[str, list[float]]] = {}
    for i, e in enumerate(examples):
        label, p = decided.labels[i], decided.p_positive[i]
        flagged = decided.p_complaint[i] >= COMPLAINT_THRESHOLD
        values: dict[str, float] = {}
        if e.sentiment in (NEG, POS):
            values["polar"] = float((p >= 0.5) == (e.sentiment == POS))
            wanted = SentimentLabel.POSITIVE if e.sentiment == POS else SentimentLabel.NEGATIVE
            values["pos_neg"] = float(label == wanted)
        if e.sentiment == NEU:
            values["neutral_as_negative"] = float(label == SentimentLabel.NEGATIVE)
        if e.complaint is not None:
            values["complaint"] = float(flagged == (e.complaint == 1))
        if e.complaint == 1:
            values["caught"] = float(flagged or label == SentimentLabel.NEGATIVE)
            if e.category is not None:
                values["category"] = float(decided.categories[i] == e.category)
        for key in (str(e.industry), "all"):
            bucket = rows.setdefault(key, {})
            for metric, value in values.items():
                bucket.setdefault(metric, []).append(value)
    return {k: {m: float(np.mean(v)) for m, v in d.items()} for k, d in rows.items()}


@dataclass(frozen=True)
class Prepared:
    """Examples with their texts hashed and category targets computed once for all runs."""

    examples: Sequence[Example]
    hashed: Hashed
    targets: Sequence[Category | None]

    @classmethod
    def of(cls, examples: Sequence[Example]) -> Prepared:
        """Hash and weak-label every example once."""
        hashed = Hashed.of([normalize(e.text) for e in examples])
        return cls(examples, hashed, category_targets(examples))

    def trained_on(self, rows: NDArray[np.int64]) -> LoadedModels:
        """Models trained on the given example rows only (at most TRAIN_CAP per corpus)."""
        rows = self.capped(rows)
        trained = fit_models(
            [self.examples[int(i)] for i in rows],
            self.hashed.rows(rows),
            [self.targets[int(i)] for i in rows],
        )
        return LoadedModels(sentiment=trained.sentiment, heads=trained.heads)

    def capped(self, rows: NDArray[np.int64]) -> NDArray[np.int64]:
        """The rows trained_on() keeps: at most TRAIN_CAP per corpus, drawn reproducibly."""
        sources = np.array([self.examples[int(i)].source for i in rows])
        rng = np.random.default_rng(0)
        keep = np.ones(len(rows), dtype=bool)
        for source in sorted(set(sources.tolist())):
            index = np.flatnonzero(sources == source)
            if len(index) > TRAIN_CAP:
                keep[rng.permutation(index)[TRAIN_CAP:]] = False
        return rows[keep]


def seeded_runs(
    prepared: Prepared, seeds: Sequence[int], progress: Callable[[str], None] = print
) -> dict[str, dict[str, Spread]]:
    """Train on a grouped 80 % and score the other 20 %, once per seed; mean ± spread."""
    examples = prepared.examples
    groups = near_duplicate_groups([e.text for e in examples])
    runs: list[Scores] = []
    for seed in seeds:
        held = group_split(groups, 0.2, seed)
        test = [e for e, h in zip(examples, held, strict=True) if h]
        runs.append(score_examples(prepared.trained_on(np.flatnonzero(~held)), test))
        progress(f"seed {seed}: " + repr(runs[-1]))
    return _spread(runs)


def leave_one_industry_out(
    prepared: Prepared,
    industries: Sequence[Industry],
    progress: Callable[[str], None] = print,
    filed: Collection[Industry] = (),
) -> Scores:
    """Train without industry X, score every text of X; one row per industry, and for an
    industry in `filed` a second row with its texts decided as complaint-platform posts."""
    examples = prepared.examples
    table: Scores = {}
    for industry in industries:
        inside = np.array([e.industry == industry for e in examples])
        test = [e for e, i in zip(examples, inside, strict=True) if i]
        if test:
            models = prepared.trained_on(np.flatnonzero(~inside))
            table[str(industry)] = score_examples(models, test)[str(industry)]
            progress(f"without {industry}: {table[str(industry)]!r}")
            if industry in filed:
                row = score_examples(models, test, filed)[str(industry)]
                table[f"{industry}{FILED_SUFFIX}"] = row
    return table


def _spread(runs: Sequence[Scores]) -> dict[str, dict[str, Spread]]:
    out: dict[str, dict[str, Spread]] = {}
    for key in runs[0]:
        for metric in runs[0][key]:
            values = [r[key][metric] for r in runs if metric in r.get(key, {})]
            half = (max(values) - min(values)) / 2
            out.setdefault(key, {})[metric] = Spread(float(np.mean(values)), half, len(values))
    return out
