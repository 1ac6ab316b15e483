"""A Bloom filter of 63-bit integer keys, in numpy: "surely absent" or "maybe present".

The dedup stage's band keys are already uniformly mixed 63-bit integers, so the filter hashes
nothing: a key's HASHES bit positions are key + i * step (mod the bit count), step taken from
the key's other bits (double hashing). At BITS_PER_KEY bits per key of its capacity, a key
that is absent is called "maybe" with a probability of about 1 % when the filter is full. A
"maybe" is always confirmed in the store: the filter only spares the lookups of keys that
are surely new.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

BITS_PER_KEY = 10
HASHES = 7
_MIX = np.uint64(0x9E3779B97F4A7C15)
_STEPS = np.arange(HASHES, dtype=np.uint64)
CHUNK = 8192  # keys added at a time


class KeyFilter:
    """Bloom filter over int64 keys sized for `capacity` keys; `count` keys added so far."""

    def __init__(self, capacity: int, words: NDArray[np.uint64] | None = None, count: int = 0):
        size = max(capacity, 1024) * BITS_PER_KEY // 64 + 1
        self.words = np.zeros(size, dtype=np.uint64) if words is None else words
        self.bits = np.uint64(len(self.words) * 64)
        self.capacity = len(self.words) * 64 // BITS_PER_KEY
        self.count = count

    @classmethod
    def of_bytes(cls, data: bytes | memoryview, count: int) -> KeyFilter:
        """The filter whose `to_bytes` gave data."""
        words = np.frombuffer(data, dtype=np.uint64).copy()
        return cls(0, words, count)

    def to_bytes(self) -> memoryview:
        """The filter's bits as stored (a view: a store's blob is written without a copy)."""
        return self.words.data.cast("B")

    @property
    def full(self) -> bool:
        """More keys than it was sized for (a false "maybe" gets likelier than ≈ 1 %)."""
        return self.count > self.capacity

    def _positions(self, keys: NDArray[np.int64]) -> NDArray[np.uint64]:
        mixed = keys.astype(np.uint64)
        with np.errstate(over="ignore"):
            step = ((mixed * _MIX) >> np.uint64(20)) | np.uint64(1)
            spots = mixed[:, None] + _STEPS[None, :] * step[:, None]
        return spots % self.bits

    def add(self, keys: Iterable[int] | NDArray[np.int64]) -> None:
        """Record keys (a key added twice counts twice: `count` only sizes the filter)."""
        array = np.asarray(keys if isinstance(keys, np.ndarray) else list(keys), dtype=np.int64)
        for start in range(0, len(array), CHUNK):  # bounded temporaries (HASHES words a key)
            spots = self._positions(array[start : start + CHUNK]).ravel()
            bits = np.uint64(1) << (spots & np.uint64(63))
            np.bitwise_or.at(self.words, spots >> np.uint64(6), bits)
        self.count += len(array)

    def may_hold(self, keys: list[int]) -> list[bool]:
        """Per key: False when it was surely never added, True when it may have been."""
        if not keys:
            return []
        spots = self._positions(np.asarray(keys, dtype=np.int64))
        bits = (self.words[spots >> np.uint64(6)] >> (spots & np.uint64(63))) & np.uint64(1)
        held: list[bool] = bits.all(axis=1).tolist()
        return held
