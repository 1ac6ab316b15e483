"""The Classifier protocol: fills sentiment, category, urgency and keywords on mentions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from core.brand_words import BrandWords
from core.errors import ConfigError
from core.models import Mention
from core.registry import Registry, UnknownKeyError


class Classifier(Protocol):
    """Anything that classifies a batch of mentions (returns classified copies, same order)."""

    name: str

    def classify(self, mentions: Sequence[Mention]) -> list[Mention]:
        """Classified copies of the mentions."""
        ...


@runtime_checkable
class DeploymentAware(Protocol):
    """A classifier that reads deployment-specific files (e.g. a model adapted from the
    deployment's corrections) from the data dir."""

    def for_deployment(self, data_dir: Path) -> Classifier:
        """This classifier with the data dir's own files applied."""
        ...


@runtime_checkable
class BrandAware(Protocol):
    """A classifier whose keywords can leave the brand's own names out."""

    def for_brand(self, brand: BrandWords) -> Classifier:
        """This classifier with keywords that never hold the brand's names or fragments."""
        ...


# Classifier factories by `classifier.model` name; the sentiment domain registers its models.
CLASSIFIERS: Registry[Callable[[], Classifier]] = Registry("分类模型")


def get_classifier(name: str, data_dir: Path | None = None) -> Classifier:
    """A new classifier registered under name (with data_dir's deployment files when it reads
    any); ConfigError lists the known names otherwise."""
    try:
        factory = CLASSIFIERS.get(name)
    except UnknownKeyError as exc:
        raise ConfigError(f"classifier.model：{exc}") from None
    classifier = factory()
    if data_dir is not None and isinstance(classifier, DeploymentAware):
        return classifier.for_deployment(data_dir)
    return classifier
