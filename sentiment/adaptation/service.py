"""Fit the adaptation model from corrections, store it in the data dir, load it for `classify`."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from core.enums import SentimentLabel
from core.errors import YuqingError
from sentiment.adaptation.model import (
    COMPLAINT_COLUMNS,
    SENTIMENT_CLASSES,
    SENTIMENT_COLUMNS,
    Features,
    complaint_offsets,
    fit_residual,
    new_adapter,
    sentiment_offsets,
    set_block,
)
from sentiment.corrections.enums import CorrectedField
from sentiment.corrections.service import training_labels
from sentiment.features import fold, normalize_folded
from sentiment.linear_classifier import LoadedModels, TextDecisions, decide, load_models
from sentiment.model import LinearHashModel, ModelFileError

ADAPTED_FILE = Path("models") / "adapted.npz"
MIN_CORRECTIONS = 5  # per field; fewer leave that field as the base model decides it


class AdaptationFileError(YuqingError):
    """The stored adaptation model cannot be read."""


@dataclass(frozen=True)
class AdaptReport:
    """What one adaptation run used and wrote."""

    sentiment_corrections: int
    complaint_corrections: int
    path: Path | None  # None: too few corrections, nothing written
    seconds: float


def adapted_path(data_dir: Path) -> Path:
    """Where a deployment keeps its adaptation model."""
    return data_dir / ADAPTED_FILE


def load_adapter(data_dir: Path) -> LinearHashModel | None:
    """The deployment's adaptation model, or None when it has none."""
    path = adapted_path(data_dir)
    if not path.exists():
        return None
    try:
        return LinearHashModel.load(path)
    except (ModelFileError, KeyError, ValueError, OSError) as exc:
        raise AdaptationFileError(
            f"{path} 无法读取（{exc}）；删除该文件或重新运行 yuqing train adapt"
        ) from None


def fit_adapter(
    sentiment: Sequence[tuple[str, SentimentLabel]],
    complaint: Sequence[tuple[str, bool]],
    base: LoadedModels | None = None,
) -> LinearHashModel | None:
    """The adaptation model for these human labels (None when every field has too few)."""
    base = base or load_models()
    if len(sentiment) < MIN_CORRECTIONS and len(complaint) < MIN_CORRECTIONS:
        return None
    adapter = new_adapter(base.heads.idf)
    hash_spec = base.sentiment.linear.spec
    if len(sentiment) >= MIN_CORRECTIONS:
        texts, decided = _decided([t for t, _ in sentiment], base)
        features = Features.of(texts, adapter.idf, hash_spec)
        offsets = sentiment_offsets(decided.labels, decided.p_positive)
        targets = [SENTIMENT_CLASSES.index(label) for _, label in sentiment]
        set_block(adapter, features, SENTIMENT_COLUMNS, fit_residual(features, offsets, targets))
    if len(complaint) >= MIN_CORRECTIONS:
        texts, decided = _decided([t for t, _ in complaint], base)
        features = Features.of(texts, adapter.idf, hash_spec)
        offsets = complaint_offsets(decided.p_complaint)
        targets = [int(flag) for _, flag in complaint]
        set_block(adapter, features, COMPLAINT_COLUMNS, fit_residual(features, offsets, targets))
    adapter.meta.update(sentiment_corrections=len(sentiment), complaint_corrections=len(complaint))
    return adapter


def _decided(raw_texts: Sequence[str], base: LoadedModels) -> tuple[list[str], TextDecisions]:
    folded = [fold(t) for t in raw_texts]
    texts = [normalize_folded(t) for t in folded]
    return texts, decide(texts, folded, base)


def adapt_from_store(session: Session, data_dir: Path) -> AdaptReport:
    """Fit from the workflow store's latest sentiment and complaint corrections and save it."""
    started = time.perf_counter()
    sentiment = [
        (row.text, SentimentLabel(row.value))
        for row in training_labels(session, CorrectedField.SENTIMENT)
    ]
    complaint = [
        (row.text, row.value == "true")
        for row in training_labels(session, CorrectedField.COMPLAINT)
    ]
    adapter = fit_adapter(sentiment, complaint)
    path = None
    if adapter is not None:
        path = adapted_path(data_dir)
        adapter.save(path)
    seconds = round(time.perf_counter() - started, 2)
    return AdaptReport(len(sentiment), len(complaint), path, seconds)
