"""Evaluation: accuracy, macro-F1, neutral share and throughput of a classifier on a corpus."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from core.models import Mention
from core.pipeline.classifier import Classifier
from sentiment.data import CORPORA, Corpus, read_csv, split

_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class EvalResult:
    """Scores of one classifier on one corpus."""

    dataset: str
    classifier: str
    docs: int
    accuracy: float
    macro_f1: float
    neutral_share: float
    docs_per_second: float


def evaluation_corpus(path: Path, sample: int | None = None) -> Corpus:
    """The corpus to score: our held-out 20 % for a known *.train.csv, else the whole file."""
    corpus = read_csv(path)
    if path.name.endswith(".train.csv") and corpus.name in CORPORA:
        corpus = split(corpus)[1]
        corpus = Corpus(f"{corpus.name} (held-out)", corpus.texts, corpus.labels)
    if sample is not None and sample < len(corpus.texts):
        index = np.random.default_rng(0).choice(len(corpus.texts), sample, replace=False)
        index.sort()
        corpus = Corpus(
            f"{corpus.name} [sample {sample}]",
            [corpus.texts[i] for i in index],
            [corpus.labels[i] for i in index],
        )
    return corpus


def as_mentions(texts: list[str]) -> list[Mention]:
    """Wrap plain texts as Mentions (source "eval") for classify()."""
    return [
        Mention(source="eval", native_id=str(i), text=t, published_at=_EPOCH, collected_at=_EPOCH)
        for i, t in enumerate(texts)
    ]


def macro_f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    """Macro-averaged F1 over the two classes 0 and 1."""
    scores = []
    for cls in (0, 1):
        tp = float(np.sum((predicted == cls) & (truth == cls)))
        fp = float(np.sum((predicted == cls) & (truth != cls)))
        fn = float(np.sum((predicted != cls) & (truth == cls)))
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores))


def evaluate(classifier: Classifier, corpus: Corpus) -> EvalResult:
    """Classify the corpus end to end; a text counts as positive when P(positive) ≥ 0.5."""
    mentions = as_mentions(corpus.texts)
    started = time.perf_counter()
    classified = classifier.classify(mentions)
    elapsed = max(time.perf_counter() - started, 1e-9)
    scores = np.array([m.sentiment.score if m.sentiment else 0.5 for m in classified])
    neutral = (
        np.mean([m.sentiment is not None and m.sentiment.label == "neutral" for m in classified])
        if classified
        else 0.0
    )
    truth = np.array(corpus.labels)
    predicted = (scores >= 0.5).astype(int)
    return EvalResult(
        dataset=corpus.name,
        classifier=classifier.name,
        docs=len(corpus.texts),
        accuracy=round(float(np.mean(predicted == truth)), 4) if len(truth) else 0.0,
        macro_f1=round(macro_f1(truth, predicted), 4),
        neutral_share=round(float(neutral), 4),
        docs_per_second=round(len(mentions) / elapsed, 1),
    )
