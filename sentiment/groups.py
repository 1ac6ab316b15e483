"""Near-duplicate groups and group-aware splits, so a text and its copy never straddle a split.

Texts are reduced to their CJK/letter characters (punctuation, digits, emoji and spaces
dropped); identical reductions form one group, and MinHash LSH over character 3-grams
(20 hashes in 5 bands of 4) joins texts whose 3-gram sets overlap strongly (Jaccard ≳ 0.7),
e.g. reposts, templated reviews and the same complaint filed twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from sentiment.features import FeatureSpec, fold, hashed_ngrams


class HasSource(Protocol):
    """Anything with a text and the name of its corpus (an Example)."""

    @property
    def text(self) -> str: ...

    @property
    def source(self) -> str: ...


_KEEP = re.compile(r"[^\u4e00-\u9fffa-z]")
_HASHES, _BAND = 20, 4
_SHINGLES = FeatureSpec(bits=40, ngrams=(3,), skip_bigrams=False)


def _mix(values: NDArray[np.uint64], a: np.uint64, b: np.uint64) -> NDArray[np.uint64]:
    """One member of a family of 64-bit mixing hashes (xor, multiply, xor-shift)."""
    h = (values ^ b) * a
    return np.asarray(h ^ (h >> np.uint64(31)), dtype=np.uint64)


def reduced(text: str) -> str:
    """The text with everything but CJK characters and letters removed."""
    return _KEEP.sub("", fold(text))


def _first_of_key(keys: NDArray[np.uint64]) -> NDArray[np.int64]:
    """For each position, the first position holding the same key."""
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    return np.asarray(first[inverse], dtype=np.int64)


def near_duplicate_groups(texts: Sequence[str]) -> NDArray[np.int64]:
    """A group id per text; texts in one group are (near-)duplicates of each other.

    Needs scipy (training/bench only)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    keys = [reduced(t) or t for t in texts]
    n = len(keys)
    exact = np.array([hash(k) for k in keys], dtype=np.int64).view(np.uint64)
    sources = [np.arange(n)]
    targets = [_first_of_key(exact)]
    docs, shingles = hashed_ngrams([k if len(k) >= 3 else k + "  " for k in keys], _SHINGLES)
    if len(docs):
        rng = np.random.default_rng(97)
        a = rng.integers(1, 1 << 63, _HASHES, dtype=np.uint64) | np.uint64(1)
        b = rng.integers(0, 1 << 63, _HASHES, dtype=np.uint64)
        starts = np.flatnonzero(np.r_[True, docs[1:] != docs[:-1]])
        owners = docs[starts]
        values = shingles.astype(np.uint64)
        signature = np.stack(
            [np.minimum.reduceat(_mix(values, a[k], b[k]), starts) for k in range(_HASHES)],
            axis=1,
        )
        for band in range(0, _HASHES, _BAND):
            key = np.zeros(len(owners), dtype=np.uint64)
            for column in range(band, band + _BAND):
                key = key * np.uint64(0x9E3779B97F4A7C15) + signature[:, column]
            sources.append(owners)
            targets.append(owners[_first_of_key(key)])
    rows, cols = np.concatenate(sources), np.concatenate(targets)
    graph = coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return np.asarray(labels, dtype=np.int64)


def group_split(groups: NDArray[np.int64], fraction: float, seed: int) -> NDArray[np.bool_]:
    """Held-out mask: whole groups go to the held-out side with probability `fraction`."""
    rng = np.random.default_rng(seed)
    unique, inverse = np.unique(groups, return_inverse=True)
    held_groups = rng.random(len(unique)) < fraction
    return np.asarray(held_groups[inverse], dtype=bool)


HELD_OUT_FRACTION = 0.2
SEED = 20241123


def text_split(
    texts: Sequence[str], seed: int = SEED, fraction: float = HELD_OUT_FRACTION
) -> NDArray[np.bool_]:
    """Held-out mask over one corpus's texts: near-duplicate groups never straddle it."""
    return group_split(near_duplicate_groups(texts), fraction, seed)


def fixed_split(
    examples: Sequence[HasSource], seed: int = SEED, fraction: float = HELD_OUT_FRACTION
) -> NDArray[np.bool_]:
    """Held-out mask over examples, decided per source corpus as text_split() does (so
    sentiment.data.split() of a review corpus picks the same held-out texts)."""
    sources = np.array([e.source for e in examples])
    held = np.zeros(len(examples), dtype=bool)
    for source in dict.fromkeys(sources.tolist()):
        index = np.flatnonzero(sources == source)
        held[index] = text_split([examples[int(i)].text for i in index], seed, fraction)
    return held
