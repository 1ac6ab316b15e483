"""The sentiment domain's classifiers, registered by `classifier.model` name."""

from __future__ import annotations

from core.pipeline.classifier import CLASSIFIERS, Classifier


def _default() -> Classifier:
    from sentiment.linear_classifier import LinearClassifier

    return LinearClassifier()


def _snownlp() -> Classifier:
    from sentiment.baseline import SnowNLPClassifier

    return SnowNLPClassifier()


def register_classifiers() -> None:
    """Add the bundled models to the classifier registry."""
    CLASSIFIERS.add("default", _default)
    CLASSIFIERS.add("snownlp", _snownlp)
