"""Learning from corrections: how much N staff corrections from an industry the base model never
saw lift accuracy on the rest of that industry, and what they cost on other industries.

Three fields, one table each: 3-class sentiment (banking, stock forum), the complaint flag
(banking: a negative bank post is a complaint, the others are not) and the category of
complaints (黑猫 finance, published categories). Per table the other industries' texts are split
by near-duplicate groups: a capped base model (as in leave-one-industry-out) trained without the
table's industries and the gate's background sample come from the training side; the collateral
is measured on OTHERS texts of the held-out side, which neither ever saw. Each left-out industry
is split the same way into a pool (where staff corrections come from) and a test half; per seed
N pool texts are drawn and only the base model's mistakes among them are stored (what staff
typically do). Accuracy of the field, mean ± spread over seeds; the other industries column
compares the adapter without its domain gate (the residual applied everywhere, as before the
gate) and with it (same field, on the other industries' texts where it is known).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from core.enums import Category, SentimentLabel
from sentiment.adaptation.gate import Background, sample_texts
from sentiment.adaptation.model import GATE_COLUMN
from sentiment.adaptation.service import fit_adapter
from sentiment.corpora import FILED_ON_PLATFORM, NEG, NEU, POS, Example, Industry, load_examples
from sentiment.crossval import Prepared, Spread
from sentiment.data import default_data_dir
from sentiment.decisions import COMPLAINT_THRESHOLD, TextDecisions, decide
from sentiment.features import fold, normalize_folded
from sentiment.groups import group_split, near_duplicate_groups
from sentiment.model import LinearHashModel, LoadedModels

SIZES = (50, 200, 1000)
SEEDS = (1, 2, 3)
TEST_FRACTION = 0.5
OTHERS_FRACTION = 0.2
OTHERS = 3_000
GOLD = {NEG: SentimentLabel.NEGATIVE, NEU: SentimentLabel.NEUTRAL, POS: SentimentLabel.POSITIVE}


@dataclass(frozen=True)
class Field:
    """One corrected field: which texts have a gold value, the gold value, the model's value,
    and fit_adapter() on the stored corrections."""

    name: str
    known: Callable[[Example], bool]
    gold: Callable[[Example], Hashable]
    predicted: Callable[[TextDecisions, int], Hashable]
    fit: Callable[[list[tuple[str, Hashable]], LoadedModels, Background], LinearHashModel | None]


Pairs = list[tuple[str, Hashable]]


def _fit_sentiment(pairs: Pairs, base: LoadedModels, bg: Background) -> LinearHashModel | None:
    labels = [(text, SentimentLabel(str(value))) for text, value in pairs]
    return fit_adapter(labels, [], base, background=bg)


def _fit_complaint(pairs: Pairs, base: LoadedModels, bg: Background) -> LinearHashModel | None:
    return fit_adapter([], [(text, bool(value)) for text, value in pairs], base, background=bg)


def _fit_category(pairs: Pairs, base: LoadedModels, bg: Background) -> LinearHashModel | None:
    """As human_labels() reads them: a category other than `other` also says "is a complaint".
    Category corrections come from 黑猫 (FILED_ON_PLATFORM): stored with their channel, fitted
    as filed."""
    labels = [(text, Category(str(value))) for text, value in pairs]
    flagged = [(text, True) for text, value in labels if value != Category.OTHER]
    filed = {text for text, _ in labels}
    return fit_adapter([], flagged, base, category=labels, background=bg, filed=filed)


SENTIMENT = Field(
    "sentiment (3-class)",
    lambda e: e.sentiment is not None,
    lambda e: GOLD[e.sentiment if e.sentiment is not None else NEU],
    lambda d, i: d.labels[i],
    _fit_sentiment,
)
COMPLAINT = Field(
    "complaint flag",
    lambda e: e.complaint is not None,
    lambda e: e.complaint == 1,
    lambda d, i: d.p_complaint[i] >= COMPLAINT_THRESHOLD,
    _fit_complaint,
)
CATEGORY = Field(
    "category of complaints",
    lambda e: e.complaint == 1 and e.category is not None,
    lambda e: e.category,
    lambda d, i: d.categories[i],
    _fit_category,
)
# (field, left-out industries): one base model per left-out set, trained without all of them.
TABLES: tuple[tuple[Field, tuple[Industry, ...]], ...] = (
    (SENTIMENT, (Industry.BANKING, Industry.STOCK)),
    (COMPLAINT, (Industry.BANKING,)),
    (CATEGORY, (Industry.FINANCE,)),
)
BASE_WITHOUT = {
    SENTIMENT.name: (Industry.BANKING, Industry.STOCK),
    COMPLAINT.name: (Industry.BANKING, Industry.STOCK),
    CATEGORY.name: (Industry.FINANCE,),
}


def _decided(examples: Sequence[Example], models: LoadedModels) -> TextDecisions:
    folded = [fold(e.text) for e in examples]
    platform = [e.industry in FILED_ON_PLATFORM for e in examples]
    return decide([normalize_folded(t) for t in folded], folded, models, platform)


def _accuracy(field: Field, decided: TextDecisions, examples: Sequence[Example]) -> float:
    return float(
        np.mean([field.predicted(decided, i) == field.gold(e) for i, e in enumerate(examples)])
    )


def _spread(values: Sequence[float]) -> Spread:
    return Spread(float(np.mean(values)), (max(values) - min(values)) / 2, len(values))


def ungated(adapter: LinearHashModel) -> LinearHashModel:
    """The same residual applied everywhere (gate ≡ 1): the previous adapter, for comparison."""
    weights = adapter.weights.copy()
    weights[:, GATE_COLUMN] = 0.0
    bias = adapter.bias.copy()
    bias[GATE_COLUMN] = 30.0
    return replace(adapter, weights=weights, bias=bias)


@dataclass(frozen=True)
class Base:
    """A capped base model trained without some industries, its background sample, and held-out
    texts of the other industries (for the collateral)."""

    models: LoadedModels
    background: Background
    others: Sequence[Example]

    @classmethod
    def without(cls, prepared: Prepared, industries: Sequence[Industry]) -> Base:
        """Trained on the training side of every industry but these."""
        examples = prepared.examples
        outside = np.flatnonzero([e.industry not in industries for e in examples])
        texts = [examples[int(i)].text for i in outside]
        held = group_split(near_duplicate_groups(texts), OTHERS_FRACTION, 0)
        train_rows = prepared.capped(outside[~held])
        background = Background.of(
            sample_texts(
                [examples[int(i)].text for i in train_rows],
                [examples[int(i)].source for i in train_rows],
            )
        )
        rest = [examples[int(i)] for i in outside[held]]
        others = [rest[int(i)] for i in np.random.default_rng(0).permutation(len(rest))]
        return cls(prepared.trained_on(train_rows), background, others)


def run_industry(
    examples: Sequence[Example], base: Base, industry: Industry, field: Field
) -> list[str]:
    """Markdown rows for one left-out industry and one field."""
    others = [e for e in base.others if field.known(e)][:OTHERS]
    models = base.models
    others_before = _accuracy(field, _decided(others, models), others)
    own = [e for e in examples if e.industry == industry and field.known(e)]
    held = group_split(near_duplicate_groups([e.text for e in own]), TEST_FRACTION, 0)
    test = [e for e, h in zip(own, held, strict=True) if h]
    pool = [e for e, h in zip(own, held, strict=True) if not h]
    before = _accuracy(field, _decided(test, models), test)
    pool_decided = _decided(pool, models)
    rows = []
    for size in SIZES:
        after, plain, gated, stored = [], [], [], []
        gates: dict[str, list[float]] = {"test": [], "others": []}
        for seed in SEEDS:
            drawn = np.random.default_rng(seed).permutation(len(pool))[:size]
            wrong = [
                (pool[i].text, field.gold(pool[i]))
                for i in drawn
                if field.predicted(pool_decided, int(i)) != field.gold(pool[i])
            ]
            stored.append(len(wrong))
            adapter = field.fit(wrong, models, base.background)
            assert adapter is not None
            decided = _decided(test, replace(models, adapter=adapter))
            after.append(_accuracy(field, decided, test))
            gates["test"].append(float(np.mean(decided.gates)))
            moved = _decided(others, replace(models, adapter=adapter))
            gates["others"].append(float(np.mean(moved.gates)))
            gated.append(_accuracy(field, moved, others))
            unguarded = replace(models, adapter=ungated(adapter))
            plain.append(_accuracy(field, _decided(others, unguarded), others))
        rows.append(
            f"| {industry} | {size} | {len(test):,} | {before:.3f} "
            f"| {_spread(after)} (≈{np.mean(stored):.0f} stored) "
            f"| {np.mean(gates['test']):.2f} / {np.mean(gates['others']):.2f} "
            f"| {others_before:.3f} → {np.mean(plain):.3f} | {_spread(gated)} |"
        )
    return rows


def main() -> None:
    """Print the before/after table of every field in TABLES."""
    started = time.perf_counter()
    prepared = Prepared.of(load_examples(default_data_dir().parent))
    bases: dict[tuple[Industry, ...], Base] = {}
    for field, industries in TABLES:
        without = BASE_WITHOUT[field.name]
        if without not in bases:
            bases[without] = Base.without(prepared, without)
            names = ", ".join(str(i) for i in without)
            print(f"<!-- base without {names} in {time.perf_counter() - started:.0f}s -->")
        print(f"\n{field.name}: accuracy on the test half of an industry the base never saw,")
        print(f"before and after adapting from N corrections; {len(SEEDS)} seeds, mean ± spread.")
        print(f"Gate: mean g on the test half / on ≤ {OTHERS:,} held-out texts of the other")
        print("industries; other industries: before → ungated residual, and with the gate.\n")
        print(
            "| left out | N | test texts | before | after (errors only) "
            "| gate in / out | other industries: before → ungated | gated |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for industry in industries:
            for row in run_industry(prepared.examples, bases[without], industry, field):
                print(row, flush=True)


if __name__ == "__main__":
    main()
