"""Sentiment model: held-out accuracy on a fixed sample, neutral band, stable hashing."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from core.enums import SentimentLabel
from sentiment.data import CORPORA, default_data_dir, load_corpora, split
from sentiment.decisions import lean_negative, sentiment_label
from sentiment.features import FeatureSpec, hashed_ngrams, normalize
from sentiment.groups import reduced
from sentiment.linear_classifier import LinearClassifier
from sentiment.model import load_models
from sentiment.train import SEED, Hashed, nb_scale, train_sentiment
from tests.conftest import require
from tests.sentiment.conftest import MakeMention

SAMPLE_PER_CORPUS = 300


def test_held_out_sample_accuracy() -> None:
    data_dir = default_data_dir()
    require(data_dir.exists(), f"{data_dir}: training data not mounted")
    model = load_models().sentiment
    for corpus in load_corpora(data_dir):
        held = split(corpus)[1]
        index = np.random.default_rng(7).choice(len(held.texts), SAMPLE_PER_CORPUS, replace=False)
        prob = model.positive_probability([normalize(held.texts[i]) for i in index])
        accuracy = float(np.mean((prob >= 0.5) == np.array([held.labels[i] for i in index])))
        assert accuracy >= 0.86, (corpus.name, accuracy)
        assert corpus.name in CORPORA


def test_split_is_grouped_and_fixed() -> None:
    data_dir = default_data_dir()
    require(data_dir.exists(), f"{data_dir}: training data not mounted")
    corpus = load_corpora(data_dir)[0]
    train_a, held_a = split(corpus)
    _, held_b = split(corpus)
    assert held_a.texts == held_b.texts
    assert abs(len(held_a.texts) / len(corpus.texts) - 0.2) < 0.02
    assert abs(np.mean(held_a.labels) - np.mean(corpus.labels)) < 0.03
    reduced_train = {reduced(t) for t in train_a.texts} - {""}
    assert not any(reduced(t) in reduced_train for t in held_a.texts)  # no copy on both sides
    assert len(train_a.texts) + len(held_a.texts) == len(corpus.texts)


def test_neutral_band() -> None:
    assert sentiment_label(0.05, 0.1) == SentimentLabel.NEGATIVE
    assert sentiment_label(0.55, 0.1) == SentimentLabel.NEUTRAL
    assert sentiment_label(0.61, 0.1) == SentimentLabel.POSITIVE
    assert 0.02 <= load_models().sentiment.neutral_band <= 0.2


def test_empty_text_is_neutral(classifier: LinearClassifier, make_mention: MakeMention) -> None:
    (result,) = classifier.classify([make_mention("   ")])
    assert result.sentiment is not None
    assert result.sentiment.label == SentimentLabel.NEUTRAL and result.sentiment.score == 0.5


def test_title_is_read(classifier: LinearClassifier, make_mention: MakeMention) -> None:
    (plain,) = classifier.classify([make_mention("如题")])
    (titled,) = classifier.classify([make_mention("如题", title="垃圾商家，骗子，差评！")])
    assert titled.sentiment is not None and plain.sentiment is not None
    assert titled.sentiment.score < plain.sentiment.score


def test_hashing_is_stable_across_processes() -> None:
    spec = FeatureSpec(bits=20)
    code = (
        "from sentiment.features import FeatureSpec, hashed_ngrams;"
        "print(hashed_ngrams(['好吃不贵'], FeatureSpec(bits=20))[1].tolist())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "123"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == str(hashed_ngrams(["好吃不贵"], spec)[1].tolist())


@pytest.mark.parametrize(
    ("texts", "expected"),
    [(["ab"], 3), (["ab", ""], 3), (["abc"], 7), (["aa"], 2)],  # 1+2+3-grams + skip-bigram
)
def test_ngram_counts(texts: list[str], expected: int) -> None:
    docs, _ = hashed_ngrams(texts, FeatureSpec(bits=20))
    assert len(docs) == expected
    assert set(docs.tolist()) <= {0}


def test_leaning_complaint_in_the_neutral_band_is_negative() -> None:
    neutral, negative = SentimentLabel.NEUTRAL, SentimentLabel.NEGATIVE
    assert lean_negative(neutral, 0.42, 0.6) == negative  # mild words, reads like a complaint
    assert lean_negative(neutral, 0.42, 0.05) == neutral  # leaning negative, no complaint
    assert lean_negative(neutral, 0.55, 0.9) == neutral  # leaning positive stays neutral
    assert lean_negative(SentimentLabel.POSITIVE, 0.9, 0.9) == SentimentLabel.POSITIVE


def test_nb_scale_weighs_separating_ngrams_more() -> None:
    import scipy.sparse as sp

    # bucket 0 only in positive texts, bucket 1 in all texts, bucket 2 in none
    matrix = sp.csr_matrix(np.array([[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 1.0, 0.0]] * 4))
    labels = np.array([1, 1, 0] * 4)
    scale = nb_scale(matrix, labels, 0.5)
    assert scale.shape == (3,)
    assert scale[0] > scale[1] > 0 and scale[2] > 0
    assert np.all(nb_scale(matrix, labels, 0.0) == 1.0)


def test_polarity_refit_uses_the_calibration_part_and_keeps_its_calibration() -> None:
    n = 400
    calib = np.random.default_rng(SEED).random(n) < 0.1  # the rows train_sentiment holds back
    rng = np.random.default_rng(7)
    labels = (np.arange(n) % 2).astype(np.int64)
    texts = []
    for i in range(n):
        words = ["很好", "喜欢", "满意"] if labels[i] else ["很差", "讨厌", "失望"]
        if rng.random() < 0.15:  # noisy labels: a calibrated model, not a separable toy
            words = ["很差", "讨厌", "失望"] if labels[i] else ["很好", "喜欢", "满意"]
        if calib[i] and labels[i]:
            words.append("赞")  # only ever seen in the held-back calibration part
        texts.append(" ".join(words))
    hashed = Hashed.of([normalize(t) for t in texts])
    held_back = train_sentiment(hashed, labels, refit_all=False)
    refit = train_sentiment(hashed, labels)
    assert refit.linear.meta["fitted_on"] == "all"
    for key in ("platt_a", "platt_b", "neutral_band"):
        assert refit.linear.meta[key] == held_back.linear.meta[key]
    only_calib = [normalize("赞")]
    assert (
        refit.positive_probability(only_calib)[0]
        > held_back.positive_probability(only_calib)[0] + 0.05
    )


def test_invariant_scale_keeps_buckets_that_agree_across_industries() -> None:
    import scipy.sparse as sp

    from sentiment.complaint_head import ComplaintHead, invariant_scale

    # per industry: 10 complaints, 10 not. bucket 0 marks complaints in both industries,
    # bucket 1 only in "a", bucket 2 marks complaints in "a" and non-complaints in "b",
    # bucket 3 is in every text (no vote), bucket 4 only in "c" (one class only: no vote).
    rows, labels, industries = [], [], []
    for industry in ("a", "b"):
        for label in (1, 0):
            for _ in range(10):
                flip = label if industry == "a" else 1 - label
                rows.append([label, label * (industry == "a"), flip, 1, 0])
                labels.append(label)
                industries.append(industry)
    rows += [[1, 0, 0, 1, 1]] * 10
    labels += [1] * 10
    industries += ["c"] * 10
    matrix = sp.csr_matrix(np.array(rows, dtype=float))
    head = ComplaintHead(agree=2, other_scale=0.25)
    scale = invariant_scale(matrix, np.array(labels), np.array(industries), head)
    assert scale.tolist() == [1.0, 0.25, 0.25, 0.25, 0.25]
    one = invariant_scale(matrix, np.array(labels), np.array(industries), ComplaintHead(agree=1))
    assert one.tolist() == [1.0, 1.0, 1.0, 1.0, 1.0]  # other_scale 1: nothing changes


def test_group_balanced_weights_give_industries_and_classes_equal_weight() -> None:
    from sentiment.complaint_head import group_balanced_weights

    labels = np.array([1] * 30 + [0] * 10 + [1] * 5 + [0] * 5)
    industries = np.array(["big"] * 40 + ["small"] * 10)
    weight = group_balanced_weights(labels, industries)
    assert weight.mean() == pytest.approx(1.0)
    assert weight[labels == 1].sum() == pytest.approx(weight[labels == 0].sum())
    big, small = weight[industries == "big"].sum(), weight[industries == "small"].sum()
    assert big == pytest.approx(small, rel=0.25)  # class balancing moves it a little
    assert weight[45] > weight[0]  # a small industry's text weighs more
