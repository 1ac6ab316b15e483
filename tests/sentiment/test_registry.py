"""Classifier registry and the Classifier contract."""

from __future__ import annotations

import pytest

from core.enums import SentimentLabel
from core.errors import ConfigError
from core.pipeline.classifier import CLASSIFIERS, get_classifier
from tests.sentiment.conftest import MakeMention


def test_known_names() -> None:
    assert get_classifier("default").name == "default"
    assert get_classifier("snownlp").name == "snownlp"
    assert set(CLASSIFIERS) == {"default", "snownlp"}


def test_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match=r"classifier.model.*'bert'.*default、snownlp"):
        get_classifier("bert")


@pytest.mark.parametrize("name", ["default", "snownlp"])
def test_classify_returns_filled_copies_in_order(name: str, make_mention: MakeMention) -> None:
    mentions = [
        make_mention("质量太差了，用一天就坏了，垃圾"),
        make_mention("非常好，很满意，推荐购买"),
    ]
    out = get_classifier(name).classify(mentions)
    assert [m.id for m in out] == [m.id for m in mentions]
    assert all(m.sentiment is None for m in mentions)  # inputs untouched
    assert out[0].sentiment is not None and out[1].sentiment is not None
    assert out[0].sentiment.label == SentimentLabel.NEGATIVE
    assert out[1].sentiment.label == SentimentLabel.POSITIVE
    assert out[0].sentiment.score < 0.5 < out[1].sentiment.score
    assert all(m.category is not None and m.urgency is not None for m in out)


def test_empty_batch(make_mention: MakeMention) -> None:
    assert get_classifier("default").classify([]) == []
