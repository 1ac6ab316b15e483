"""Domain prior on top of the review-trained polarity model."""

from __future__ import annotations

import pytest

from core.enums import SentimentLabel
from sentiment.adjust import adjust_positive_probability
from sentiment.complaint_cues import MATCHER, is_inquiry
from sentiment.features import fold
from sentiment.linear_classifier import LinearClassifier
from sentiment.urgency import word_reasons
from tests.sentiment.conftest import MakeMention


def test_urgency_evidence_pushes_towards_negative() -> None:
    text = fold("孩子食物中毒住院，我要报警并找记者曝光")
    evidence = word_reasons(text)
    assert adjust_positive_probability(0.5, text, evidence, 0.0) < 0.1
    assert adjust_positive_probability(0.5, text, [], 0.0) == 0.5


def test_inquiry_is_pulled_towards_neutral() -> None:
    text = fold("请问这款手机支持5g吗？")
    assert is_inquiry(MATCHER.found(text))
    assert 0.3 < adjust_positive_probability(0.05, text, [], 0.0, inquiry=True) < 0.5
    assert adjust_positive_probability(0.05, text, [], 0.0) == pytest.approx(0.05)
    assert not is_inquiry(MATCHER.found(fold("质量太差了吧？")))
    # An inquiry word beside a complaint cue: a defect report, not an inquiry.
    assert not is_inquiry(MATCHER.found(fold("请问刹车异响怎么办")))


def test_classifier_labels(classifier: LinearClassifier, make_mention: MakeMention) -> None:
    crisis, inquiry, praise = classifier.classify(
        [
            make_mention("在他家吃完饭全家食物中毒，已经报警"),
            make_mention("请问这款手机支持5G吗？什么时候发布？"),
            make_mention("孩子很喜欢，质量很好，物流也快"),
        ]
    )
    assert crisis.sentiment is not None and crisis.sentiment.label == SentimentLabel.NEGATIVE
    assert inquiry.sentiment is not None and inquiry.sentiment.label == SentimentLabel.NEUTRAL
    assert praise.sentiment is not None and praise.sentiment.label == SentimentLabel.POSITIVE
