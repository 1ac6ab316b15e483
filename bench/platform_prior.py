"""Complaint-platform posts (issue #13): what deciding 黑猫 texts as posts of a complaint
platform changes, on models that never saw them and on models that did.

Uses the runs pickled by `bench.complaint_variants train DIR loio_finance seed1 …` (training
side of the fixed split only; the held-out side is never read). Each run's validation texts
are scored two ways: as text alone (today's `classify` without a channel), as complaint-
platform posts (黑猫 finance texts only: the corpus comes from one; every other corpus is
reviews or forum posts).

`nice .venv/bin/python -m bench.platform_prior DIR`
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from bench.neutral_validation import training_side
from sentiment.corpora import FILED_ON_PLATFORM, Industry
from sentiment.crossval import METRICS, score_examples

SHOWN = (Industry.FINANCE, Industry.COSMETICS, "all")


def main(directory: Path) -> None:
    """One markdown table per run: rows = decision variants, columns = metrics per industry."""
    examples = training_side()
    for path in sorted(directory.glob("*.pkl")):
        with path.open("rb") as handle:
            models, _capped, valid = pickle.load(handle)
        test = [examples[int(i)] for i in valid]
        print(f"\n### {path.stem} ({len(test):,} validation texts)\n")
        print("| decision | industry | " + " | ".join(METRICS) + " |")
        print("|---|---|" + "---:|" * len(METRICS))
        for filed in ((), FILED_ON_PLATFORM):
            scores = score_examples(models, test, filed)
            name = "黑猫 as platform posts" if filed else "text alone"
            for industry in SHOWN:
                row = scores.get(str(industry))
                if row:
                    cells = [f"{row[m]:.3f}" if m in row else "–" for m in METRICS]
                    print(f"| {name} | {industry} | " + " | ".join(cells) + " |")
        sys.stdout.flush()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
