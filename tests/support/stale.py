"""Labels an older classifier left on a stored mention, for the reclassify tests."""

from __future__ import annotations

from core.enums import Category, SentimentLabel
from core.models import Complaint, Mention, Sentiment


def stale_labels(mention: Mention) -> Mention:
    """The mention as an older model had labelled it: positive, no complaint, category other."""
    return mention.model_copy(
        update={
            "sentiment": Sentiment(label=SentimentLabel.POSITIVE, score=0.9),
            "complaint": Complaint(flag=False, probability=0.1),
            "category": Category.OTHER,
        }
    )
