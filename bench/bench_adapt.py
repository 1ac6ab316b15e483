"""Learning from corrections: how much N staff corrections from an industry the base model never
saw lift accuracy on the rest of that industry.

A capped base model is trained without the industries of the table (sentiment/crossval.py,
as the leave-one-industry-out table); each industry is split by near-duplicate groups into a
pool (where staff corrections come from) and a test half; per seed N pool texts are drawn:
- `reviewed`: staff looked at N mentions and stored the right label for each (confirmations too);
- `errors`: only the mistakes among those N are stored (what staff typically do).
Collateral: accuracy on texts of other industries before → after (errors-only adapter).
The adaptation model (sentiment/adaptation) is fitted on them alone and the test half is scored:
3-class sentiment accuracy (negative / neutral / positive), mean ± spread over seeds.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from core.enums import SentimentLabel
from sentiment.adaptation.service import fit_adapter
from sentiment.corpora import NEG, NEU, POS, Example, Industry, load_examples
from sentiment.crossval import Prepared, Spread
from sentiment.data import default_data_dir
from sentiment.features import fold, normalize_folded
from sentiment.groups import group_split, near_duplicate_groups
from sentiment.linear_classifier import LoadedModels, TextDecisions, decide

INDUSTRIES = (Industry.BANKING, Industry.STOCK)
SIZES = (50, 200, 1000)
SEEDS = (1, 2, 3)
TEST_FRACTION = 0.5
OTHERS = 3_000
GOLD = {NEG: SentimentLabel.NEGATIVE, NEU: SentimentLabel.NEUTRAL, POS: SentimentLabel.POSITIVE}


def _decided(examples: Sequence[Example], models: LoadedModels) -> TextDecisions:
    folded = [fold(e.text) for e in examples]
    return decide([normalize_folded(t) for t in folded], folded, models)


def _gold(example: Example) -> SentimentLabel:
    return GOLD[example.sentiment if example.sentiment is not None else NEU]


def _accuracy(decided: TextDecisions, examples: Sequence[Example]) -> float:
    right = [label == _gold(e) for label, e in zip(decided.labels, examples, strict=True)]
    return float(np.mean(right))


def _spread(values: Sequence[float]) -> Spread:
    return Spread(float(np.mean(values)), (max(values) - min(values)) / 2, len(values))


def run_industry(
    examples: Sequence[Example], base: LoadedModels, industry: Industry, others: Sequence[Example]
) -> list[str]:
    """Markdown rows for one left-out industry."""
    own = [e for e in examples if e.industry == industry and e.sentiment is not None]
    others_before = _accuracy(_decided(others, base), others)
    held = group_split(near_duplicate_groups([e.text for e in own]), TEST_FRACTION, 0)
    test = [e for e, h in zip(own, held, strict=True) if h]
    pool = [e for e, h in zip(own, held, strict=True) if not h]
    before = _accuracy(_decided(test, base), test)
    pool_labels = _decided(pool, base).labels
    rows = []
    for size in SIZES:
        cells: dict[str, list[float]] = {"reviewed": [], "errors": []}
        stored: list[int] = []
        moved: list[float] = []
        for seed in SEEDS:
            drawn = np.random.default_rng(seed).permutation(len(pool))[:size]
            reviewed = [(pool[i].text, _gold(pool[i])) for i in drawn]
            wrong = [
                pair for pair, i in zip(reviewed, drawn, strict=True) if pool_labels[i] != pair[1]
            ]
            stored.append(len(wrong))
            for mode, labels in (("reviewed", reviewed), ("errors", wrong)):
                adapter = fit_adapter(labels, [], base)
                models = replace(base, adapter=adapter)
                cells[mode].append(_accuracy(_decided(test, models), test))
            moved.append(_accuracy(_decided(others, models), others))  # errors-only adapter
        rows.append(
            f"| {industry} | {size} | {len(test):,} | {before:.3f} | {_spread(cells['reviewed'])} "
            f"| {_spread(cells['errors'])} (≈{np.mean(stored):.0f} stored) "
            f"| {others_before:.3f} → {np.mean(moved):.3f} |"
        )
    return rows


def main() -> None:
    """Print the before/after table for every industry in INDUSTRIES."""
    started = time.perf_counter()
    prepared = Prepared.of(load_examples(default_data_dir().parent))
    examples = prepared.examples
    # One capped base model without every industry of the table (one training fits the time).
    base = prepared.trained_on(np.flatnonzero([e.industry not in INDUSTRIES for e in examples]))
    print(f"<!-- base trained without them in {time.perf_counter() - started:.0f}s -->")
    print("\n3-class sentiment accuracy on the test half of an industry the base never saw,")
    print(f"before and after adapting from N corrections; {len(SEEDS)} seeds, mean ± spread:\n")
    print(f"Last column: accuracy on {OTHERS:,} texts of the other industries (errors-only).\n")
    print(
        "| left out | N | test texts | before | after (N reviewed) | after (errors only) "
        "| other industries |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    rest = [e for e in examples if e.industry not in INDUSTRIES and e.sentiment is not None]
    others = [rest[int(i)] for i in np.random.default_rng(0).permutation(len(rest))[:OTHERS]]
    for industry in INDUSTRIES:
        for row in run_industry(examples, base, industry, others):
            print(row, flush=True)


if __name__ == "__main__":
    main()
