"""Classifier benchmark: model load time, docs/s on one core, peak RSS, held-out accuracy.

Runs our default model and the snownlp baseline side by side on the fixed held-out 20 %
of each training corpus (sentiment/data.py split). snownlp is slow, so it scores at most
SNOWNLP_SAMPLE texts per dataset (a fixed random sample).
`.venv/bin/python -m bench.bench_classify [--snownlp-sample N]`
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import resource
import sys
import time

from core.pipeline.classifier import get_classifier
from sentiment.data import default_data_dir, load_corpora, split
from sentiment.evaluate import EvalResult, as_mentions, evaluate
from sentiment.linear_classifier import load_models

THROUGHPUT_DOCS = 20_000
SNOWNLP_SAMPLE = 2_000


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _sample(texts: list[str], labels: list[int], size: int) -> tuple[list[str], list[int]]:
    step = max(1, len(texts) // size)
    return texts[::step][:size], labels[::step][:size]


def main(argv: list[str] | None = None) -> None:
    """Print the throughput and accuracy tables (markdown) for README.md."""
    args = argv if argv is not None else []
    snownlp_sample = (
        int(args[args.index("--snownlp-sample") + 1])
        if "--snownlp-sample" in args
        else SNOWNLP_SAMPLE
    )
    held = [split(c)[1] for c in load_corpora(default_data_dir())]
    started = time.perf_counter()
    load_models()
    load_seconds = time.perf_counter() - started
    default = get_classifier("default")
    short = [t for corpus in held for t in corpus.texts if len(t) <= 60]
    mentions = as_mentions((short * (THROUGHPUT_DOCS // len(short) + 1))[:THROUGHPUT_DOCS])
    default.classify(mentions[:100])  # keyword table and caches outside the timing
    started = time.perf_counter()
    default.classify(mentions)
    rate = THROUGHPUT_DOCS / (time.perf_counter() - started)
    rss_default = peak_rss_mb()
    ours: list[EvalResult] = [evaluate(default, corpus) for corpus in held]
    baseline = get_classifier("snownlp")
    theirs = []
    for corpus in held:
        texts, labels = _sample(corpus.texts, corpus.labels, snownlp_sample)
        theirs.append(evaluate(baseline, type(corpus)(corpus.name, texts, labels)))
    print(
        f"model load {load_seconds:.2f} s; default classify() on {THROUGHPUT_DOCS:,} short "
        f"mentions (≤ 60 chars): {rate:,.0f} docs/s; peak RSS {rss_default:.0f} MiB "
        f"(after snownlp: {peak_rss_mb():.0f} MiB)\n"
    )
    print(
        "| held-out dataset | docs | default acc | default macro-F1 | default neutral "
        "| default docs/s | snownlp acc (docs) | snownlp macro-F1 | snownlp docs/s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for mine, base in zip(ours, theirs, strict=True):
        print(
            f"| {mine.dataset} | {mine.docs:,} | {mine.accuracy:.4f} | {mine.macro_f1:.4f} | "
            f"{mine.neutral_share:.1%} | {mine.docs_per_second:,.0f} | {base.accuracy:.4f} "
            f"({base.docs:,}) | {base.macro_f1:.4f} | {base.docs_per_second:,.0f} |"
        )
    from sentiment.category_eval import load_sample, score

    sample = load_sample()
    print("\n| category sample | docs | strict acc | lenient acc | macro-F1 |")
    print("|---|---:|---:|---:|---:|")
    for number in sorted({s.round for s in sample}):
        part = score(default, [s for s in sample if s.round == number])
        tag = "round 1 (seen while tuning)" if number == 1 else f"round {number} (unseen)"
        print(
            f"| {tag} | {part.docs} | {part.strict_accuracy:.3f} | "
            f"{part.lenient_accuracy:.3f} | {part.macro_f1:.3f} |"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
