"""Complaint category: domain lexicon rules combined with a weakly supervised linear model.

The rules (sentiment/lexicons.py) decide when they are confident; otherwise the model,
trained on corpus texts the rules labelled (weak supervision, sentiment/train.py), picks
the category of a negative mention. Non-complaints (praise, inquiries) get `other`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.enums import Category, SentimentLabel
from sentiment.lexicons import CATEGORY_CUES, COMPLAINT_MARKERS
from sentiment.model import LinearHashModel

COMPLAINT_CATEGORIES: tuple[Category, ...] = tuple(CATEGORY_CUES)
MODEL_LABELS: tuple[Category, ...] = (*COMPLAINT_CATEGORIES, Category.OTHER)
RULE_CONFIDENT = 2

# Food-safety outranks everything: a poisoning that also mentions a refund is a safety case.
_PRIORITY = {category: rank for rank, category in enumerate(COMPLAINT_CATEGORIES)}


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


@dataclass
class CategoryModel:
    """Rules first, then the weak-label model for negative mentions."""

    linear: LinearHashModel | None

    def probabilities(self, texts: Sequence[str]) -> NDArray[np.float64]:
        """Softmax over MODEL_LABELS per text (uniform when no model is loaded)."""
        if self.linear is None:
            return np.full((len(texts), len(MODEL_LABELS)), 1.0 / len(MODEL_LABELS))
        scores = self.linear.decision(texts)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True), dtype=np.float64)

    def categorize(
        self, texts: Sequence[str], sentiments: Sequence[SentimentLabel]
    ) -> list[Category]:
        """A category per normalised text, given its sentiment label."""
        probs = self.probabilities(texts)
        out: list[Category] = []
        for text, label, row in zip(texts, sentiments, probs, strict=True):
            negative = label == SentimentLabel.NEGATIVE
            ruled = rule_category(text, label)
            if ruled is not None:
                out.append(ruled)
                continue
            out.append(self._unsure(text, row) if negative else Category.OTHER)
        return out

    def _unsure(self, text: str, row: NDArray[np.float64]) -> Category:
        """A negative text the rules could not decide: a complaint unless the model says other.

        A weak cue picks the category (ties by priority); without one, the model's choice,
        which may be `other` (negative posts about something else: 牙疼, the weather).
        """
        scores = rule_scores(text)
        if scores:
            return max(scores, key=lambda c: (scores[c], -_PRIORITY[c]))
        return MODEL_LABELS[int(row.argmax())]


def weak_label(text: str, label: int) -> Category | None:
    """Training label for the category model: rule category for complaints, `other` for praise."""
    if label == 1:
        return Category.OTHER
    return rule_category(text, SentimentLabel.NEGATIVE)
