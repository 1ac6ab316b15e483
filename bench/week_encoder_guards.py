"""The guards of bench/week_encoder_lowo.py (issue #13, round 33; not shipped): its read-out
trained on every week's dev half, on 黑猫 finance's held-out complaints and the blind probes, and
the share of the weeks' posts a second stage would read.

    python -m bench.week_encoder_lowo guards FILE [--config C,ω,m_where]
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from bench.week_encoder_lowo import (
    WEEKS,
    all_posts,
    classify_mixed,
    corpus_rows,
    encoder,
    fit,
    log_probabilities,
    share_right,
    week_texts,
)


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
            share_right([str(shipped[i].category) == g for i, g in pairs]),
            share_right([str(MODEL_LABELS[int(log_p[i].argmax())]) == g for i, g in pairs]),
            share_right([str(mixed[i].category) == g for i, g in pairs]),
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
