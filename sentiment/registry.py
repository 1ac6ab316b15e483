"""Classifier registry: `classifier.model` in yuqing.yaml picks one by name."""

from __future__ import annotations

from collections.abc import Callable

from core.errors import ConfigError
from sentiment.classifier import Classifier


def _default() -> Classifier:
    from sentiment.linear_classifier import LinearClassifier

    return LinearClassifier()


def _snownlp() -> Classifier:
    from sentiment.baseline import SnowNLPClassifier

    return SnowNLPClassifier()


CLASSIFIERS: dict[str, Callable[[], Classifier]] = {
    "default": _default,
    "snownlp": _snownlp,
}


def get_classifier(name: str) -> Classifier:
    """The classifier registered under name; ConfigError lists the known names otherwise."""
    try:
        factory = CLASSIFIERS[name]
    except KeyError:
        raise ConfigError(
            f"classifier.model: unknown model {name!r}; use one of {sorted(CLASSIFIERS)}"
        ) from None
    return factory()
