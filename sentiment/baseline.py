"""snownlp baseline: snownlp polarity; category rules, urgency and keywords shared with default."""

from __future__ import annotations

from collections.abc import Sequence

from core.enums import Category, SentimentLabel
from core.models import Mention, Sentiment
from sentiment.category import rule_category
from sentiment.features import fold
from sentiment.keywords import extract_keywords
from sentiment.urgency import score_urgency

NEUTRAL_BAND = 0.1


class SnowNLPClassifier:
    """Baseline (registry name "snownlp"): snownlp P(positive), neutral band 0.4–0.6."""

    name = "snownlp"

    def classify(self, mentions: Sequence[Mention]) -> list[Mention]:
        """Classified copies of the mentions, same order."""
        from snownlp import SnowNLP

        out = []
        for mention in mentions:
            text = fold(mention.full_text)
            score = round(float(SnowNLP(text).sentiments), 4) if text else 0.5
            if score < 0.5 - NEUTRAL_BAND:
                label = SentimentLabel.NEGATIVE
            elif score > 0.5 + NEUTRAL_BAND:
                label = SentimentLabel.POSITIVE
            else:
                label = SentimentLabel.NEUTRAL
            category = rule_category(text, label) or Category.OTHER
            update = {
                "sentiment": Sentiment(label=label, score=score),
                "category": category,
                "urgency": score_urgency(mention, text, label, score),
                "keywords": extract_keywords(text),
            }
            out.append(mention.model_copy(update=update))
        return out
