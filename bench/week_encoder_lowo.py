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
import statistics
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


def guard_sets() -> dict[str, list[Any]]:
    """黑猫 finance's fixed held-out complaints and the blind probes' test halves (ProbeRow)."""
    from bench.encoder_probe import DATA
    from core.enums import SentimentLabel
    from sentiment.corpora import load_examples
    from sentiment.groups import fixed_split
    from sentiment.probe import BLIND_PROBE, BLIND_PROBE_2, ProbeRow, load_probe

    examples = load_examples(DATA)
    held = [e for e, h in zip(examples, fixed_split(examples), strict=True) if h]
    heimao = [e for e in held if e.source.startswith("heimao") and e.category is not None]
    negative = SentimentLabel.NEGATIVE
    sets = {"heimao": [ProbeRow("finance", e.text, True, e.category, negative) for e in heimao]}  # type: ignore[arg-type]
    for name, path in (("blind1", BLIND_PROBE), ("blind2", BLIND_PROBE_2)):
        for half in ("dev", "test"):
            sets[f"{name}_{half}"] = [r for r in load_probe(path) if r.half == half]
    return sets


def embed() -> None:
    """Every text list's embeddings into the cache, with the encoder's speed."""
    encode = encoder()
    posts = all_posts()
    started = time.process_time()
    texts = week_texts(posts)
    encode(texts)
    print(f"weeks: {len(texts)} texts, {time.process_time() - started:.0f} CPU s", flush=True)
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


def _right(hits: Sequence[bool]) -> float:
    return round(sum(hits) / len(hits), 4) if hits else float("nan")


def scores(posts: Sequence[WeekPost], out: Sequence[Any]) -> dict[str, float]:
    """Category right per half, on every post and on the gold complaints."""
    result = {}
    for split in sorted({p.split for p in posts}):
        rows = [(p, m) for p, m in zip(posts, out, strict=True) if p.split == split]
        result[split] = _right([str(m.category) == p.category for p, m in rows])
        result[f"{split}_complaints"] = _right(
            [str(m.category) == p.category for p, m in rows if p.complaint]
        )
        # second-stage share: the posts the classifier flags as complaints
        result[f"{split}_flagged"] = _right(
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
                    alone[split] = _right([b == p.category for b, p in pairs])
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


def _spread(values: Sequence[float]) -> str:
    values = [v for v in values if v == v]  # folds without a figure (nan) are left out
    if not values:
        return "-"
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    up = sum(v > 0 for v in values)
    return f"{100 * statistics.fmean(values):+.1f} ± {100 * sd:.1f} pt ({up}/{len(values)} up)"


def _choose(rows: list[dict[str, Any]], week: str, key: Any) -> dict[str, Any]:
    """Among `rows` of `week`, the one whose configuration has the best mean of key(row) on the
    other folds with halves (their dev halves)."""
    means: dict[tuple[float, float], list[float]] = defaultdict(list)
    for r in rows:
        if r["week"] != week and "dev" in r["shipped"]:
            means[(r["C"], r["omega"])].append(key(r))
    best = max(means, key=lambda k: statistics.fmean(means[k]))
    return next(r for r in rows if r["week"] == week and (r["C"], r["omega"]) == best)


def table(path: Path, ngram_path: Path | None) -> None:
    """The per-week tables, each fold's choice made on the other folds' dev halves."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    refit, shipped_heads = {}, {}
    if ngram_path:
        for line in ngram_path.open(encoding="utf-8"):
            r = json.loads(line)
            refit[r["week"]] = r["after"]
            shipped_heads[r["week"]] = r["shipped"]
    weeks = [w for w in WEEKS if any(r["week"] == w for r in rows)]

    def half(part: dict[str, float], name: str) -> float:
        return part.get(name, part.get(name.replace("test", "all").replace("dev", "all"), 0.0))

    for test in ("test", "dev"):
        print(f"(a) alone (no rules), category right on the held-out week's complaints, {test}")
        print(
            "| week | C | ω | shipped heads | n-gram heads + other weeks (r32) | "
            "encoder + other weeks | gain on shipped | gain on r32 |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        gains, ngains = [], []
        for week in weeks:
            r = _choose(rows, week, lambda r: r["alone"]["dev"])
            nan = float("nan")
            ng = half(refit[week], f"{test}_model") if week in refit else nan
            heads = half(shipped_heads[week], f"{test}_model") if week in refit else nan
            mine = half(r["alone"], test)
            if "dev" in r["shipped"]:
                gains.append(mine - heads)
                ngains.append(mine - ng)
            print(
                f"| {week} | {r['C']:g} | {r['omega']:g} | {heads:.3f} | {ng:.3f} | {mine:.3f} | "
                f"{mine - heads:+.3f} | {mine - ng:+.3f} |"
            )
        print(f"| mean ± sd (with halves) | | | | | | {_spread(gains)} | {_spread(ngains)} |\n")
    # (b) a configuration is (C, ω, m, where); flatten the mixes
    flat = []
    for r in rows:
        for name, part in r["mixes"].items():
            flat.append({**r, "omega": (r["omega"], name), "part": part})
    print("\n(b) every configuration, mean gain over the shipped on the weeks with halves")
    print("| C, ω, m_where | dev | test | test complaints |")
    print("|---|---:|---:|---:|")
    configs = sorted({(r["C"], r["omega"]) for r in flat if "dev" in r["shipped"]}, key=str)
    for config in configs:
        chosen = [r for r in flat if (r["C"], r["omega"]) == config and "dev" in r["shipped"]]
        cells = [
            _spread([r["part"][k] - r["shipped"][k] for r in chosen])
            for k in ("dev", "test", "test_complaints")
        ]
        print(f"| {config[0]:g}, {config[1][0]:g}, {config[1][1]} | " + " | ".join(cells) + " |")
    for metric in ("test", "test_complaints", "dev", "dev_complaints"):
        print(f"\n(b) blended into the full classifier: category right, {metric}")
        print(
            "| week | choice (C, ω, m_where) | shipped | + encoder | gain | r32 refit ×30 | gain |"
        )
        print("|---|---|---:|---:|---:|---:|---:|")
        gains, ngains = [], []
        for week in weeks:
            r = _choose(flat, week, lambda r: r["part"]["dev"])
            base = half(r["shipped"], metric)
            mine = half(r["part"], metric)
            ng = half(refit[week], metric) if week in refit else float("nan")
            if "dev" in r["shipped"]:
                gains.append(mine - base)
                ngains.append(ng - base)
            print(
                f"| {week} | {r['C']:g}, {r['omega'][0]:g}, {r['omega'][1]} | {base:.3f} | "
                f"{mine:.3f} | {mine - base:+.3f} | {ng:.3f} | {ng - base:+.3f} |"
            )
        print(f"| mean ± sd (weeks with halves) | | | | {_spread(gains)} | | {_spread(ngains)} |")


def _arg(argv: list[str], name: str, default: str) -> str:
    return argv[argv.index(name) + 1] if name in argv else default


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
        cs = [float(c) for c in _arg(argv, "--cs", ",".join(map(str, CS))).split(",")]
        omegas = [float(w) for w in _arg(argv, "--omegas", ",".join(map(str, OMEGAS))).split(",")]
        run(out, weeks, cs, omegas, "--on-refit" in argv)
    elif command == "ngram":
        ngram(out, weeks)
    elif command == "table":
        table(Path(argv[1]), Path(argv[2]) if len(argv) > 2 else None)
    elif command == "guards":
        guards(Path(argv[1]), _arg(argv, "--config", ""))
    else:
        print(__doc__)
        return 2
    return 0


def guards(path: Path, config: str = "") -> None:
    """The read-out trained on every week's dev half (the car week whole), with the
    configuration of best mean dev-half figure over all folds, on 黑猫 finance's held-out
    complaints and the blind probes; and the share of week posts a second stage would see."""
    from bench.week_category_lowo import training_posts
    from core.enums import Category
    from sentiment.category import MODEL_CONFIDENT, MODEL_LABELS, category_log_probabilities
    from sentiment.evaluate import as_mentions
    from sentiment.features import fold_batch, normalize_folded
    from sentiment.model import load_models

    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    means: dict[tuple[float, float, str], list[float]] = defaultdict(list)
    for r in rows:
        if "dev" in r["shipped"]:
            for name, part in r["mixes"].items():
                means[(r["C"], r["omega"], name)].append(part["dev"])
    c, omega, name = max(means, key=lambda k: statistics.fmean(means[k]))
    if config:  # C,ω,m_where given
        c_text, omega_text, name = config.split(",")
        c, omega = float(c_text), float(omega_text)
    m, where = float(name.split("_")[0]), name.split("_")[1]
    print(f"C {c:g}, ω {omega:g}, m {m:g} {where} (else: the best mean over every dev half)")
    encode = encoder()
    posts = all_posts()
    texts = week_texts(posts)
    index = {t: i for i, t in enumerate(texts)}
    week_x = encode(texts)
    everything = [p for w in WEEKS for p in posts[w]]
    extra = training_posts(everything, [p for p in everything if p.split == "test"])
    base_texts, base_y = corpus_rows()
    x = np.vstack([encode(base_texts), week_x[[index[p.text] for p in extra]]])
    y = np.r_[base_y, [MODEL_LABELS.index(p.category) for p in extra]]  # type: ignore[arg-type]
    model = fit(x, y, np.r_[np.ones(len(base_y)), np.full(len(extra), omega)], c)
    print("| set | complaints | shipped | encoder alone | blend |")
    print("|---|---:|---:|---:|---:|")
    for set_name, probe in guard_sets().items():
        set_texts = [r.text for r in probe]
        log_p = log_probabilities(model, encode(set_texts))
        mentions = as_mentions(set_texts)
        lookup = dict(zip(fold_batch([mt.full_text for mt in mentions]), log_p, strict=True))
        shipped = classify_mixed(mentions, None, 0, "all")
        mixed = classify_mixed(mentions, lookup, m, where)
        idx = [i for i, r in enumerate(probe) if r.complaint]
        gold = [str(probe[i].category) for i in idx]
        pairs = list(zip(idx, gold, strict=True))
        figures = [
            _right([str(shipped[i].category) == g for i, g in pairs]),
            _right([str(MODEL_LABELS[int(log_p[i].argmax())]) == g for i, g in pairs]),
            _right([str(mixed[i].category) == g for i, g in pairs]),
        ]
        print(f"| {set_name} | {len(idx)} | " + " | ".join(f"{f:.3f}" for f in figures) + " |")
    # a second stage sees the posts flagged as complaints ("unsure": only the unsure ones)
    folded = fold_batch([p.text for p in everything])
    heads = load_models().heads.decision([normalize_folded(t) for t in folded])
    log_heads = category_log_probabilities(heads[:, 2:])
    other = MODEL_LABELS.index(Category.OTHER)
    unsure = (np.exp(log_heads.max(axis=1)) < MODEL_CONFIDENT) | (log_heads.argmax(axis=1) == other)
    out = classify_mixed([p.mention for p in everything], None, 0, "all")
    flagged = np.array([bool(mt.complaint and mt.complaint.flag) for mt in out])
    print(
        f"week posts {len(everything)}: flagged {flagged.mean():.3f}, "
        f"flagged and unsure {(flagged & unsure).mean():.3f}"
    )


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
