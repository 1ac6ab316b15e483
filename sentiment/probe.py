"""The cross-industry probe sets (sentiment/evaldata/).

`probe_cross_industry.csv`: 97 short texts WRITTEN BY US (the yuqing developers, not a public
corpus) for industries absent from every training corpus: cars, telecom, airlines, education,
phones. Each row has our complaint flag (1/0), category and sentiment. It was written before
the first measurement and is not tuned on afterwards; the same people wrote the lexicons, so
it is a sanity check of generalisation, not an independent test.

`blind_probe.csv`: 241 texts of eight industries written (round 14) by a developer session
that never saw the lexicons or the models, with a `half` column: `dev` (its errors were looked
at) and `test` (only ever measured). Also not a public corpus; one annotator.

`blind_probe2.csv`: 328 texts of ten other industries and forms (car-forum posts with gold
sentiment, 车质网-style car complaints, healthcare, restaurants, games, utilities, couriers, bank
apps, appliances, tourism) written (round 15) by another session under the same rule, halved
the same way (sha1 of the text: odd → test). Measured whole once before anyone read it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from core.enums import Category, SentimentLabel
from core.pipeline.classifier import Classifier
from sentiment.evaluate import as_mentions

PROBE = Path(__file__).parent / "evaldata" / "probe_cross_industry.csv"
BLIND_PROBE = Path(__file__).parent / "evaldata" / "blind_probe.csv"
BLIND_PROBE_2 = Path(__file__).parent / "evaldata" / "blind_probe2.csv"


@dataclass(frozen=True)
class ProbeRow:
    """One hand-written probe text with our labels."""

    industry: str
    text: str
    complaint: bool
    category: Category
    sentiment: SentimentLabel
    half: str = ""  # blind probe: "dev" (looked at) or "test" (measured only)


@dataclass(frozen=True)
class ProbeScores:
    """Scores of one classifier on (part of) the probe set."""

    docs: int
    complaint_accuracy: float
    caught: float  # complaints that are negative or flagged
    false_flags: float  # non-complaints flagged as complaint
    category_accuracy: float  # on complaints
    quality_accuracy: float  # complaints labelled product_quality that come out so
    neutral_as_negative: float  # texts we labelled neutral that come out negative
    positive_as_negative: float  # texts we labelled positive that come out negative


def load_probe(path: Path = PROBE) -> list[ProbeRow]:
    """The probe rows."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            ProbeRow(
                row["industry"],
                row["text"],
                row["complaint"] == "1",
                Category(row["category"]),
                SentimentLabel(row["sentiment"]),
                row.get("half") or "",
            )
            for row in csv.DictReader(handle)
        ]


def _share(hits: list[bool]) -> float:
    return round(sum(hits) / len(hits), 3) if hits else float("nan")


def _labelled(rows: list[ProbeRow], label: SentimentLabel) -> list[int]:
    return [i for i, r in enumerate(rows) if r.sentiment == label]


def score_probe(classifier: Classifier, rows: list[ProbeRow]) -> ProbeScores:
    """Classify the probe texts end to end and score them."""
    out = classifier.classify(as_mentions([r.text for r in rows]))
    flags = [bool(m.complaint and m.complaint.flag) for m in out]
    negative = [bool(m.sentiment and m.sentiment.label == SentimentLabel.NEGATIVE) for m in out]
    complaints = [i for i, r in enumerate(rows) if r.complaint]
    others = [i for i, r in enumerate(rows) if not r.complaint]
    quality = [i for i in complaints if rows[i].category == Category.PRODUCT_QUALITY]
    return ProbeScores(
        docs=len(rows),
        complaint_accuracy=_share([flags[i] == r.complaint for i, r in enumerate(rows)]),
        caught=_share([flags[i] or negative[i] for i in complaints]),
        false_flags=_share([flags[i] for i in others]),
        category_accuracy=_share([out[i].category == rows[i].category for i in complaints]),
        quality_accuracy=_share([out[i].category == Category.PRODUCT_QUALITY for i in quality]),
        neutral_as_negative=_share([negative[i] for i in _labelled(rows, SentimentLabel.NEUTRAL)]),
        positive_as_negative=_share(
            [negative[i] for i in _labelled(rows, SentimentLabel.POSITIVE)]
        ),
    )
