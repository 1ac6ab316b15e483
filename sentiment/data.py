"""Labeled corpora (CSV with `label`, `review`) and the fixed stratified held-out split."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.errors import IntakeError
from core.intake import TEXT_COLUMNS, read_text

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
    """Read one labeled CSV, UTF-8 or GB18030 as `yuqing ingest` reads it: a `label` column
    (1 = positive, 0 = negative) and the text in `review` (or text, content, 正文, 内容).

    Rows with an empty text or a label other than 0/1 are skipped; a file without those
    columns, or without a single usable row, raises IntakeError saying what is needed.
    """
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
    columns = {name.strip(): name for name in reader.fieldnames or [] if name}
    found = f"现有的列：{'、'.join(columns) or '无'}"
    if "label" not in columns:
        raise IntakeError(f"{path}：缺少 label 列（标注：1 = 正面，0 = 负面）；{found}")
    text_column = next((columns[c] for c in ("review", *TEXT_COLUMNS) if c in columns), None)
    if text_column is None:
        raise IntakeError(
            f"{path}：缺少文本列 review（或 {'、'.join(TEXT_COLUMNS)} 之一）；{found}"
        )
    texts: list[str] = []
    labels: list[int] = []
    for row in reader:
        review = (row.get(text_column) or "").strip()
        label = (row.get(columns["label"]) or "").strip()
        if review and label in {"0", "1"}:
            texts.append(review)
            labels.append(int(label))
    if not texts:
        raise IntakeError(f"{path}：没有可用的行（label 须为 0 或 1，文本不能为空）")
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
