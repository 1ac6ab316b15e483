"""Training: sentiment model (logistic regression + Platt + neutral band) and the weakly
supervised category model. Needs scikit-learn (dev extra); inference does not."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sentiment.category import MODEL_LABELS, weak_label
from sentiment.data import SEED, Corpus, load_corpora, split
from sentiment.features import FeatureSpec, hashed_ngrams, normalize
from sentiment.model import (
    CATEGORY_MODEL_PATH,
    SENTIMENT_MODEL_PATH,
    LinearHashModel,
    SentimentModel,
    sigmoid,
)

SENTIMENT_SPEC = FeatureSpec(bits=20, ngrams=(1, 2, 3), skip_bigrams=True)
CATEGORY_SPEC = FeatureSpec(bits=16, ngrams=(1, 2, 3), skip_bigrams=False)
SENTIMENT_C = 16.0
CATEGORY_C = 4.0
# The neutral band grows while the texts at its edge are classified no better than this.
NEUTRAL_MAX_ACCURACY = 0.70
NEUTRAL_RING = 0.05
NEUTRAL_MAX_BAND = 0.2


@dataclass(frozen=True)
class TrainReport:
    """What training produced, for the CLI to print."""

    sentiment_path: Path
    category_path: Path
    held_out_accuracy: dict[str, float]
    neutral_band: float
    seconds: float


def idf_vector(texts: Sequence[str], spec: FeatureSpec) -> NDArray[np.float32]:
    """Smoothed idf per bucket (sklearn's formula); unseen buckets get the maximum."""
    _, buckets = hashed_ngrams(texts, spec)
    df = np.bincount(buckets, minlength=spec.buckets)
    return (np.log((1 + len(texts)) / (1 + df)) + 1).astype(np.float32)


def design_matrix(texts: Sequence[str], spec: FeatureSpec, idf: NDArray[np.float32]) -> Any:
    """scipy CSR matrix of idf-weighted, l2-normalised hashed n-grams."""
    import scipy.sparse as sp

    docs, buckets = hashed_ngrams(texts, spec)
    values = idf[buckets].astype(np.float64)
    norms = np.sqrt(np.bincount(docs, weights=values * values, minlength=len(texts)))
    norms[norms == 0] = 1.0
    return sp.csr_matrix((values / norms[docs], (docs, buckets)), shape=(len(texts), spec.buckets))


def _fit_logistic(matrix: Any, labels: NDArray[np.int64], c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, solver="liblinear", max_iter=2000, random_state=SEED)
    return model.fit(matrix, labels)


def neutral_band(prob: NDArray[np.float64], labels: NDArray[np.int64]) -> float:
    """Widest band 0.5 ± δ such that texts at its edge (confidence in [δ − 0.05, δ)) are
    classified right at most NEUTRAL_MAX_ACCURACY of the time: there the label is a guess."""
    confidence = np.abs(prob - 0.5)
    correct = (prob >= 0.5) == (labels == 1)
    best = 0.05
    for delta in np.arange(0.05, NEUTRAL_MAX_BAND + 1e-9, 0.01):
        ring = (confidence < delta) & (confidence >= delta - NEUTRAL_RING)
        if ring.sum() >= 10 and correct[ring].mean() <= NEUTRAL_MAX_ACCURACY:
            best = float(delta)
    return round(best, 2)


def train_sentiment(texts: list[str], labels: NDArray[np.int64]) -> SentimentModel:
    """Fit on 90 %, calibrate (Platt) and pick the neutral band on 10 %, refit on all."""
    rng = np.random.default_rng(SEED)
    calib = rng.random(len(texts)) < 0.1
    idf = idf_vector(texts, SENTIMENT_SPEC)
    matrix = design_matrix(texts, SENTIMENT_SPEC, idf)
    first = _fit_logistic(matrix[~calib], labels[~calib], SENTIMENT_C)
    raw = first.decision_function(matrix[calib])
    platt = _fit_logistic(raw.reshape(-1, 1), labels[calib], 1e4)
    a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    band = neutral_band(sigmoid(a * raw + b), labels[calib])
    final = _fit_logistic(matrix, labels, SENTIMENT_C)
    linear = LinearHashModel(
        spec=SENTIMENT_SPEC,
        idf=idf,
        weights=final.coef_.T.astype(np.float32),
        bias=final.intercept_.astype(np.float32),
        meta={"platt_a": a, "platt_b": b, "neutral_band": band, "C": SENTIMENT_C},
    )
    return SentimentModel(linear)


def train_category(texts: list[str], labels: NDArray[np.int64]) -> LinearHashModel:
    """One-vs-rest logistic regression on lexicon weak labels (praise = other)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    weak = [weak_label(t, int(y)) for t, y in zip(texts, labels, strict=True)]
    keep = [i for i, w in enumerate(weak) if w is not None]
    chosen = [texts[i] for i in keep]
    targets = np.array([MODEL_LABELS.index(weak[i]) for i in keep])  # type: ignore[arg-type]
    idf = idf_vector(chosen, CATEGORY_SPEC)
    matrix = design_matrix(chosen, CATEGORY_SPEC, idf)
    base = LogisticRegression(
        C=CATEGORY_C, solver="liblinear", class_weight="balanced", random_state=SEED
    )
    model = OneVsRestClassifier(base).fit(matrix, targets)
    weights = np.zeros((CATEGORY_SPEC.buckets, len(MODEL_LABELS)), dtype=np.float32)
    bias = np.full(len(MODEL_LABELS), -10.0, dtype=np.float32)
    for column, estimator in zip(model.classes_, model.estimators_, strict=True):
        weights[:, column] = estimator.coef_[0]
        bias[column] = estimator.intercept_[0]
    counts = np.bincount(targets, minlength=len(MODEL_LABELS)).tolist()
    meta = {"labels": [str(c) for c in MODEL_LABELS], "weak_label_counts": counts}
    return LinearHashModel(spec=CATEGORY_SPEC, idf=idf, weights=weights, bias=bias, meta=meta)


def train(
    data_dir: Path,
    out: Path = SENTIMENT_MODEL_PATH,
    category_out: Path = CATEGORY_MODEL_PATH,
    progress: Callable[[str], None] = print,
) -> TrainReport:
    """Train both models on the 80 % part of every corpus and report held-out accuracy."""
    started = time.perf_counter()
    corpora = load_corpora(data_dir)
    if not corpora:
        raise FileNotFoundError(f"{data_dir}: no training CSVs (e.g. waimai_10k.train.csv)")
    parts = [split(c) for c in corpora]
    texts = [normalize(t) for train_part, _ in parts for t in train_part.texts]
    labels = np.array([y for train_part, _ in parts for y in train_part.labels])
    progress(f"sentiment: {len(texts)} training texts from {len(corpora)} corpora")
    sentiment = train_sentiment(texts, labels)
    accuracy = _held_out_accuracy(sentiment, [held for _, held in parts])
    progress(f"held-out accuracy: {json.dumps(accuracy)}")
    progress("category: weak labels from lexicon rules")
    category = train_category(texts, labels)
    sentiment.linear.meta["held_out_accuracy"] = accuracy
    sentiment.linear.save(out)
    category.save(category_out)
    return TrainReport(
        sentiment_path=out,
        category_path=category_out,
        held_out_accuracy=accuracy,
        neutral_band=sentiment.neutral_band,
        seconds=round(time.perf_counter() - started, 1),
    )


def _held_out_accuracy(model: SentimentModel, held: Sequence[Corpus]) -> dict[str, float]:
    result = {}
    for corpus in held:
        prob = model.positive_probability([normalize(t) for t in corpus.texts])
        result[corpus.name] = round(float(((prob >= 0.5) == np.array(corpus.labels)).mean()), 4)
    return result
