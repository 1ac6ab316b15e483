"""The domain gate: how much a text looks like the deployment's corrected texts rather than the
texts the base model was trained on.

A logistic regression over the adapter's hashed n-gram features, corrected texts (1) against a
background sample of the base model's training texts (0), classes weighted equally. Its score
is the adapter's last output column (weights + bias), so the gate costs nothing extra at
inference. The background ships beside the base model (`sentiment/models/background.npz`: the
hashed n-gram buckets of a per-corpus sample of the training side, no text), written by
`write_background` whenever the base model is trained.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from core.errors import YuqingError
from sentiment.adaptation.model import ADAPT_SPEC, Features, adam
from sentiment.features import FeatureSpec, hashed_ngrams, normalize
from sentiment.model import MODEL_DIR

BACKGROUND_PATH = MODEL_DIR / "background.npz"
BACKGROUND_PER_SOURCE = 600
# L2 on the balanced (mean) loss; the bias is not regularised. Chosen on banking in bench_adapt
# (1e-3 … 1e-5: AUC in-industry vs other industries 0.96–0.98 at N = 50–1,000 for all three).
GATE_L2 = 1e-4
# Calibration on background texts the gate did not train on (1 in HOLD_OUT): the gate is 0.5 at
# their GATE_QUANTILE score, and rises over GATE_SHARPNESS × (that score − their median).
HOLD_OUT = 5
GATE_QUANTILE = 0.99
GATE_SHARPNESS = 6.0


class BackgroundFileError(YuqingError):
    """The shipped background sample is missing or unreadable."""


@dataclass(frozen=True)
class Background:
    """Hashed n-grams (folded to ADAPT_SPEC.bits) of a sample of base training texts."""

    docs: NDArray[np.int64]
    buckets: NDArray[np.int64]
    n: int

    @classmethod
    def of(cls, texts: Sequence[str]) -> Background:
        """Hash raw texts as the classifier does."""
        docs, buckets = hashed_ngrams([normalize(t) for t in texts], ADAPT_SPEC)
        return cls(docs, buckets, len(texts))

    def save(self, path: Path) -> None:
        """Write compressed bucket ids per text (no text)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path, docs=self.docs.astype(np.int32), buckets=self.buckets.astype(np.int32)
        )

    @classmethod
    def load(cls, path: Path = BACKGROUND_PATH) -> Background:
        """Read a file written by save()."""
        try:
            with np.load(path, allow_pickle=False) as data:
                docs = data["docs"].astype(np.int64)
                buckets = data["buckets"].astype(np.int64)
        except (OSError, KeyError, ValueError) as exc:
            raise BackgroundFileError(
                f"{path} 无法读取（{exc}）；重新运行 yuqing train sentiment 生成背景样本"
            ) from None
        return cls(docs, buckets, int(docs.max()) + 1 if len(docs) else 0)


def sample_texts(texts: Sequence[str], sources: Sequence[str], seed: int = 0) -> list[str]:
    """At most BACKGROUND_PER_SOURCE texts per source corpus, drawn reproducibly."""
    rng = np.random.default_rng(seed)
    by_source: dict[str, list[int]] = {}
    for i, source in enumerate(sources):
        by_source.setdefault(source, []).append(i)
    chosen: list[int] = []
    for source in sorted(by_source):
        rows = by_source[source]
        chosen.extend(rows[int(i)] for i in rng.permutation(len(rows))[:BACKGROUND_PER_SOURCE])
    return [texts[i] for i in sorted(chosen)]


def write_background(texts: Sequence[str], sources: Sequence[str], path: Path) -> Path:
    """Sample the base model's training texts per corpus and save their hashed n-grams."""
    Background.of(sample_texts(texts, sources)).save(path)
    return path


def fit_gate(
    corrected: Sequence[str], background: Background, idf: NDArray[np.float32], spec: FeatureSpec
) -> tuple[Features, NDArray, float]:
    """(features, weights per column, bias) of the gate: a logistic regression of corrected
    (normalised) texts against 4/5 of the background, each class weighing one half of the
    loss, then calibrated on the other fifth: there, only 1 − GATE_QUANTILE get g > 0.5."""
    own_docs, own_buckets = hashed_ngrams(corrected, spec)
    n_own = len(corrected)
    docs = np.concatenate([own_docs, background.docs + n_own])
    buckets = np.concatenate([own_buckets >> (spec.bits - ADAPT_SPEC.bits), background.buckets])
    both = Features.hashed(docs, buckets, n_own + background.n, idf)
    is_background = np.r_[np.zeros(n_own, bool), np.ones(background.n, bool)]
    held = is_background & (np.arange(both.n) % HOLD_OUT == 0)
    target = (~is_background).astype(np.float64)
    used = ~held & is_background
    weight = np.where(is_background, 0.5 / max(int(used.sum()), 1), 0.5 / max(n_own, 1))
    weight[held] = 0.0

    def gradient(params: NDArray) -> NDArray:
        w, b = params[:-1], params[-1, 0]
        score = both.times(w)[:, 0] + b
        error = weight * (1.0 / (1.0 + np.exp(-score)) - target)
        grad_w = both.transposed_times(error[:, None]) + GATE_L2 * w
        return np.vstack([grad_w, [[error.sum()]]])

    params = adam(gradient, np.zeros((len(both.buckets) + 1, 1)))
    weights = params[:-1]
    unseen = both.times(weights)[held, 0]
    threshold = float(np.quantile(unseen, GATE_QUANTILE)) if len(unseen) else 0.0
    spread = max(threshold - float(np.median(unseen)) if len(unseen) else 1.0, 1e-3)
    scale = GATE_SHARPNESS / spread
    return both, weights * scale, -threshold * scale
