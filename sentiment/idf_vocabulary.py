"""jieba's idf table (plus the words complaints are about, word_kinds.COMPLAINT_SUBJECTS) as
sorted numpy arrays, looked up by 64-bit window hash.

Words of 2–4 characters (stopwords left out), one table per word length: the hashes sorted,
the words and idf values in the same order: 13 MiB of arrays, where a dict of the same words
took 37 MiB besides. A hash is found through a bucket index over its top bits (one or two
array reads instead of a binary search); `word_id` confirms the word itself, so a hash
collision never passes for a word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from sentiment.lexicons import COMPLAINT_TERMS, STOPWORDS

MIN_WORD, MAX_WORD = 2, 4
_CHUNK = 200_000  # characters of the idf file parsed at a time
COMPLAINT_IDF = 11.0  # of a complaint word jieba lacks: as rare as 催收 10.6 or 蟑螂 9.9
_MULT = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93],
    dtype=np.uint64,
)


def window_hashes(codes: NDArray[np.uint64], size: int) -> NDArray[np.uint64]:
    """Hash of every window of `size` code points (length len(codes) - size + 1)."""
    usable = len(codes) - size + 1
    h = np.full(usable, np.uint64(size), dtype=np.uint64)
    for j in range(size):
        h += codes[j : j + usable] * _MULT[j]
    return h ^ (h >> np.uint64(29))


def _idf_path() -> Path:
    import jieba

    return Path(jieba.__file__).parent / "analyse" / "idf.txt"


@dataclass(frozen=True)
class WordTable:
    """The idf words of one length: their hashes sorted, and a bucket index over them."""

    size: int
    offset: int  # of this table's words in Vocabulary.words
    hashes: NDArray[np.uint64]
    bucket_start: NDArray[np.int32]  # hashes[bucket_start[b]:bucket_start[b + 1]] share bucket b
    shift: np.uint64

    @classmethod
    def of(cls, size: int, offset: int, hashes: NDArray[np.uint64]) -> WordTable:
        """Index sorted hashes of words of length `size`."""
        bits = max(1, len(hashes).bit_length() + 1)  # at most one hash per two buckets
        bounds = np.arange(1 << bits, dtype=np.uint64) << np.uint64(64 - bits)
        starts = np.searchsorted(hashes, bounds).astype(np.int32)
        ends = np.append(starts, np.int32(len(hashes)))
        return cls(size, offset, hashes, ends, np.uint64(64 - bits))

    def find(self, h: NDArray[np.uint64]) -> tuple[NDArray[np.intp], NDArray[np.bool_]]:
        """(position, found) of each hash: hashes[position] == h where found."""
        bucket = (h >> self.shift).astype(np.intp)
        at = self.bucket_start[bucket].astype(np.intp)
        end = self.bucket_start[bucket + 1]
        found = (at < end) & (self.hashes[np.minimum(at, len(self.hashes) - 1)] == h)
        rest = np.flatnonzero(~found & (at + 1 < end))
        while len(rest):  # buckets holding several hashes: step through them
            at[rest] += 1
            hit = self.hashes[at[rest]] == h[rest]
            found[rest[hit]] = True
            rest = rest[~hit & (at[rest] + 1 < end[rest])]
        return at, found


@dataclass(frozen=True)
class Vocabulary:
    """Every idf word (grouped by length, each group in hash order), its idf and its rank in
    code-point order (ties in keyword ranking are broken by the word itself)."""

    tables: dict[int, WordTable]
    words: NDArray[np.str_]
    idf: NDArray[np.float64]
    rank: NDArray[np.int64]
    shown: NDArray[np.bool_]  # a keyword may be this word (digits such as 315 may not)

    def word_id(self, word: str) -> int | None:
        """Index of word in `words`, None when it is not in the table."""
        return self.word_ids([word])[0]

    def word_ids(self, words: Sequence[str]) -> list[int | None]:
        """`word_id` of each word, the words of one length looked up together."""
        out: list[int | None] = [None] * len(words)
        for size, table in self.tables.items():
            chosen = [i for i, w in enumerate(words) if len(w) == size]
            if not chosen:
                continue
            wanted = [words[i] for i in chosen]
            codes = np.frombuffer(
                "".join(wanted).encode("utf-32-le", "surrogatepass"), dtype=np.uint32
            )
            at, found = table.find(_hashes(codes.reshape(len(chosen), size)))
            index = np.minimum(table.offset + at, len(self.words) - 1)
            found &= self.words[index] == np.array(wanted, dtype=self.words.dtype)
            for i, ok, at_word in zip(chosen, found.tolist(), index.tolist(), strict=True):
                out[i] = at_word if ok else None
        return out

    def idf_of(self, word: str) -> float | None:
        """jieba's idf of word, None when it is not in the table."""
        index = self.word_id(word)
        return None if index is None else float(self.idf[index])

    def idf_of_many(self, words: Sequence[str]) -> list[float | None]:
        """`idf_of` of each word, looked up together (word_ids)."""
        return [None if i is None else float(self.idf[i]) for i in self.word_ids(words)]


def _read_idf() -> dict[int, tuple[NDArray[np.uint32], NDArray[np.float64]]]:
    """Per word length: the words' code points (a row each) and idf values, in file order.

    Parsed in numpy, a slice of lines at a time: a str per word, or arrays over the whole
    file at once, would leave tens of MiB of freed memory resident in the process.
    """
    parts: dict[int, list[tuple[NDArray[np.uint32], NDArray[np.float64]]]] = {
        n: [] for n in range(MIN_WORD, MAX_WORD + 1)
    }
    # First, so that a word the file lists too keeps jieba's idf (the last value wins).
    for size, part in _complaint_terms().items():
        parts[size].append(part)
    with _idf_path().open(encoding="utf-8") as handle:
        rest = ""
        while chunk := handle.read(_CHUNK):
            lines, _, rest = (rest + chunk).rpartition("\n")
            for size, part in _parse_lines(lines + "\n").items() if lines else ():
                parts[size].append(part)
        if rest.strip():
            for size, part in _parse_lines(rest.rstrip("\n") + "\n").items():
                parts[size].append(part)
    return {
        size: (np.concatenate([g for g, _ in chunks]), np.concatenate([v for _, v in chunks]))
        for size, chunks in parts.items()
    }


def _complaint_terms() -> dict[int, tuple[NDArray[np.uint32], NDArray[np.float64]]]:
    """The words complaints are about (word_kinds.COMPLAINT_SUBJECTS: complaint terms,
    defects such as 异响 or 断轴, harms) as _read_idf parts, each at COMPLAINT_IDF: jieba lacks
    many, and a car maker's commonest complaint was never a keyword."""
    from sentiment.word_kinds import COMPLAINT_SUBJECTS  # it imports the lexicons this uses

    out = {}
    for size in range(MIN_WORD, MAX_WORD + 1):
        chosen = sorted(w for w in COMPLAINT_SUBJECTS | COMPLAINT_TERMS if len(w) == size)
        grid = np.array([[ord(c) for c in w] for w in chosen], dtype=np.uint32).reshape(-1, size)
        out[size] = (grid, np.full(len(chosen), COMPLAINT_IDF))
    return out


def _parse_lines(text: str) -> dict[int, tuple[NDArray[np.uint32], NDArray[np.float64]]]:
    """_read_idf() of whole lines ("word idf\n" each)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    newline = codes == ord("\n")
    ends = np.flatnonzero(newline)
    starts = np.r_[0, ends[:-1] + 1]
    spaces = np.flatnonzero(codes == ord(" "))
    space = spaces[np.searchsorted(spaces, starts).clip(max=len(spaces) - 1)]
    line = np.cumsum(newline) - newline  # the line of each position
    numbers = codes[(np.arange(len(codes)) > space[line]) | newline]
    value = np.array(numbers.tobytes().decode("utf-32-le").split(), dtype=np.float64)
    out = {}
    for size in range(MIN_WORD, MAX_WORD + 1):
        chosen = np.flatnonzero(space - starts == size)
        grid = codes[starts[chosen][:, None] + np.arange(size)]
        words = grid.view(f"<U{size}").ravel()
        keep = ~np.isin(words, [w for w in STOPWORDS if len(w) == size])
        out[size] = (grid[keep], value[chosen[keep]])
    return out


def _hashes(grid: NDArray[np.uint32]) -> NDArray[np.uint64]:
    """window_hashes() of each row (a word's code points)."""
    h = np.full(len(grid), np.uint64(grid.shape[1]), dtype=np.uint64)
    for j in range(grid.shape[1]):
        h += grid[:, j].astype(np.uint64) * _MULT[j]
    return h ^ (h >> np.uint64(29))


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """jieba's idf table indexed by window hash (built once per process)."""
    tables, words, idf, offset = {}, [], [], 0
    for size, (grid, values) in _read_idf().items():
        hashes = _hashes(grid)
        order = np.argsort(hashes, kind="stable")
        # A word listed twice keeps its last value, as a dict built from the file would.
        last = np.r_[hashes[order][1:] != hashes[order][:-1], True]
        order = order[last]
        tables[size] = WordTable.of(size, offset, hashes[order])
        words.append(grid[order].view(f"<U{size}").ravel().astype(f"<U{MAX_WORD}"))
        idf.append(values[order])
        offset += len(order)
    every = np.concatenate(words)
    rank = np.empty(len(every), dtype=np.int64)
    rank[np.argsort(every, kind="stable")] = np.arange(len(every))
    shown = ~np.strings.isdigit(every)  # stopwords are not in the table at all
    return Vocabulary(tables, every, np.concatenate(idf), rank, shown)
