"""The Classifier protocol: fills sentiment, category, urgency and keywords on mentions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from core.models import Mention


class Classifier(Protocol):
    """Anything that classifies a batch of mentions (returns classified copies, same order)."""

    name: str

    def classify(self, mentions: Sequence[Mention]) -> list[Mention]:
        """Classified copies of the mentions."""
        ...
