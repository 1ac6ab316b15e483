"""The category decision across industries, in one run (issue #13, round 22).

    python -m bench.category_check [/tmp/bank_week.jsonl]

Prints: 黑猫 finance category on the fixed held-out side (decided as complaint-platform posts,
as `classify` does); category right on complaints of our cross-industry probe and of the blind
probes' dev halves (tuning) and test halves (reported only); and, for the bank week of
`python -m bench.bank_week` (original posts, reposts left out), the category mix of negative
mentions: share 其他, count 商品质量, and how many 住院 posts are 食品安全/人身安全.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from core.enums import Category, SentimentLabel
from core.models import Mention
from core.pipeline.classifier import get_classifier
from sentiment.corpora import FILED_ON_PLATFORM, Industry, load_examples
from sentiment.data import default_data_dir
from sentiment.model import load_models
from sentiment.probe import BLIND_PROBE, BLIND_PROBE_2, PROBE, load_probe, score_probe


def finance_held_out() -> float:
    """Category right on the fixed held-out side's 黑猫 finance complaints."""
    from sentiment.crossval import score_examples
    from sentiment.groups import fixed_split

    examples = load_examples(default_data_dir().parent)
    held = fixed_split(examples)
    finance = [
        e for e, h in zip(examples, held, strict=True) if h and e.industry in FILED_ON_PLATFORM
    ]
    scores = score_examples(load_models(), finance, FILED_ON_PLATFORM)
    return scores[str(Industry.FINANCE)]["category"]


def probes() -> None:
    classifier = get_classifier("default")
    probe = score_probe(classifier, load_probe(PROBE))
    print(f"cross-industry probe: category {probe.category_accuracy:.3f}")
    for path in (BLIND_PROBE, BLIND_PROBE_2):
        rows = load_probe(path)
        for half in ("dev", "test"):
            part = [r for r in rows if r.half == half]
            s = score_probe(classifier, part)
            print(
                f"{path.name} {half}: category {s.category_accuracy:.3f}, "
                f"quality {s.quality_accuracy:.3f}, caught {s.caught:.3f}"
            )


def bank_week(path: Path) -> None:
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    mentions = [Mention.model_validate(r) for r in records if not r.get("repost_of")]
    out = get_classifier("default").classify(mentions)
    negative = [m for m in out if m.sentiment and m.sentiment.label == SentimentLabel.NEGATIVE]
    mix = Counter(m.category or Category.OTHER for m in negative)
    other = mix[Category.OTHER] / len(negative)
    hospital = [m for m in out if "住院" in m.text]
    safety = sum(m.category == Category.FOOD_SAFETY_HEALTH for m in hospital)
    print(
        f"bank week: {len(out)} posts, {len(negative)} negative; 其他 {other:.1%}, "
        f"商品质量 {mix[Category.PRODUCT_QUALITY]}, 住院 → 食品安全 {safety} of {len(hospital)}"
    )
    every = get_classifier("default").classify([Mention.model_validate(r) for r in records])
    quality = sum(
        m.category == Category.PRODUCT_QUALITY
        for m in every
        if m.sentiment and m.sentiment.label == SentimentLabel.NEGATIVE
    )
    print(f"  with reposts: {len(every)} mentions, 商品质量 among negatives {quality}")
    print("  negative mix: " + ", ".join(f"{c} {n}" for c, n in mix.most_common()))


def main(argv: list[str]) -> int:
    print(f"黑猫 finance fixed held-out category {finance_held_out():.4f}")
    probes()
    bank_week(Path(argv[0] if argv else "/tmp/bank_week.jsonl"))
    return 0


if __name__ == "__main__":
    from app.domains import install

    install()
    raise SystemExit(main(sys.argv[1:]))
