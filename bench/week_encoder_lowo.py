"""Does a pretrained sentence encoder's category read-out, trained on the other industries'
written weeks, carry over to an unseen industry? Leave one week out (issue #13, round 33; not
shipped: it needs `pip install onnxruntime tokenizers` and the model of bench/encoder_probe.py).

The folds are round 32's (bench/week_category_lowo.py): for each week W, the other weeks' dev-half
complaints (the car week whole), near-duplicates collapsed and every row near-duplicating a text
of W dropped, join the corpora's training-side complaints (≤ 2,500 per category, as round 19);
test-half texts never train anything. On those rows a logistic read-out of bge-small-zh-v1.5's
CLS vectors (classes balanced; week rows weighted ×ω) is fitted for every C × ω of the grid and

(a) scored alone on W's complaints (argmax over the category columns), and
(b) blended into the full classifier (`LinearClassifier`, rules included): m × the read-out's
    log-probabilities added to the heads' category log-probabilities before the cue logic (round
    19's mix), on every text ("all") or only where the heads are unsure or pick `other`
    ("unsure").

A fold's choice (C, ω; and m, where) is the best mean over the *other* folds of their dev-half
figure (encoder alone: dev complaints; blend: dev category right on every post); the car week
has no halves: it is listed, never averaged nor used to choose.

    python -m bench.week_encoder_lowo embed                 # embeddings, cached (minutes)
    python -m bench.week_encoder_lowo run --out FILE        # every fold × grid, one line each
    python -m bench.week_encoder_lowo run --weeks ride --rules-off --out FILE
    python -m bench.week_encoder_lowo ngram --out FILE      # round 32's refit on these folds
    python -m bench.week_encoder_lowo run --on-refit --out FILE   # the blend on that refit
    python -m bench.week_encoder_lowo table FILE [NGRAM_FILE]
    python -m bench.week_encoder_lowo guards FILE [--config C,ω,m_where]  # 黑猫, blind probes

Embeddings are cached in CACHE (per text list) and the model is read from CACHE/model
(`python -m bench.encoder_probe fetch /tmp/wt-encoder-cache/model`).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import json
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bench.week_examples import WEEKS as ROUND32_WEEKS
from bench.week_examples import WeekPost, week_posts
from bench.week_lowo_table import option

CACHE = Path("/tmp/wt-encoder-cache")
WEEKS = (*ROUND32_WEEKS, "estate")  # bank and cosmetics weeks have no truth nor halves
CS = (0.25, 1.0, 4.0)
OMEGAS = (3.0, 30.0, 100.0)
MIXES = (0.5, 1.0, 2.0)
WHERE = ("all", "unsure")
CAP = 2500

Matrix = NDArray[np.float32]


def encoder() -> Any:
    from bench.encoder_probe import Encoder

    return Encoder(CACHE / "model")


def all_posts() -> dict[str, list[WeekPost]]:
    return {w: week_posts(CACHE / "weeks", w) for w in WEEKS}


def corpus_rows() -> tuple[list[str], list[int]]:
    """The training side's labelled complaints, ≤ CAP per category (round 19's draw)."""
    from bench.encoder_probe import DATA, capped
    from sentiment.category import MODEL_LABELS
    from sentiment.corpora import load_examples
    from sentiment.groups import fixed_split
    from sentiment.train import category_targets

    examples = load_examples(DATA)
    held = fixed_split(examples)
    train = [e for e, h in zip(examples, held, strict=True) if not h]
    targets = category_targets(train)
    by_category: dict[Any, list[int]] = defaultdict(list)
    for i, target in enumerate(targets):
        if target is not None:
            by_category[target].append(i)
    rows = capped(by_category, CAP)
    return [train[i].text for i in rows], [MODEL_LABELS.index(targets[i]) for i in rows]  # type: ignore[arg-type]


def week_texts(posts: dict[str, list[WeekPost]]) -> list[str]:
    return sorted({p.text for ps in posts.values() for p in ps})


def embed() -> None:
    """Every text list's embeddings into the cache, with the encoder's speed."""
    encode = encoder()
    posts = all_posts()
    started = time.process_time()
    texts = week_texts(posts)
    encode(texts)
    print(f"weeks: {len(texts)} texts, {time.process_time() - started:.0f} CPU s", flush=True)
    from bench.week_encoder_guards import guard_sets

    for rows in guard_sets().values():
        encode([r.text for r in rows])
    encode(corpus_rows()[0])
    print(f"all: {time.process_time() - started:.0f} CPU s", flush=True)


@dataclass
class MixedHeads:
    """The shipped heads with m × the encoder's category log-probabilities of the batch's texts
    added to their category log-probabilities (on every row, or only where the heads are unsure
    or pick `other`)."""

    base: Any
    log_p: Matrix  # encoder log-probabilities of the current batch
    weight: float
    where: str

    def __getattr__(self, name: str) -> Any:
        return getattr(self.base, name)

    def decision_hashed(self, *args: Any, **kwargs: Any) -> NDArray[np.float64]:
        from core.enums import Category
        from sentiment.category import MODEL_CONFIDENT, MODEL_LABELS, category_log_probabilities

        scores = np.array(self.base.decision_hashed(*args, **kwargs), dtype=np.float64)
        heads = category_log_probabilities(scores[:, 2:])
        mixed = heads + self.weight * self.log_p
        if self.where == "unsure":
            other = MODEL_LABELS.index(Category.OTHER)
            unsure = (np.exp(heads.max(axis=1)) < MODEL_CONFIDENT) | (heads.argmax(axis=1) == other)
            mixed = np.where(unsure[:, None], mixed, heads)
        mixed = mixed.clip(max=-1e-6)
        scores[:, 2:] = mixed - np.log(-np.expm1(mixed))  # back to logits
        return scores


def classify_mixed(
    mentions: Sequence[Any],
    lookup: dict[str, NDArray[np.float64]] | None,
    m: float,
    where: str,
    base: Any = None,
) -> list[Any]:
    """The default classifier's output, the encoder blended in (lookup: folded text → its
    encoder log-probabilities; None: no encoder), on the shipped heads or `base`."""
    from sentiment import decisions, linear_classifier
    from sentiment.model import load_models

    original = linear_classifier.decide

    def decide(texts: Any, folded: Any, models: Any = None, platform: Any = ()) -> Any:
        models = models or load_models()
        heads = base or models.heads
        if lookup is not None:
            width = heads.weights.shape[1] - 2
            log_p = np.array([lookup.get(t, np.zeros(width)) for t in folded], dtype=np.float64)
            heads = MixedHeads(heads, log_p, m, where)
        return decisions.decide(texts, folded, replace(models, heads=heads), platform)

    if lookup is not None or base is not None:
        linear_classifier.decide = decide  # type: ignore[assignment]
    try:
        return linear_classifier.LinearClassifier().classify(mentions)
    finally:
        linear_classifier.decide = original


def log_probabilities(model: Any, x: Matrix) -> NDArray[np.float64]:
    from sentiment.category import MODEL_LABELS

    out = np.full((len(x), len(MODEL_LABELS)), -20.0)
    out[:, list(model.classes_)] = model.predict_log_proba(x)
    return out


def fit(x: Matrix, y: NDArray[np.int64], sample: NDArray[np.float64], c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    return model.fit(x, y, sample_weight=sample)


def share_right(hits: Sequence[bool]) -> float:
    return round(sum(hits) / len(hits), 4) if hits else float("nan")


def scores(posts: Sequence[WeekPost], out: Sequence[Any]) -> dict[str, float]:
    """Category right per half, on every post and on the gold complaints."""
    result = {}
    for split in sorted({p.split for p in posts}):
        rows = [(p, m) for p, m in zip(posts, out, strict=True) if p.split == split]
        result[split] = share_right([str(m.category) == p.category for p, m in rows])
        result[f"{split}_complaints"] = share_right(
            [str(m.category) == p.category for p, m in rows if p.complaint]
        )
        # second-stage share: the posts the classifier flags as complaints
        result[f"{split}_flagged"] = share_right(
            [bool(m.complaint and m.complaint.flag) for _, m in rows]
        )
    return result


def run(
    out_path: Path,
    weeks: Sequence[str],
    cs: Sequence[float] = CS,
    omegas: Sequence[float] = OMEGAS,
    on_refit: bool = False,
) -> None:
    """Every fold × (C, ω): encoder alone and every blend; one JSON line each."""
    from bench.week_category_lowo import training_posts
    from sentiment.category import MODEL_LABELS
    from sentiment.features import fold_batch

    started = time.perf_counter()
    encode = encoder()
    posts = all_posts()
    texts = week_texts(posts)
    index = {t: i for i, t in enumerate(texts)}
    week_x = encode(texts)
    base_texts, base_y = corpus_rows()
    base_x = encode(base_texts)
    folded = dict(zip(texts, fold_batch(texts), strict=True))
    if on_refit:  # round 32's n-gram refit (×30) as the heads, the encoder blended on it
        from bench.week_category_lowo import base_rows, category_heads

        ngram_x, ngram_targets = base_rows()
    for week in weeks:
        held = posts[week]
        others = [p for w in WEEKS if w != week for p in posts[w]]
        extra = training_posts(others, held)
        x = np.vstack([base_x, week_x[[index[p.text] for p in extra]]])
        y = np.r_[base_y, [MODEL_LABELS.index(p.category) for p in extra]]  # type: ignore[arg-type]
        refit = category_heads(ngram_x, ngram_targets, extra, 30.0) if on_refit else None
        mentions = [p.mention for p in held]
        shipped = scores(held, classify_mixed(mentions, None, 0, "all", refit))
        held_texts = sorted({p.text for p in held})
        held_x = week_x[[index[t] for t in held_texts]]
        for c in cs:
            for omega in omegas:
                sample = np.r_[np.ones(len(base_y)), np.full(len(extra), omega)]
                model = fit(x, y, sample, c)
                log_p = log_probabilities(model, held_x)
                by_text = dict(zip(held_texts, log_p, strict=True))
                alone: dict[str, float] = {}
                for split in sorted({p.split for p in held}):
                    complaints = [p for p in held if p.split == split and p.complaint]
                    best = [str(MODEL_LABELS[int(by_text[p.text].argmax())]) for p in complaints]
                    pairs = zip(best, complaints, strict=True)
                    alone[split] = share_right([b == p.category for b, p in pairs])
                lookup = {folded[t]: lp for t, lp in by_text.items()}
                mixes = {}
                for m in MIXES:
                    for where in WHERE:
                        mixed = classify_mixed(mentions, lookup, m, where, refit)
                        mixes[f"{m:g}_{where}"] = scores(held, mixed)
                row = {
                    "week": week,
                    "C": c,
                    "omega": omega,
                    "extra": len(extra),
                    "shipped": shipped,
                    "alone": alone,
                    "mixes": mixes,
                }
                with out_path.open("a", encoding="utf-8") as handle:
                    handle.write(json.dumps(row) + "\n")
                print(week, c, omega, alone, f"({time.perf_counter() - started:.0f} s)", flush=True)


def ngram(out_path: Path, weeks: Sequence[str]) -> None:
    """Round 32's n-gram category refit (week weight 30, its choice) on these folds."""
    from bench import week_category_lowo

    week_category_lowo.WEEKS = WEEKS  # type: ignore[assignment]
    week_category_lowo.DIRECTORY = CACHE / "weeks"
    week_category_lowo.run(weeks, [30.0], out_path)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else CACHE / "lowo.jsonl"
    weeks = argv[argv.index("--weeks") + 1].split(",") if "--weeks" in argv else list(WEEKS)
    if "--rules-off" in argv:  # one week per process: caches must not outlive the switch
        from bench.week_category_lowo import rules_off

        (week,) = weeks
        rules_off(week)
    if command == "embed":
        embed()
    elif command == "run":
        cs = [float(c) for c in option(argv, "--cs", ",".join(map(str, CS))).split(",")]
        omegas = [float(w) for w in option(argv, "--omegas", ",".join(map(str, OMEGAS))).split(",")]
        run(out, weeks, cs, omegas, "--on-refit" in argv)
    elif command == "ngram":
        ngram(out, weeks)
    elif command == "table":
        from bench.week_encoder_table import table

        table(Path(argv[1]), Path(argv[2]) if len(argv) > 2 else None)
    elif command == "guards":
        from bench.week_encoder_guards import guards

        guards(Path(argv[1]), option(argv, "--config", ""))
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
