"""The Classifier protocol: fills sentiment, category, urgency and keywords on mentions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from core.errors import ConfigError
from core.models import Mention
from core.registry import Registry, UnknownKeyError


class Classifier(Protocol):
    """Anything that classifies a batch of mentions (returns classified copies, same order)."""

    name: str

    def classify(self, mentions: Sequence[Mention]) -> list[Mention]:
        """Classified copies of the mentions."""
        ...


# Classifier factories by `classifier.model` name; the sentiment domain registers its models.
CLASSIFIERS: Registry[Callable[[], Classifier]] = Registry("分类模型")


def get_classifier(name: str) -> Classifier:
    """A new classifier registered under name; ConfigError lists the known names otherwise."""
    try:
        factory = CLASSIFIERS.get(name)
    except UnknownKeyError as exc:
        raise ConfigError(f"classifier.model：{exc}") from None
    return factory()
