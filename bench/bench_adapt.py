"""Learning from corrections: how much N staff corrections from an industry the base model never
saw lift accuracy on the rest of that industry, and what they cost on other industries.

The other industries' texts are split by near-duplicate groups: a capped base model (as in
leave-one-industry-out) and the gate's background sample come from the training side; the
collateral is measured on OTHERS texts of the held-out side, which neither ever saw. Each
left-out industry is split the same way into a pool (where staff corrections come from) and a
test half; per seed N pool texts are drawn and only the base model's mistakes among them are
stored (what staff typically do). 3-class sentiment accuracy (negative / neutral / positive),
mean ± spread over seeds; the other industries column compares the adapter without its domain
gate (the residual applied everywhere, as before the gate) and with it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from core.enums import SentimentLabel
from sentiment.adaptation.gate import Background, sample_texts
from sentiment.adaptation.model import GATE_COLUMN
from sentiment.adaptation.service import fit_adapter
from sentiment.corpora import NEG, NEU, POS, Example, Industry, load_examples
from sentiment.crossval import Prepared, Spread
from sentiment.data import default_data_dir
from sentiment.features import fold, normalize_folded
from sentiment.groups import group_split, near_duplicate_groups
from sentiment.linear_classifier import LoadedModels, TextDecisions, decide
from sentiment.model import LinearHashModel

INDUSTRIES = (Industry.BANKING, Industry.STOCK)
SIZES = (50, 200, 1000)
SEEDS = (1, 2, 3)
TEST_FRACTION = 0.5
OTHERS_FRACTION = 0.2
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


def ungated(adapter: LinearHashModel) -> LinearHashModel:
    """The same residual applied everywhere (gate ≡ 1): the previous adapter, for comparison."""
    weights = adapter.weights.copy()
    weights[:, GATE_COLUMN] = 0.0
    bias = adapter.bias.copy()
    bias[GATE_COLUMN] = 30.0
    return replace(adapter, weights=weights, bias=bias)


def run_industry(
    examples: Sequence[Example],
    base: LoadedModels,
    background: Background,
    industry: Industry,
    others: Sequence[Example],
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
        cells: dict[str, list[float]] = {"errors": [], "plain": [], "gated": []}
        stored: list[int] = []
        gates: dict[str, list[float]] = {"test": [], "others": []}
        for seed in SEEDS:
            drawn = np.random.default_rng(seed).permutation(len(pool))[:size]
            reviewed = [(pool[i].text, _gold(pool[i])) for i in drawn]
            wrong = [
                pair for pair, i in zip(reviewed, drawn, strict=True) if pool_labels[i] != pair[1]
            ]
            stored.append(len(wrong))
            adapter = fit_adapter(wrong, [], base, background=background)
            assert adapter is not None
            decided = _decided(test, replace(base, adapter=adapter))
            cells["errors"].append(_accuracy(decided, test))
            gates["test"].append(float(np.mean(decided.gates)))
            moved = _decided(others, replace(base, adapter=adapter))
            gates["others"].append(float(np.mean(moved.gates)))
            cells["gated"].append(_accuracy(moved, others))
            plain = replace(base, adapter=ungated(adapter))
            cells["plain"].append(_accuracy(_decided(others, plain), others))
        rows.append(
            f"| {industry} | {size} | {len(test):,} | {before:.3f} "
            f"| {_spread(cells['errors'])} (≈{np.mean(stored):.0f} stored) "
            f"| {np.mean(gates['test']):.2f} / {np.mean(gates['others']):.2f} "
            f"| {others_before:.3f} → {np.mean(cells['plain']):.3f} "
            f"| {_spread(cells['gated'])} |"
        )
    return rows


def main() -> None:
    """Print the before/after table for every industry in INDUSTRIES."""
    started = time.perf_counter()
    prepared = Prepared.of(load_examples(default_data_dir().parent))
    examples = prepared.examples
    outside = np.flatnonzero([e.industry not in INDUSTRIES for e in examples])
    texts = [examples[int(i)].text for i in outside]
    held = group_split(near_duplicate_groups(texts), OTHERS_FRACTION, 0)
    # One capped base model without every industry of the table (one training fits the time),
    # and its background sample, from the training side of the other industries only.
    train_rows = prepared.capped(outside[~held])
    base = prepared.trained_on(train_rows)
    background = Background.of(
        sample_texts(
            [examples[int(i)].text for i in train_rows],
            [examples[int(i)].source for i in train_rows],
        )
    )
    rest = [examples[int(i)] for i in outside[held] if examples[int(i)].sentiment is not None]
    others = [rest[int(i)] for i in np.random.default_rng(0).permutation(len(rest))[:OTHERS]]
    print(f"<!-- base and background without them in {time.perf_counter() - started:.0f}s -->")
    print("\n3-class sentiment accuracy on the test half of an industry the base never saw,")
    print(f"before and after adapting from N corrections; {len(SEEDS)} seeds, mean ± spread.")
    print(f"Gate: mean g on the test half / on {OTHERS:,} held-out texts of the other industries;")
    print("other industries: before → ungated residual (errors only), and with the gate.\n")
    print(
        "| left out | N | test texts | before | after (errors only) "
        "| gate in / out | other industries: before → ungated | gated |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for industry in INDUSTRIES:
        for row in run_industry(examples, base, background, industry, others):
            print(row, flush=True)


if __name__ == "__main__":
    main()
