"""Fit the adaptation model from corrections, store it in the data dir, load it for `classify`."""

from __future__ import annotations

import os
import time
import zlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.enums import Category, Channel, SentimentLabel
from core.errors import YuqingError
from core.index.protocol import MentionIndex, SearchQuery, SortOrder
from core.models import utcnow
from sentiment.adaptation import model
from sentiment.adaptation.gate import Background, fit_gate
from sentiment.adaptation.model import (
    ADAPT_SPEC,
    CATEGORY_COLUMNS,
    COMPLAINT_COLUMNS,
    GATE_COLUMN,
    OUTPUTS,
    SENTIMENT_CLASSES,
    SENTIMENT_COLUMNS,
    Features,
    complaint_offsets,
    fit_residual,
    new_adapter,
    sentiment_offsets,
    set_block,
)
from sentiment.category import MODEL_LABELS
from sentiment.corrections.enums import CorrectedField
from sentiment.corrections.models import LabelCorrection
from sentiment.corrections.service import training_labels
from sentiment.decisions import TextDecisions, decide
from sentiment.features import FeatureSpec, fold, hashed_ngrams, normalize_folded
from sentiment.model import LinearHashModel, LoadedModels, ModelFileError, load_models

T = TypeVar("T")
ADAPTED_FILE = Path("models") / "adapted.npz"
MIN_CORRECTIONS = 5  # per field; fewer leave that field as the base model decides it
LEARNT_FIELDS = (CorrectedField.SENTIMENT, CorrectedField.COMPLAINT, CorrectedField.CATEGORY)
HOLD_BACK_EVERY = 5  # 1 in 5 corrections (by mention) is held back to measure the effect
MIN_HELD_BACK = 5  # per field, or its effect is not measured
STREAM_ANCHORS = 1000  # newest uncorrected mentions anchoring the fit (stream_texts)
STREAM_QUIET = 0.3  # P(complaint) below which a stream text anchors "no complaint"


class AdaptationFileError(YuqingError):
    """The stored adaptation model cannot be read."""


@dataclass(frozen=True)
class HumanLabels:
    """The latest human label per mention of each learnt field (normalised texts), and which
    of those texts were filed on a complaint platform."""

    sentiment: Sequence[tuple[str, SentimentLabel]] = ()
    complaint: Sequence[tuple[str, bool]] = ()
    category: Sequence[tuple[str, Category]] = ()
    filed: frozenset[str] = frozenset()

    def counts(self) -> dict[str, int]:
        """Labels per field."""
        return {
            "sentiment": len(self.sentiment),
            "complaint": len(self.complaint),
            "category": len(self.category),
        }


@dataclass(frozen=True)
class AdaptReport:
    """What one adaptation run used and wrote."""

    sentiment_corrections: int
    complaint_corrections: int
    path: Path | None  # None: too few corrections, nothing written
    seconds: float
    category_corrections: int = 0
    effect: dict[str, dict[str, float]] = field(default_factory=dict)


def adapted_path(data_dir: Path) -> Path:
    """Where a deployment keeps its adaptation model."""
    return data_dir / ADAPTED_FILE


def load_adapter(data_dir: Path) -> LinearHashModel | None:
    """The deployment's adaptation model, or None when it has none."""
    path = adapted_path(data_dir)
    if not path.exists():
        return None
    try:
        adapter = LinearHashModel.load(path)
    except (ModelFileError, KeyError, ValueError, OSError) as exc:
        raise AdaptationFileError(
            f"{path} 无法读取（{exc}）；删除该文件或重新运行 yuqing train adapt"
        ) from None
    if adapter.weights.shape[1] != OUTPUTS:
        raise AdaptationFileError(f"{path} 是旧版自适应模型；重新运行 yuqing train adapt")
    return adapter


def fit_adapter(
    sentiment: Sequence[tuple[str, SentimentLabel]],
    complaint: Sequence[tuple[str, bool]],
    base: LoadedModels | None = None,
    category: Sequence[tuple[str, Category]] = (),
    background: Background | None = None,
    filed: Collection[str] = (),
    stream: Sequence[str] = (),
) -> LinearHashModel | None:
    """The adaptation model for these human labels (None when every field has too few).

    Texts in `filed` were posted on a complaint platform: the residual is fitted on top of the
    decision `classify` makes for them (with the platform's complaint floor), not the text's.
    `stream`: uncorrected texts of the deployment (normalised); those the base model reads as
    clearly no complaint anchor the complaint and category fits (weight DEPLOYMENT_ANCHOR):
    staff who correct a new industry's missed complaints must not teach that every post of
    the industry is one. Posts the base model flags are not anchors: where it over-flags a
    stream, the corrections saying "no complaint" must win."""
    base = base or load_models()
    if max(len(sentiment), len(complaint), len(category)) < MIN_CORRECTIONS:
        return None
    adapter = new_adapter(base.heads.idf)
    hash_spec = base.sentiment.linear.spec
    background = background or Background.load()
    corrected: dict[str, None] = {}
    quiet = _clearly_no_complaint(stream, base) if stream and (complaint or category) else []
    fields = (
        (sentiment, SENTIMENT_COLUMNS, lambda d: sentiment_offsets(d.labels, d.p_positive)),
        (complaint, COMPLAINT_COLUMNS, lambda d: complaint_offsets(d.p_complaint)),
        (category, CATEGORY_COLUMNS, lambda d: np.array(d.category_logits)),
    )
    for pairs, block, offsets_of in fields:
        if len(pairs) < MIN_CORRECTIONS:
            continue
        texts, decided = _decided([t for t, _ in pairs], base, filed)
        corrected.update(dict.fromkeys(texts))
        fixed = set(texts)
        own = [t for t in quiet if t not in fixed] if block != SENTIMENT_COLUMNS else []
        features, pull = anchored_features(texts, background, adapter.idf, hash_spec, own)
        targets = [_target(block, value) for _, value in pairs]
        l2 = model.CATEGORY_L2 if block == CATEGORY_COLUMNS else model.L2
        weights = fit_residual(features, offsets_of(decided), targets, len(texts), l2, pull)
        set_block(adapter, features, block, weights)
    gate_features, gate_weights, gate_bias = fit_gate(
        list(corrected), background, adapter.idf, hash_spec
    )
    set_block(adapter, gate_features, slice(GATE_COLUMN, GATE_COLUMN + 1), gate_weights)
    adapter.bias[GATE_COLUMN] = gate_bias
    adapter.meta.update(
        sentiment_corrections=len(sentiment),
        complaint_corrections=len(complaint),
        category_corrections=len(category),
    )
    return adapter


def _clearly_no_complaint(stream: Sequence[str], base: LoadedModels) -> list[str]:
    """The stream texts the base model reads as clearly no complaint."""
    texts, decided = _decided(stream, base)
    return [t for t, p in zip(texts, decided.p_complaint, strict=True) if p < STREAM_QUIET]


def _target(block: slice, value: object) -> int:
    if block == SENTIMENT_COLUMNS:
        return SENTIMENT_CLASSES.index(SentimentLabel(str(value)))
    if block == COMPLAINT_COLUMNS:
        return int(bool(value))
    return MODEL_LABELS.index(Category(str(value)))


def anchored_features(
    texts: Sequence[str],
    background: Background,
    idf: NDArray[np.float32],
    spec: FeatureSpec,
    stream: Sequence[str] = (),
) -> tuple[Features, NDArray | None]:
    """The corrected texts' rows, then (when ANCHOR is on) the background's as anchors, then
    the deployment's uncorrected `stream` texts (when DEPLOYMENT_ANCHOR is on); and each
    anchor's weight (None: the background's default)."""
    stream = stream if model.DEPLOYMENT_ANCHOR else ()
    if not model.ANCHOR and not stream:
        return Features.of(texts, idf, spec), None
    shift = spec.bits - ADAPT_SPEC.bits
    docs, buckets = hashed_ngrams(texts, spec)
    parts_docs, parts_buckets, n = [docs], [buckets >> shift], len(texts)
    pulls: list[NDArray] = []
    if model.ANCHOR:
        keep = background.docs % model.ANCHOR_EVERY == 0
        count = (background.n + model.ANCHOR_EVERY - 1) // model.ANCHOR_EVERY
        parts_docs.append(background.docs[keep] // model.ANCHOR_EVERY + n)
        parts_buckets.append(background.buckets[keep])
        pulls.append(np.full(count, model.ANCHOR / count))
        n += count
    if stream:
        own_docs, own_buckets = hashed_ngrams(list(stream), spec)
        parts_docs.append(own_docs + n)
        parts_buckets.append(own_buckets >> shift)
        pulls.append(np.full(len(stream), model.DEPLOYMENT_ANCHOR / len(stream)))
        n += len(stream)
    features = Features.hashed(np.concatenate(parts_docs), np.concatenate(parts_buckets), n, idf)
    return features, np.concatenate(pulls)


def _decided(
    raw_texts: Sequence[str], base: LoadedModels, filed: Collection[str] = ()
) -> tuple[list[str], TextDecisions]:
    folded = [fold(t) for t in raw_texts]
    texts = [normalize_folded(t) for t in folded]
    platform = [t in filed for t in raw_texts] if filed else []
    return texts, decide(texts, folded, base, platform)


def human_labels(session: Session) -> tuple[HumanLabels, int]:
    """The learnt fields' latest labels per mention, and the newest correction id they include.
    A category other than `other` also says the mention is a complaint (unless staff said so)
    where the model had not filed it under a complaint category: a category fixed on a post the
    model already took for a complaint confirms a flag nobody doubted. Staff correct what is
    wrong, so those confirmations are the industry's own complaint words over and over; the
    complaint fit learnt them and flagged its neutral posts (`bench.week_adapt`, four unseen
    weeks: false flags 0.143 → 0.071 at N = 200, 0.218 → 0.128 at 1,000)."""
    rows = {f: training_labels(session, f) for f in LEARNT_FIELDS}
    flagged = {row.mention_id for row in rows[CorrectedField.COMPLAINT]}
    complaint = [(row.text, row.value == "true") for row in rows[CorrectedField.COMPLAINT]]
    complaint += [
        (row.text, True)
        for row in rows[CorrectedField.CATEGORY]
        if row.value != Category.OTHER
        and row.mention_id not in flagged
        and row.before in (None, Category.OTHER)
    ]
    labels = HumanLabels(
        sentiment=[(r.text, SentimentLabel(r.value)) for r in rows[CorrectedField.SENTIMENT]],
        complaint=complaint,
        category=[(r.text, Category(r.value)) for r in rows[CorrectedField.CATEGORY]],
        filed=frozenset(r.text for field_rows in rows.values() for r in field_rows if r.filed),
    )
    return labels, last_correction_id(session)


def last_correction_id(session: Session) -> int:
    """The newest stored correction of a learnt field (0 when there is none)."""
    fields = [f.value for f in LEARNT_FIELDS]
    statement = select(func.max(LabelCorrection.id)).where(LabelCorrection.field.in_(fields))
    return int(session.scalar(statement) or 0)


def _split(pairs: Sequence[tuple[str, T]]) -> tuple[list[tuple[str, T]], list[tuple[str, T]]]:
    """(kept, held back): 1 in HOLD_BACK_EVERY texts, decided by the text itself."""
    held = [zlib.crc32(p[0].encode("utf-8")) % HOLD_BACK_EVERY == 0 for p in pairs]
    kept = [p for p, h in zip(pairs, held, strict=True) if not h]
    return kept, [p for p, h in zip(pairs, held, strict=True) if h]


def measure_effect(
    labels: HumanLabels, base: LoadedModels, stream: Sequence[str] = ()
) -> dict[str, dict[str, float]]:
    """Accuracy on a held-back fifth of the corrections, base vs. adapted on the other four
    fifths, per field with at least MIN_HELD_BACK held back."""
    sentiment, complaint, category = (
        _split(labels.sentiment),
        _split(labels.complaint),
        _split(labels.category),
    )
    held: dict[str, Sequence[tuple[str, object]]] = {
        "sentiment": sentiment[1],
        "complaint": complaint[1],
        "category": category[1],
    }
    measured = {name: rows for name, rows in held.items() if len(rows) >= MIN_HELD_BACK}
    if not measured:
        return {}
    adapter = fit_adapter(
        sentiment[0], complaint[0], base, category=category[0], filed=labels.filed, stream=stream
    )
    adapted = LoadedModels(base.sentiment, base.heads, adapter)
    effect: dict[str, dict[str, float]] = {}
    for name, rows in measured.items():
        texts = [t for t, _ in rows]
        truth = [str(v).lower() for _, v in rows]
        before, after = (
            _answers(name, _decided(texts, m, labels.filed)[1]) for m in (base, adapted)
        )
        effect[name] = {
            "held_back": len(rows),
            "before": _agreement(before, truth),
            "after": _agreement(after, truth),
        }
    return effect


def _agreement(answers: Sequence[str], truth: Sequence[str]) -> float:
    return round(float(np.mean([a == t for a, t in zip(answers, truth, strict=True)])), 3)


def _answers(name: str, decided: TextDecisions) -> list[str]:
    if name == "sentiment":
        return [str(label) for label in decided.labels]
    if name == "complaint":
        return [str(p >= 0.5).lower() for p in decided.p_complaint]
    return [str(c) for c in decided.categories]


def save_atomically(adapter: LinearHashModel, path: Path) -> None:
    """Write next to the target and rename over it: readers see the old or the new file."""
    partial = path.with_name(f".{path.stem}.{os.getpid()}.partial.npz")
    adapter.save(partial)
    os.replace(partial, path)


def stream_texts(index: MentionIndex, limit: int = STREAM_ANCHORS) -> list[str]:
    """The deployment's newest mentions nobody corrected (normalised texts): anchors that keep
    the base decision on the rest of the stream (model.DEPLOYMENT_ANCHOR)."""
    found = index.search(SearchQuery(limit=limit, sort=SortOrder.NEWEST)).mentions
    # A post filed on a complaint platform is a complaint whatever its wording: never an anchor.
    kept = [m for m in found if not m.corrected and m.channel != Channel.COMPLAINT_PLATFORM]
    return [normalize_folded(fold(m.full_text)) for m in kept]


def adapt_from_store(
    session: Session,
    data_dir: Path,
    now: datetime | None = None,
    measure: bool = True,
    index: MentionIndex | None = None,
    stage: Callable[[str, HumanLabels], None] = lambda name, labels: None,
) -> AdaptReport:
    """Fit from the workflow store's latest corrections (anchored on the index's uncorrected
    mentions when given), measure the effect on a held-back slice, and swap the model file in
    atomically. `stage` hears each step as it starts ("fit", "measure", "save"), for a caller
    that shows progress."""
    started = time.perf_counter()
    labels, last_id = human_labels(session)
    base = load_models()
    stream = stream_texts(index) if index is not None else []
    stage("fit", labels)
    adapter = fit_adapter(
        labels.sentiment,
        labels.complaint,
        base,
        category=labels.category,
        filed=labels.filed,
        stream=stream,
    )
    path = None
    effect: dict[str, dict[str, float]] = {}
    if adapter is not None:
        if measure:
            stage("measure", labels)
        effect = measure_effect(labels, base, stream) if measure else {}
        meta: dict[str, Any] = {
            "trained_at": (now or utcnow()).isoformat(),
            "last_correction_id": last_id,
            "effect": effect,
            "seconds": round(time.perf_counter() - started, 2),
        }
        adapter.meta.update(meta)
        stage("save", labels)
        path = adapted_path(data_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        save_atomically(adapter, path)
    counts = labels.counts()
    seconds = round(time.perf_counter() - started, 2)
    return AdaptReport(
        counts["sentiment"], counts["complaint"], path, seconds, counts["category"], effect
    )
