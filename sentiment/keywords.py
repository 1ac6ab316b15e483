"""Salient keywords per mention: dictionary words ranked by tf·idf (jieba's idf table).

A forward-maximum-matching scan over jieba's idf vocabulary (words of 2–4 characters)
plus ASCII tokens (product names such as "iphone15") is an order of magnitude faster
than jieba segmentation and good enough for top terms and emerging-topic alerts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from sentiment.lexicons import STOPWORDS

MIN_WORD, MAX_WORD = 2, 4
MAX_SCAN = 1000  # characters: long posts keep their keywords near the start, and stay fast
DEFAULT_TOP_K = 5
_ASCII_TOKEN = re.compile(r"[a-z][a-z0-9\-]{1,20}")
_OOV_IDF = 8.0  # ASCII tokens not in the table are rare, hence salient


def _idf_path() -> Path:
    import jieba

    return Path(jieba.__file__).parent / "analyse" / "idf.txt"


@lru_cache(maxsize=1)
def idf_table() -> dict[str, float]:
    """jieba's idf values for words of 2–4 characters (loaded once per process)."""
    table: dict[str, float] = {}
    with _idf_path().open(encoding="utf-8") as handle:
        for line in handle:
            word, _, value = line.rstrip("\n").partition(" ")
            if MIN_WORD <= len(word) <= MAX_WORD and word not in STOPWORDS:
                table[word] = float(value)
    return table


def candidate_words(text: str, table: dict[str, float]) -> list[str]:
    """Dictionary words found by forward maximum matching, plus ASCII tokens."""
    words: list[str] = []
    text = text[:MAX_SCAN]
    i, n = 0, len(text)
    while i < n - 1:
        for size in range(min(MAX_WORD, n - i), MIN_WORD - 1, -1):
            piece = text[i : i + size]
            if piece in table:
                words.append(piece)
                i += size
                break
        else:
            i += 1
    words.extend(_ASCII_TOKEN.findall(text))
    return words


def extract_keywords(
    text: str, top_k: int = DEFAULT_TOP_K, exclude: Iterable[str] = ()
) -> list[str]:
    """Up to top_k salient words of a normalised text, best first, excluding e.g. brand names."""
    table = idf_table()
    excluded = {w.lower() for w in exclude}
    counts = Counter(w for w in candidate_words(text, table) if w not in excluded)
    if not counts:
        return []
    ranked = sorted(counts, key=lambda w: (-counts[w] * table.get(w, _OOV_IDF), w))
    return [w for w in ranked if w not in STOPWORDS and not w.isdigit()][:top_k]
