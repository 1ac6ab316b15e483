"""Linear models over hashed, idf-weighted, l2-normalised character n-grams (numpy inference).

Training lives in sentiment/train.py (scikit-learn); this module only needs numpy, so the
product does not depend on scikit-learn at run time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sentiment.features import FeatureSpec, hashed_ngrams

MODEL_DIR = Path(__file__).parent / "models"
SENTIMENT_MODEL_PATH = MODEL_DIR / "sentiment.npz"
CATEGORY_MODEL_PATH = MODEL_DIR / "category.npz"


class ModelFileError(RuntimeError):
    """A model file is missing or unreadable; retrain with `yuqing train sentiment`."""


@dataclass
class LinearHashModel:
    """score = W·x + b, where x is the idf-weighted, l2-normalised hashed n-gram vector."""

    spec: FeatureSpec
    # float32 when trained; float16 as loaded from a file (half the memory, and every product
    # is taken in float64, to which float16 converts exactly: the same scores).
    idf: NDArray[np.floating[Any]]
    weights: NDArray[np.floating[Any]]  # (buckets, outputs)
    bias: NDArray[np.float32]  # (outputs,)
    meta: dict[str, Any] = field(default_factory=dict)

    def decision(self, texts: Sequence[str]) -> NDArray[np.float64]:
        """Raw linear scores, shape (len(texts), outputs); normalised texts expected."""
        docs, buckets = hashed_ngrams(texts, self.spec)
        return self.decision_hashed(docs, buckets, len(texts))

    def decision_hashed(
        self, docs: NDArray[np.int64], buckets: NDArray[np.int64], n: int, bits: int | None = None
    ) -> NDArray[np.float64]:
        """Scores from (doc, bucket) pairs sorted by doc. Buckets hashed with more bits (same
        n-grams) are folded down here, so one hash pass serves every model."""
        if bits is not None and bits > self.spec.bits:
            buckets = buckets >> (bits - self.spec.bits)
        values = np.take(self.idf, buckets).astype(np.float64)
        norms = np.sqrt(np.bincount(docs, weights=values * values, minlength=n))
        norms[norms == 0] = 1.0
        outputs = self.weights.shape[1]
        scores = np.zeros((n, outputs), dtype=np.float64)
        if len(docs):
            # np.take, not weights[buckets] (several times faster on rows); one contiguous row
            # per output, so each document's sum runs over adjacent values: the same sums in
            # the same order as over columns, a quarter of the time.
            rows = np.ascontiguousarray(np.take(self.weights, buckets, axis=0).T)
            contrib = np.multiply(rows, values, dtype=np.float64)
            starts = np.flatnonzero(np.r_[True, docs[1:] != docs[:-1]])
            scores[docs[starts]] = np.add.reduceat(contrib, starts, axis=1).T
        return scores / norms[:, None] + self.bias.astype(np.float64)

    def save(self, path: Path) -> None:
        """Write a compressed .npz (float16 weights; unused buckets compress away)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        spec = {
            "bits": self.spec.bits,
            "ngrams": list(self.spec.ngrams),
            "skip_bigrams": self.spec.skip_bigrams,
        }
        np.savez_compressed(
            path,
            idf=self.idf.astype(np.float16),
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
            meta=np.array(json.dumps({"spec": spec, **self.meta}, ensure_ascii=False)),
        )

    @classmethod
    def load(cls, path: Path) -> LinearHashModel:
        """Read a model written by save()."""
        if not path.exists():
            raise ModelFileError(f"{path}：模型文件不存在；运行 yuqing train sentiment 生成")
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            spec_data = meta.pop("spec")
            spec = FeatureSpec(
                bits=int(spec_data["bits"]),
                ngrams=tuple(int(n) for n in spec_data["ngrams"]),
                skip_bigrams=bool(spec_data["skip_bigrams"]),
            )
            return cls(
                spec=spec,
                idf=data["idf"].astype(np.float16, copy=False),
                weights=data["weights"].astype(np.float16, copy=False),
                bias=data["bias"].astype(np.float32),
                meta=meta,
            )


def sigmoid(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """Numerically safe logistic function."""
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * x)), dtype=np.float64)


@dataclass
class SentimentModel:
    """Binary polarity model with Platt calibration and a neutral confidence band."""

    linear: LinearHashModel

    @property
    def neutral_band(self) -> float:
        """Half-width δ: P(positive) within 0.5 ± δ is labelled neutral."""
        return float(self.linear.meta.get("neutral_band", 0.1))

    def positive_probability(self, texts: Sequence[str]) -> NDArray[np.float64]:
        """Calibrated P(positive) per normalised text; empty texts get 0.5."""
        docs, buckets = hashed_ngrams(texts, self.linear.spec)
        return self.positive_probability_hashed(docs, buckets, texts)

    def positive_probability_hashed(
        self, docs: NDArray[np.int64], buckets: NDArray[np.int64], texts: Sequence[str]
    ) -> NDArray[np.float64]:
        """positive_probability() from an already computed hash pass of the texts."""
        raw = self.linear.decision_hashed(docs, buckets, len(texts))[:, 0]
        scale = float(self.linear.meta.get("platt_a", 1.0))
        shift = float(self.linear.meta.get("platt_b", 0.0))
        prob = sigmoid(scale * raw + shift)
        empty = np.fromiter((not t.strip() for t in texts), dtype=bool, count=len(texts))
        prob[empty] = 0.5
        return prob


@dataclass(frozen=True)
class LoadedModels:
    """The two model files of the default classifier, and the deployment's adaptation model
    learnt from its corrections (sentiment/adaptation), if it has one."""

    sentiment: SentimentModel
    heads: LinearHashModel
    adapter: LinearHashModel | None = None


@lru_cache(maxsize=1)
def load_models() -> LoadedModels:
    """Load the bundled model files once per process."""
    sentiment = SentimentModel(LinearHashModel.load(SENTIMENT_MODEL_PATH))
    return LoadedModels(sentiment=sentiment, heads=LinearHashModel.load(CATEGORY_MODEL_PATH))
