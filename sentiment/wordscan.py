"""Which words of a fixed vocabulary occur in each text of a batch, in numpy.

Same answer as `[{w for w in vocabulary if w in text} for text in texts]`, but every window
of every vocabulary word length is hashed once for the whole batch (64-bit multipliers, as
in sentiment/features.py) and looked up in the sorted hashes of the vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

_SEED = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xBF58476D1CE4E5B9)


def alternatives(vocabulary: Iterable[str]) -> str:
    """A regex alternation of the words, longest first (they hold no regex syntax)."""
    return "|".join(sorted(vocabulary, key=len, reverse=True))


def _multipliers(size: int) -> NDArray[np.uint64]:
    rng = np.random.default_rng(size * 7919)
    return rng.integers(1, 1 << 63, size, dtype=np.uint64) | np.uint64(1)


def _finish(h: NDArray[np.uint64]) -> NDArray[np.uint64]:
    h = h ^ (h >> np.uint64(31))
    return np.asarray(h * _MIX, dtype=np.uint64)


class WordScanner:
    """A vocabulary indexed by window hash, per word length."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self.words = sorted({w for w in vocabulary if w})

    @cached_property
    def _index(self) -> dict[int, tuple[NDArray[np.uint64], list[str]]]:
        out = {}
        for size in sorted({len(w) for w in self.words}):
            chosen = [w for w in self.words if len(w) == size]
            codes = np.frombuffer("".join(chosen).encode("utf-32-le"), dtype=np.uint32)
            grid = codes.astype(np.uint64).reshape(len(chosen), size)
            h = np.full(len(chosen), _SEED, dtype=np.uint64)
            for j, mult in enumerate(_multipliers(size)):
                h += grid[:, j] * mult
            h = _finish(h)
            order = np.argsort(h)
            out[size] = (h[order], [chosen[i] for i in order])
        return out

    @cached_property
    def _first_chars(self) -> NDArray[np.bool_]:
        """Which code points start a vocabulary word (the last entry: none beyond the table)."""
        first = np.array(sorted({ord(w[0]) for w in self.words}), dtype=np.int64)
        table = np.zeros(int(first.max()) + 2, dtype=bool)
        table[first] = True
        return table

    @cached_property
    def _first_chars_of_size(self) -> dict[int, NDArray[np.bool_]]:
        """_first_chars of the words of each length (same table length)."""
        out = {}
        for size in self._index:
            table = np.zeros(len(self._first_chars), dtype=bool)
            table[[ord(w[0]) for w in self.words if len(w) == size]] = True
            out[size] = table
        return out

    def found(self, texts: Sequence[str]) -> list[set[str]]:
        """The vocabulary words occurring in each text."""
        out: list[set[str]] = [set() for _ in texts]
        if not texts or not self.words:
            return out
        joined = "\x00" + "\x00".join(texts) + "\x00"
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        valid = codes != 0
        doc_of = np.cumsum(~valid) - 1
        total = len(codes)
        first = self._first_chars
        # Only windows starting with a word's first character can match: hash just those,
        # and for each word length only those starting a word of that length.
        start = np.flatnonzero(first[np.minimum(codes, len(first) - 1).astype(np.intp)])
        start_code = codes[start].astype(np.intp)
        docs, ids, offset = [], [], 0
        for size, (hashes, _) in self._index.items():
            at = start[self._first_chars_of_size[size][start_code] & (start + size <= total)]
            h = np.full(len(at), _SEED, dtype=np.uint64)
            ok = np.ones(len(at), dtype=bool)
            for j, mult in enumerate(_multipliers(size)):
                h += codes[at + j] * mult
                ok &= valid[at + j]
            h = _finish(h)
            where = np.searchsorted(hashes, h).clip(max=len(hashes) - 1)
            hit = ok & (hashes[where] == h)
            docs.append(doc_of[at[hit]])
            ids.append(where[hit] + offset)
            offset += len(hashes)
        words = [w for _, chosen in self._index.values() for w in chosen]
        pairs = np.unique(np.concatenate(docs) * len(words) + np.concatenate(ids))
        for doc, word in zip(
            (pairs // len(words)).tolist(), (pairs % len(words)).tolist(), strict=True
        ):
            out[doc].add(words[word])
        return out
