"""Build collectors/demo/background.jsonl.gz: a fixed sample of real food-delivery reviews,
each with its corpus label (`positive`: the demo files only negative ones on the complaint
platform).

The texts come from the waimai_10k research corpus (../shared/data/sentiment); only this
bundled demo sample is ever shown to users. Run: python scripts/build_demo_sample.py
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import sys
from pathlib import Path

SOURCE = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "sentiment" / "waimai_10k.train.csv"
)
TARGET = Path(__file__).resolve().parents[1] / "collectors" / "demo" / "background.jsonl.gz"
SIZE = 6000


def main() -> int:
    """Sample SIZE reviews (8–160 characters) with a fixed seed and write them gzipped."""
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    with source.open(encoding="utf-8") as handle:
        rows = [(r["review"].strip(), r["label"] == "1") for r in csv.DictReader(handle)]
    rows = [r for r in rows if 8 <= len(r[0]) <= 160]
    sample = random.Random(20261123).sample(rows, SIZE)
    with gzip.open(TARGET, "wt", encoding="utf-8") as out:
        for text, positive in sample:
            out.write(json.dumps({"text": text, "positive": positive}, ensure_ascii=False) + "\n")
    print(f"wrote {len(sample)} texts to {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
