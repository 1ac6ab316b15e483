"""Classifier registry: `classifier.model` in yuqing.yaml picks one by name."""

from __future__ import annotations

from collections.abc import Callable

from core.errors import ConfigError
from sentiment.classifier import Classifier


def _snownlp() -> Classifier:
    from sentiment.baseline import SnowNLPClassifier

    return SnowNLPClassifier()


CLASSIFIERS: dict[str, Callable[[], Classifier]] = {
    "snownlp": _snownlp,
    "default": _snownlp,
}


def get_classifier(name: str) -> Classifier:
    """The classifier registered under name."""
    try:
        factory = CLASSIFIERS[name]
    except KeyError:
        raise ConfigError(
            f"classifier.model: unknown model {name!r}; use one of {sorted(CLASSIFIERS)}"
        ) from None
    return factory()
