"""Labeled corpora (CSV with `label`, `review`) and the fixed stratified held-out split."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DEFAULT_DATA_DIR = Path("/work/shared/data/sentiment")
# shared/ sits beside the checkout (CI clones next to it); resolve from this file, not the cwd.
FALLBACK_DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "sentiment"
CORPORA = ("waimai_10k", "chnsenticorp_htl", "online_shopping_10_cats", "weibo_senti_sample")
HELD_OUT_FRACTION = 0.2
SEED = 20241123


@dataclass(frozen=True)
class Corpus:
    """Texts and binary labels (1 = positive) of one CSV file."""

    name: str
    texts: list[str]
    labels: list[int]


def default_data_dir() -> Path:
    """The shared data directory, or ../shared/data/sentiment relative to the checkout."""
    return DEFAULT_DATA_DIR if DEFAULT_DATA_DIR.exists() else FALLBACK_DATA_DIR


def read_csv(path: Path) -> Corpus:
    """Read one labeled CSV; rows with an empty review or a label other than 0/1 are skipped."""
    texts: list[str] = []
    labels: list[int] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            review = (row.get("review") or "").strip()
            label = (row.get("label") or "").strip()
            if review and label in {"0", "1"}:
                texts.append(review)
                labels.append(int(label))
    name = path.name.removesuffix(".csv").removesuffix(".train")
    return Corpus(name=name, texts=texts, labels=labels)


def split(corpus: Corpus, seed: int = SEED) -> tuple[Corpus, Corpus]:
    """(train, held_out) with a fixed seed: about 20 % held out, near-duplicates kept on one
    side (sentiment/groups.py; the same texts training holds out)."""
    from sentiment.groups import text_split

    held = text_split(corpus.texts, seed, HELD_OUT_FRACTION)

    def pick(mask: np.ndarray, suffix: str) -> Corpus:
        chosen = np.flatnonzero(mask)
        return Corpus(
            name=f"{corpus.name}{suffix}",
            texts=[corpus.texts[i] for i in chosen],
            labels=[corpus.labels[i] for i in chosen],
        )

    return pick(~held, ""), pick(held, "")


def load_corpora(data_dir: Path) -> list[Corpus]:
    """Every known corpus present in data_dir (file name <corpus>.train.csv or <corpus>.csv)."""
    found = []
    for name in CORPORA:
        for candidate in (data_dir / f"{name}.train.csv", data_dir / f"{name}.csv"):
            if candidate.exists():
                found.append(read_csv(candidate))
                break
    return found
