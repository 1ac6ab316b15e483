"""Complaint category: a trained linear model combined with domain lexicon cues.

The model (heads model, sentiment/train.py) learnt from 黑猫 finance labels, cosmetics
aspects and review texts the rules labelled (weak supervision); the cross-industry cues of
sentiment/lexicons.py add to its log-probabilities, so a defect in an industry absent from
training (异响, 无法充电) still comes out product_quality. Non-complaints get `other`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from core.enums import Category, SentimentLabel
from sentiment.lexicons import CATEGORY_CUES, COMPLAINT_MARKERS

COMPLAINT_CATEGORIES: tuple[Category, ...] = tuple(CATEGORY_CUES)
MODEL_LABELS: tuple[Category, ...] = (*COMPLAINT_CATEGORIES, Category.OTHER)
RULE_CONFIDENT = 2

# Food-safety outranks everything: a poisoning that also mentions a refund is a safety case.
_PRIORITY = {category: rank for rank, category in enumerate(COMPLAINT_CATEGORIES)}
# Each cue word's (category, weight) pairs: a text's few words are scored in one pass.
_CUES_OF_WORD: dict[str, list[tuple[Category, int]]] = {}
for _category, _cues in CATEGORY_CUES.items():
    for _word, _weight in _cues.items():
        _CUES_OF_WORD.setdefault(_word, []).append((_category, _weight))


def found_cue_scores(found: set[str]) -> dict[Category, int]:
    """cue_scores(found, CATEGORY_CUES): category cue weights summed over the words found,
    in CATEGORY_CUES order, categories summing to 0 left out."""
    totals: dict[Category, int] = {}
    for word in found:
        for category, weight in _CUES_OF_WORD.get(word, ()):
            totals[category] = totals.get(category, 0) + weight
    if len(totals) < 2:
        return {c: t for c, t in totals.items() if t}
    return {c: totals[c] for c in COMPLAINT_CATEGORIES if totals.get(c)}


def rule_scores(text: str) -> dict[Category, int]:
    """Sum of cue weights per category found in the (normalised) text."""
    scores: dict[Category, int] = {}
    for category, cues in CATEGORY_CUES.items():
        total = sum(weight for word, weight in cues.items() if word in text)
        if total:
            scores[category] = total
    return scores


def rule_category(text: str, label: SentimentLabel) -> Category | None:
    """The rule decision, or None when the lexicon is not confident or it is no complaint.

    Negative texts need one strong cue; neutral ones two (or a complaint marker such as 投诉);
    positive ones a complaint marker.
    """
    scores = rule_scores(text)
    if not scores:
        return None
    best = max(scores, key=lambda c: (scores[c], -_PRIORITY[c]))
    strong = scores[best] >= RULE_CONFIDENT
    if Category.FOOD_SAFETY_HEALTH in scores and scores[Category.FOOD_SAFETY_HEALTH] >= 2:
        best, strong = Category.FOOD_SAFETY_HEALTH, True
    marked = any(marker in text for marker in COMPLAINT_MARKERS)
    if label == SentimentLabel.NEGATIVE:
        complaint = True
    elif label == SentimentLabel.NEUTRAL:
        complaint = marked or scores[best] >= 2 * RULE_CONFIDENT
    else:
        complaint = marked
    if strong and complaint:
        return best
    return None


RULE_WEIGHT = 1.0  # logit per cue-weight point added to the model's category log-probability
SAFETY_OVERRIDE = 2
# The model decides alone when it is this sure (texts like its training corpora); below, the
# cross-industry cues add their weight (industries it never saw: cars, telecom, airlines).
MODEL_CONFIDENT = 0.5


def category_log_probabilities(logits: NDArray[np.float64]) -> NDArray[np.float64]:
    """log sigmoid of one-vs-rest category logits (a row, or a row per text)."""
    return np.asarray(-np.logaddexp(0.0, -logits), dtype=np.float64)


def decide_category(logits: NDArray[np.float64], found: set[str], complaint: bool) -> Category:
    """Category of one text from the model's one-vs-rest logits (MODEL_LABELS order) and the
    lexicon cues found; texts that are no complaint are `other`."""
    return BatchCategories(logits[None, :]).decide(0, found, complaint)


class BatchCategories:
    """decide_category() for a batch of texts' logits, its numpy work done once per batch."""

    def __init__(self, logits: NDArray[np.float64]) -> None:
        self.log_p = category_log_probabilities(logits)
        self.sure = (np.exp(self.log_p.max(axis=1)) >= MODEL_CONFIDENT).tolist()
        self.best = self.log_p.argmax(axis=1).tolist()

    def decide(self, row: int, found: set[str], complaint: bool) -> Category:
        """The category of text `row` (see decide_category)."""
        if not complaint:
            return Category.OTHER
        scores = found_cue_scores(found)
        if scores.get(Category.FOOD_SAFETY_HEALTH, 0) >= SAFETY_OVERRIDE:
            return Category.FOOD_SAFETY_HEALTH
        if not scores or self.sure[row]:
            return MODEL_LABELS[self.best[row]]
        # The model is unsure: the cross-industry cues add their weight.
        log_p = self.log_p[row].copy()
        for category, points in scores.items():
            log_p[MODEL_LABELS.index(category)] += RULE_WEIGHT * points
        return MODEL_LABELS[int(np.argmax(log_p))]


def weak_label(text: str, label: int) -> Category | None:
    """Training label for the category model: rule category for complaints, `other` for praise."""
    if label == 1:
        return Category.OTHER
    return rule_category(text, SentimentLabel.NEGATIVE)
