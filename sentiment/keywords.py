"""Salient keywords per mention: dictionary words ranked by tf·idf (jieba's idf table).

A whole batch is scanned at once in numpy: every 2–4-character window is hashed (64-bit,
as in sentiment/features.py) and looked up in the sorted hashes of jieba's idf vocabulary;
a match counts unless a longer match covers it (maximal matches, close to jieba's forward
maximum matching). ASCII tokens (product names such as "iphone15") are added by regex.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from sentiment.lexicons import STOPWORDS

MIN_WORD, MAX_WORD = 2, 4
MAX_SCAN = 1000  # characters: long posts keep their keywords near the start, and stay fast
DEFAULT_TOP_K = 5
_ASCII_TOKEN = re.compile(r"[a-z][a-z0-9\-]{1,20}")
_OOV_IDF = 8.0  # ASCII tokens not in the table are rare, hence salient
_MULT = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93],
    dtype=np.uint64,
)


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


def _window_hashes(codes: NDArray[np.uint64], size: int) -> NDArray[np.uint64]:
    """Hash of every window of `size` code points (length len(codes) - size + 1)."""
    usable = len(codes) - size + 1
    h = np.full(usable, np.uint64(size), dtype=np.uint64)
    for j in range(size):
        h += codes[j : j + usable] * _MULT[j]
    return h ^ (h >> np.uint64(29))


@dataclass(frozen=True)
class Vocabulary:
    """Sorted window hashes of the idf words, per word length, with words and idf values."""

    hashes: dict[int, NDArray[np.uint64]]
    words: dict[int, list[str]]
    idf: dict[int, NDArray[np.float64]]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The idf table indexed by window hash (built once per process)."""
    table = idf_table()
    hashes, words, idf = {}, {}, {}
    for size in range(MIN_WORD, MAX_WORD + 1):
        chosen = [w for w in table if len(w) == size]
        codes = np.frombuffer("".join(chosen).encode("utf-32-le"), dtype=np.uint32)
        grid = codes.astype(np.uint64).reshape(len(chosen), size)
        h = np.full(len(chosen), np.uint64(size), dtype=np.uint64)
        for j in range(size):
            h += grid[:, j] * _MULT[j]
        h ^= h >> np.uint64(29)
        order = np.argsort(h)
        hashes[size] = h[order]
        words[size] = [chosen[i] for i in order]
        idf[size] = np.array([table[chosen[i]] for i in order])
    return Vocabulary(hashes, words, idf)


def _matches(texts: Sequence[str]) -> list[Counter[str]]:
    """Maximal dictionary-word matches per text, counted."""
    vocab = vocabulary()
    clipped = [t[:MAX_SCAN] for t in texts]
    joined = "\x00" + "\x00".join(clipped) + "\x00"
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    total = len(codes)
    doc_of = np.cumsum(codes == 0) - 1
    zero = np.flatnonzero(codes == 0)
    next_zero = zero[np.searchsorted(zero, np.arange(total), side="right").clip(max=len(zero) - 1)]
    found_pos, found_len, found_id = [], [], []
    for size in range(MAX_WORD, MIN_WORD - 1, -1):
        if total < size:
            continue
        h = _window_hashes(codes, size)
        at = np.searchsorted(vocab.hashes[size], h).clip(max=len(vocab.hashes[size]) - 1)
        starts = np.arange(len(h))
        ok = (vocab.hashes[size][at] == h) & (starts + size <= next_zero[: len(h)])
        found_pos.append(starts[ok])
        found_len.append(np.full(int(ok.sum()), size))
        found_id.append(at[ok])
    if not found_pos:
        return [Counter() for _ in texts]
    pos, length, ids = (np.concatenate(a) for a in (found_pos, found_len, found_id))
    reach = np.zeros(total + 1, dtype=np.int64)
    np.maximum.at(reach, pos, pos + length)
    covered = np.zeros(len(pos), dtype=bool)
    for back in range(0, MAX_WORD):
        before = (pos - back).clip(min=0)
        longer = reach[before] >= pos + length
        covered |= longer & ((back > 0) | (reach[pos] > pos + length))
    out: list[Counter[str]] = [Counter() for _ in texts]
    kept = ~covered
    for doc, size, i in zip(
        doc_of[pos[kept]].tolist(), length[kept].tolist(), ids[kept].tolist(), strict=True
    ):
        out[doc][vocab.words[size][i]] += 1
    return out


def extract_keywords_batch(
    texts: Sequence[str], top_k: int = DEFAULT_TOP_K, exclude: Iterable[str] = ()
) -> list[list[str]]:
    """Up to top_k salient words per normalised text, best first, excluding e.g. brand names."""
    table = idf_table()
    excluded = {w.lower() for w in exclude}
    out = []
    for text, counts in zip(texts, _matches(texts), strict=True):
        for token in _ASCII_TOKEN.findall(text[:MAX_SCAN]):
            counts[token] += 1
        for word in excluded & counts.keys():
            del counts[word]
        ranked = sorted([(-n * table.get(w, _OOV_IDF), w) for w, n in counts.items()])
        out.append([w for _, w in ranked if w not in STOPWORDS and not w.isdigit()][:top_k])
    return out


def extract_keywords(
    text: str, top_k: int = DEFAULT_TOP_K, exclude: Iterable[str] = ()
) -> list[str]:
    """Up to top_k salient words of one normalised text (see extract_keywords_batch)."""
    return extract_keywords_batch([text], top_k, exclude)[0]
