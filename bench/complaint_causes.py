"""How often complaints name a communication failure (sentiment.cause), per 黑猫 label.

No text is labelled by this axis; the proxy is that 黑猫 finance complaints labelled 客户服务
(customer service) should name one more often than those about fees (定价收费) or contract
terms (合同条款).

    python -m bench.complaint_causes [CSV]
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from sentiment.cause import communication_cues

DEFAULT = Path("/work/shared/data/complaints/heimao_finance.train.csv")


def main(path: Path = DEFAULT) -> None:
    totals: Counter[str] = Counter()
    naming: Counter[str] = Counter()
    groups: Counter[str] = Counter()
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            label, cues = row["label_name"], communication_cues(row["text"])
            totals[label] += 1
            naming[label] += bool(cues)
            groups.update(cues)
    print(f"{'label':<8} {'texts':>6} {'naming a communication failure':>32}")
    for label, total in totals.most_common():
        print(f"{label:<8} {total:>6} {naming[label] / total:>32.3f}")
    print("all", sum(totals.values()), f"{sum(naming.values()) / sum(totals.values()):.3f}")
    print("groups:", "、".join(f"{g} {n}" for g, n in groups.most_common()))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
