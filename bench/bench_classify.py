"""Classifier benchmark: `classify` speed end to end, held-out accuracy beside snownlp,
seeded near-duplicate-aware cross-validation, leave-one-industry-out, and our probe set.

`.venv/bin/python -m bench.bench_classify [--snownlp-sample N] [--seeds N] [--quick]`
(--quick skips the retraining tables: seeds and leave-one-industry-out, ~10 trainings).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import json
import math
import resource
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from core.pipeline.classifier import Classifier, get_classifier
from sentiment.corpora import FILED_ON_PLATFORM, Industry, load_examples
from sentiment.data import default_data_dir, load_corpora, split
from sentiment.evaluate import EvalResult, as_mentions, evaluate
from sentiment.model import load_models
from sentiment.probe import BLIND_PROBE, BLIND_PROBE_2, ProbeRow, load_probe, score_probe

SHORT_DOCS = 20_000
LONG_DOCS = 3_000
SNOWNLP_SAMPLE = 2_000
SNOWNLP_SPEED_DOCS = 1_000
SEEDS = (1, 2, 3)
LOIO = (
    Industry.FINANCE,
    Industry.BANKING,
    Industry.COSMETICS,
    Industry.STOCK,
    Industry.WEIBO,
    Industry.FOOD_DELIVERY,
    Industry.HOTEL,
    Industry.SHOPPING,
)


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _sample(texts: list[str], labels: list[int], size: int) -> tuple[list[str], list[int]]:
    step = max(1, len(texts) // size)
    return texts[::step][:size], labels[::step][:size]


def _arg(args: list[str], name: str, default: int) -> int:
    return int(args[args.index(name) + 1]) if name in args else default


def classify_rate(texts: list[str], model: str) -> float:
    """docs/s of `yuqing classify` (JSONL file in, JSONL with all fields out), in process."""
    from app.commands.classify import classify

    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for i, text in enumerate(texts):
                handle.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
        started = time.perf_counter()
        classify(source, target, model)
        return len(texts) / (time.perf_counter() - started)


def speed_table(held_texts: list[str]) -> None:
    """End-to-end docs/s for short and long texts, ours and snownlp."""
    short = [t for t in held_texts if len(t) <= 60]
    long = [t for t in held_texts if len(t) >= 200]
    short = (short * (SHORT_DOCS // len(short) + 1))[:SHORT_DOCS]
    long = (long * (LONG_DOCS // len(long) + 1))[:LONG_DOCS]
    get_classifier("default").classify(as_mentions(short[:100]))  # tables and caches
    print("| `yuqing classify` end to end, one core | docs | default docs/s | snownlp docs/s |")
    print("|---|---:|---:|---:|")
    for name, texts in (("short (≤ 60 chars)", short), ("long (≥ 200 chars)", long)):
        ours = classify_rate(texts, "default")
        theirs = classify_rate(texts[:SNOWNLP_SPEED_DOCS], "snownlp")
        print(f"| {name} | {len(texts):,} | {ours:,.0f} | {theirs:,.0f} |")


def held_out_table(snownlp_sample: int) -> list[str]:
    """Polarity accuracy on the fixed held-out side of the four review corpora."""
    held = [split(c)[1] for c in load_corpora(default_data_dir())]
    default, baseline = get_classifier("default"), get_classifier("snownlp")
    print(
        "\n| held-out dataset | docs | default acc | default macro-F1 | default neutral "
        "| snownlp acc (docs) | snownlp macro-F1 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for corpus in held:
        mine: EvalResult = evaluate(default, corpus)
        texts, labels = _sample(corpus.texts, corpus.labels, snownlp_sample)
        base = evaluate(baseline, type(corpus)(corpus.name, texts, labels))
        print(
            f"| {mine.dataset} | {mine.docs:,} | {mine.accuracy:.4f} | {mine.macro_f1:.4f} | "
            f"{mine.neutral_share:.1%} | {base.accuracy:.4f} ({base.docs:,}) | "
            f"{base.macro_f1:.4f} |"
        )
    return [t for c in held for t in c.texts]


def fixed_side_table() -> None:
    """Every metric per industry on the fixed held-out side of all corpora (shipped model)."""
    from sentiment.crossval import FILED_SUFFIX, score_examples
    from sentiment.groups import fixed_split

    examples = load_examples(default_data_dir().parent)
    held = fixed_split(examples)
    test = [e for e, h in zip(examples, held, strict=True) if h]
    scores = score_examples(load_models(), test)
    filed = score_examples(
        load_models(), [e for e in test if e.industry in FILED_ON_PLATFORM], FILED_ON_PLATFORM
    )
    print("\nFixed held-out side, all corpora, shipped model:\n")
    rows = per_industry(scores)
    rows += [(f"{i}{FILED_SUFFIX}", filed.get(str(i), {})) for i in FILED_ON_PLATFORM]
    metrics_table("industry", rows)


def per_industry(
    scores: Mapping[str, Mapping[str, object]],
) -> list[tuple[str, Mapping[str, object]]]:
    """The rows of a per-industry table: every industry in LOIO order, then all of them."""
    return [(i, scores.get(i, {})) for i in [*(str(i) for i in LOIO), "all"]]


def metrics_table(first: str, rows: Iterable[tuple[str, Mapping[str, object]]]) -> None:
    """A Markdown table of sentiment.crossval's METRICS, a row per (name, scores)."""
    from sentiment.crossval import METRICS

    print(f"| {first} | " + " | ".join(METRICS) + " |")
    print("|---|" + "---:|" * len(METRICS))
    for name, row in rows:
        print(f"| {name} | " + " | ".join(_cell(row.get(m)) for m in METRICS) + " |")


def _cell(value: object) -> str:
    """A table cell: – for no value (None, or NaN: a share of no texts), floats to 3 places."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def retraining_tables(seeds: int) -> None:
    """Seeded cross-validation and leave-one-industry-out (retrains models each time)."""
    from sentiment.crossval import Prepared, leave_one_industry_out, seeded_runs

    prepared = Prepared.of(load_examples(default_data_dir().parent))
    quiet = lambda line: print(f"<!-- {line} -->", flush=True)  # noqa: E731
    spread = seeded_runs(prepared, SEEDS[:seeds], progress=quiet)
    print(f"\nGrouped 80/20 splits (near-duplicates on one side), {seeds} seeds, mean ± spread:\n")
    metrics_table("industry", per_industry(spread))
    table = leave_one_industry_out(prepared, LOIO, progress=quiet, filed=FILED_ON_PLATFORM)
    print("\nLeave one industry out (trained without it, scored on all of it):\n")
    metrics_table("left out", table.items())


def probe_table() -> None:
    """Our hand-written cross-industry probe set, and the blind one by half, per industry."""
    default = get_classifier("default")
    rows = load_probe()
    print("\nCross-industry probe (97 texts written by us; not a public corpus):\n")
    _probe_header()
    _probe_rows(default, rows, [*sorted({r.industry for r in rows}), "all"])
    for path, what in (
        (BLIND_PROBE, "241 texts of 8 industries, round 14"),
        (BLIND_PROBE_2, "328 texts of 10 more industries and forms, round 15"),
    ):
        blind = load_probe(path)
        print(
            f"\nBlind probe {path.name} ({what}; written by a session that never saw the"
            " lexicons or models; dev: errors looked at, test: measured only):\n"
        )
        _probe_header()
        industries = sorted({r.industry for r in blind})
        for half in ("dev", "test"):
            part = [r for r in blind if r.half == half]
            _probe_rows(default, part, [*industries, "all"], prefix=f"{half} ")


def _probe_header() -> None:
    print(
        "| industry | docs | complaint acc | caught | false flags | category acc "
        "| quality acc | neutral → negative | positive → negative |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")


def _probe_rows(
    classifier: Classifier, rows: list[ProbeRow], industries: list[str], prefix: str = ""
) -> None:
    for industry in industries:
        part = [r for r in rows if industry in ("all", r.industry)]
        s = score_probe(classifier, part)
        shares = (
            s.complaint_accuracy,
            s.caught,
            s.false_flags,
            s.category_accuracy,
            s.quality_accuracy,
            s.neutral_as_negative,
            s.positive_as_negative,
        )
        cells = " | ".join(_cell(v) for v in shares)
        print(f"| {prefix}{industry} | {s.docs} | {cells} |")


def main(argv: list[str] | None = None) -> None:
    """Print the tables (markdown) for README.md."""
    args = argv if argv is not None else []
    started = time.perf_counter()
    load_models()
    print(f"model load {time.perf_counter() - started:.2f} s")
    held_texts = held_out_table(_arg(args, "--snownlp-sample", SNOWNLP_SAMPLE))
    print()
    speed_table(held_texts)
    print(f"\npeak RSS {peak_rss_mb():.0f} MiB")
    fixed_side_table()
    probe_table()
    from sentiment.category_eval import load_sample, score

    sample = load_sample()
    print("\n| category sample | docs | strict acc | lenient acc | macro-F1 |")
    print("|---|---:|---:|---:|---:|")
    for number in sorted({s.round for s in sample}):
        part = score(get_classifier("default"), [s for s in sample if s.round == number])
        tag = "round 1 (seen while tuning)" if number == 1 else f"round {number} (unseen)"
        print(
            f"| {tag} | {part.docs} | {part.strict_accuracy:.3f} | "
            f"{part.lenient_accuracy:.3f} | {part.macro_f1:.3f} |"
        )
    if "--quick" not in args:
        retraining_tables(_arg(args, "--seeds", len(SEEDS)))


if __name__ == "__main__":
    from app.domains import install

    install()
    main(sys.argv[1:])
