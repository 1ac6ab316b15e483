"""The default classifier: hashed n-gram sentiment model, category rules + weak model,
explainable urgency and tf·idf keywords. Models load once per process (lazy singleton)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from core.enums import SentimentLabel
from core.models import Mention, Sentiment
from sentiment.adjust import adjust_positive_probability
from sentiment.category import CategoryModel
from sentiment.features import fold, normalize
from sentiment.keywords import extract_keywords
from sentiment.model import (
    CATEGORY_MODEL_PATH,
    SENTIMENT_MODEL_PATH,
    LinearHashModel,
    SentimentModel,
)
from sentiment.urgency import emotion_points, score_urgency, word_reasons

BATCH = 2048


@dataclass(frozen=True)
class LoadedModels:
    """The two model files of the default classifier."""

    sentiment: SentimentModel
    category: CategoryModel


@lru_cache(maxsize=1)
def load_models() -> LoadedModels:
    """Load the bundled model files once per process."""
    sentiment = SentimentModel(LinearHashModel.load(SENTIMENT_MODEL_PATH))
    category = CategoryModel(
        LinearHashModel.load(CATEGORY_MODEL_PATH) if CATEGORY_MODEL_PATH.exists() else None
    )
    return LoadedModels(sentiment=sentiment, category=category)


def sentiment_label(p_positive: float, band: float) -> SentimentLabel:
    """Negative / neutral / positive from calibrated P(positive) and the neutral half-width."""
    if p_positive < 0.5 - band:
        return SentimentLabel.NEGATIVE
    if p_positive > 0.5 + band:
        return SentimentLabel.POSITIVE
    return SentimentLabel.NEUTRAL


class LinearClassifier:
    """Default classifier (registry name "default")."""

    name = "default"

    def __init__(self, exclude_keywords: Iterable[str] = ()) -> None:
        self.exclude_keywords = frozenset(w.lower() for w in exclude_keywords)

    def classify(self, mentions: Sequence[Mention]) -> list[Mention]:
        """Classified copies of the mentions, same order."""
        out: list[Mention] = []
        for start in range(0, len(mentions), BATCH):
            out.extend(self._classify_batch(mentions[start : start + BATCH]))
        return out

    def _classify_batch(self, mentions: Sequence[Mention]) -> list[Mention]:
        models = load_models()
        folded = [fold(m.full_text) for m in mentions]
        normalized = [normalize(t) for t in folded]
        raw = models.sentiment.positive_probability(normalized)
        evidences = [word_reasons(text) for text in folded]
        probs = [
            round(adjust_positive_probability(float(p), text, evidence, emotion_points(text)[1]), 4)
            for p, text, evidence in zip(raw, folded, evidences, strict=True)
        ]
        band = models.sentiment.neutral_band
        labels = [sentiment_label(p, band) for p in probs]
        categories = models.category.categorize(normalized, labels)
        out = []
        for mention, text, p, label, category, evidence in zip(
            mentions, folded, probs, labels, categories, evidences, strict=True
        ):
            update = {
                "sentiment": Sentiment(label=label, score=p),
                "category": category,
                "urgency": score_urgency(mention, text, label, p, evidence),
                "keywords": extract_keywords(text, exclude=self.exclude_keywords),
            }
            out.append(mention.model_copy(update=update))
        return out
