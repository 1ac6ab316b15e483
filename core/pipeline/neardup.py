"""Near-duplicate groups: nearly the same text by different authors shares a similarity group.

A copy-paste campaign with a word changed, a repost with a sentence added, a review pasted with
a typo fixed: none of them has the exact group text of the first post, yet they are one story.
Each group's first text (its representative) is kept in `near_groups`; MinHash over character
bigrams (30 hashes, 10 bands of 3 rows) gives it 10 band keys, each a primary-key row of
`near_bands` that points to the group by its number (`near_groups.id`, the rowid on SQLite: a
band row is a third of the size it had with the 40-character group id, and `near_groups` needs
no index on group_id). A new text looks up its own 10 band keys (by primary key,
so the cost barely grows with the number of known texts) and is verified exactly against the
representatives found: it joins the most similar one when

- both texts have at least MIN_NEAR_TEXT letters (short texts are too generic: "好吃好吃"),
- they carry the same numbers in the same order ("退款1.5元" is not "退款15元"),
- both ask or neither asks, both exclaim or neither does ("好吃！" is not "好吃？"),
- they differ in more than digits and punctuation (that difference alone is a different post),
- the Jaccard similarity of their bigram sets is at least THRESHOLD.

A band key belongs to the first group that claimed it; verification against the representative
(never against other members) keeps groups from drifting by chains of small edits. Each band row
also holds its representative's *shape* (a digest of its numbers, ？ and ！): a candidate whose
shape differs from the text's cannot be a near copy, so its representative is never fetched
(four fifths of the candidates in the streaming benchmark; rows stored before shapes have none
and are always verified).
"""

from __future__ import annotations

import operator
import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from core.db import (
    LOOKUP_CHUNK,
    driver_rows,
    driver_run,
    driver_time,
    in_key_order,
    lookup_rows,
)
from core.models import utcnow
from core.pipeline.dedup_tables import NearBand, NearGroup

if TYPE_CHECKING:
    from sqlalchemy import CursorResult

NGRAM = 2
ROWS = 3  # hashes per band
BANDS = 10
HASHES = ROWS * BANDS
MIN_NEAR_TEXT = 12  # letters (CJK, latin, digits) after noise is removed
THRESHOLD = 0.65  # Jaccard of bigram sets
MAX_CHARS = 1000  # a long article is compared by its first MAX_CHARS characters
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NOT_LETTER = re.compile(r"[\W_]")  # one class, not an alternation: the same characters
_RNG = np.random.default_rng(20261130)  # fixed: band keys must be the same in every process
_MULT = _RNG.integers(1, 2**63, size=HASHES, dtype=np.uint64) | np.uint64(1)
_XOR = _RNG.integers(0, 2**63, size=HASHES, dtype=np.uint64)
_BAND_MULT = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True)
class NearText:
    """What near-duplicate verification compares of one group text."""

    text: str
    letters: str
    numbers: tuple[str, ...]
    asks: bool
    exclaims: bool

    @classmethod
    def of(cls, group_text: str) -> NearText:
        """Features of a group text (see core.pipeline.dedup.group_text)."""
        text = unicodedata.normalize("NFKC", group_text)[:MAX_CHARS]
        letters = _NOT_LETTER.sub("", text)
        return cls(
            text=text,
            letters=letters,
            numbers=tuple(_NUMBER.findall(text)),
            asks="?" in text,
            exclaims="!" in text,
        )

    @cached_property
    def shingles(self) -> frozenset[str]:
        """The character bigrams of the letters (computed when a candidate is verified)."""
        letters = self.letters  # NGRAM == 2: each letter joined to the next one
        return frozenset(map(operator.add, letters, letters[1:]))

    @cached_property
    def shape(self) -> int:
        """A 31-bit digest of what near copies must share exactly: the numbers in order, whether
        the text asks, whether it exclaims (equal digests may still differ there; verified)."""
        marks = ("?" if self.asks else "") + ("!" if self.exclaims else "")
        return zlib.crc32("\x1f".join((marks, *self.numbers)).encode()) & 0x7FFFFFFF

    @cached_property
    def without_numbers(self) -> str:
        """The letters without their numbers (two texts equal here differ only in those)."""
        return _NUMBER.sub("", self.letters)

    @cached_property
    def fewest_shingles(self) -> int:
        """A lower bound of len(shingles) without building them: a walk through k distinct
        letters takes at least k - 1 distinct steps."""
        return max(len(set(self.letters)) - 1, 0)

    def may_reach(self, other: NearText, score: float) -> bool:
        """False when their Jaccard similarity is surely below score: it is at most the size
        of the smaller bigram set over the larger one's (len(letters) - 1 bounds a set)."""
        most, other_most = len(self.letters) - 1, len(other.letters) - 1
        if most < score * other_most:
            return most >= score * other.fewest_shingles
        if other_most < score * most:
            return other_most >= score * self.fewest_shingles
        return True

    @property
    def eligible(self) -> bool:
        """Long enough to be grouped by similarity."""
        return len(self.letters) >= MIN_NEAR_TEXT

    def similarity(self, other: NearText) -> float:
        """Jaccard similarity of bigram sets when the two may be near copies, else 0."""
        if not (self.eligible and other.eligible) or self.text == other.text:
            return 0.0
        if (self.numbers, self.asks, self.exclaims) != (other.numbers, other.asks, other.exclaims):
            return 0.0
        if self.without_numbers == other.without_numbers:
            return 0.0  # only digits or punctuation differ: a different post
        shared = len(self.shingles & other.shingles)
        union = len(self.shingles) + len(other.shingles) - shared
        return shared / union if union else 0.0


def signatures(texts: Sequence[NearText]) -> NDArray[np.uint64]:
    """MinHash signatures, one row of HASHES per text (texts must be eligible)."""
    # All letters in one array; each bigram is one integer (two 21-bit code points). The
    # bigram across two texts' boundary gets the largest value, which no minimum picks.
    lengths = np.fromiter((len(t.letters) for t in texts), dtype=np.int64, count=len(texts))
    joined = "".join(t.letters for t in texts).encode("utf-32-le")
    points = np.frombuffer(joined, dtype=np.uint32).astype(np.uint64)
    codes = (points[:-1] << np.uint64(21)) | points[1:]
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
    with np.errstate(over="ignore"):
        values = codes * _BAND_MULT  # one strong mix per bigram, then
        values ^= values >> np.uint64(29)
        values *= _BAND_MULT
        values ^= values >> np.uint64(32)
        # A multiply-add per hash function; a row per hash keeps the minima's runs contiguous.
        mixed = np.multiply.outer(_MULT, values)
        mixed += _XOR[:, None]
    mixed[:, starts[1:] - 1] = np.iinfo(np.uint64).max
    return np.ascontiguousarray(np.minimum.reduceat(mixed, starts, axis=1).T, dtype=np.uint64)


def band_keys(signatures: NDArray[np.uint64]) -> NDArray[np.int64]:
    """The BANDS primary keys of each signature row (non-negative 63-bit integers)."""
    rows = signatures.reshape(len(signatures), BANDS, ROWS)
    with np.errstate(over="ignore"):
        key = np.broadcast_to(np.arange(BANDS, dtype=np.uint64) * _BAND_MULT, rows.shape[:2])
        for column in range(ROWS):
            key = (key ^ rows[:, :, column]) * _BAND_MULT
            key ^= key >> np.uint64(31)
    return np.asarray(key >> np.uint64(1), dtype=np.int64)


class NearMatcher:
    """One batch's near-duplicate lookups: prefetch by band keys, then match text by text."""

    def __init__(self, session: Session, texts: Sequence[NearText]) -> None:
        self.session = session
        eligible = [t for t in texts if t.eligible]
        keys = band_keys(signatures(eligible)).tolist() if eligible else []
        self.keys: dict[str, list[int]] = {t.text: k for t, k in zip(eligible, keys, strict=True)}
        held = _bands(session, _flat(self.keys.values()))
        # Only representatives some text of the batch may be a near copy of (same shape).
        wanted = {ref for text in eligible for ref in self._candidates(held, text)}
        found = _representatives(session, wanted)
        self.representatives = {g: NearText.of(first) for g, first in found.values()}
        # band key → (group id, shape); None for a group left unfetched (another shape than
        # every text's of the batch that holds the key) or whose representative is gone.
        self.bands: dict[int, tuple[str | None, int | None]] = {
            key: (found[ref][0] if ref in found else None, shape)
            for key, (ref, shape) in held.items()
        }
        self.new_groups: list[tuple[str, str]] = []
        self.new_bands: dict[int, tuple[str, int]] = {}

    def _candidates(self, bands: dict[int, tuple[Any, int | None]], text: NearText) -> list[Any]:
        """The groups holding one of the text's band keys whose shape may be the text's (each
        once, in band order)."""
        shape = text.shape
        found: dict[Any, None] = {}
        for held in map(bands.get, self.keys.get(text.text, ())):
            if held is not None and held[0] is not None and (held[1] is None or held[1] == shape):
                found[held[0]] = None
        return list(found)

    def match(self, text: NearText) -> str | None:
        """The group this text is a near copy of, or None."""
        best, best_score = None, THRESHOLD
        # Each group once, however many of the text's bands it holds (the best is the highest
        # score, ties to the smallest id: the order of the candidates does not matter); groups
        # of another shape score 0 and are left out.
        for group in self._candidates(self.bands, text):
            representative = self.representatives.get(group)
            if representative is None:
                continue
            if not text.may_reach(representative, best_score):
                continue  # its score could not reach the best one so far
            score = text.similarity(representative)
            if score >= best_score and (best is None or score > best_score or group < best):
                best, best_score = group, score
        return best

    def start(self, group_id: str, text: NearText) -> None:
        """Make this text the representative of a new group (claims its free band keys)."""
        if not text.eligible:
            return
        self.new_groups.append((group_id, text.text))
        self.representatives[group_id] = text
        for key in self.keys.get(text.text, ()):
            if key not in self.bands:
                self.bands[key] = self.new_bands[key] = (group_id, text.shape)

    def save(self) -> None:
        """Store the batch's new representatives and band keys (first claim wins)."""
        if not self.new_groups:
            return
        stamp = driver_time(self.session, utcnow())
        refs = _insert_groups(self.session, [(g, t, stamp) for g, t in self.new_groups])
        bands = [(key, refs[group], shape) for key, (group, shape) in self.new_bands.items()]
        _insert_new_bands(self.session, bands)


def _flat(lists: Iterable[list[int]]) -> set[int]:
    return {k for keys in lists for k in keys}


def _bands(session: Session, keys: set[int]) -> dict[int, tuple[int | None, int | None]]:
    """band key → (its group's NearGroup.id, the group's shape or None) for the known keys, by
    primary key."""
    rows = lookup_rows(session, NearBand.band, (NearBand.near_group, NearBand.shape), keys)
    return {band: (ref, shape) for band, ref, shape in rows}


def _representatives(session: Session, refs: set[int]) -> dict[int, tuple[str, str]]:
    """NearGroup.id → (group id, first text), by primary key."""
    rows = lookup_rows(session, NearGroup.id, (NearGroup.group_id, NearGroup.text), refs)
    return {ref: (group, text) for ref, group, text in rows}


def _insert_groups(session: Session, rows: list[tuple[str, str, Any]]) -> dict[str, int]:
    """Insert representatives (group id, text, first seen); returns group id → NearGroup.id
    (numbered by the store: multi-row inserts with RETURNING, as driver SQL)."""
    refs: dict[str, int] = {}
    for start in range(0, len(rows), LOOKUP_CHUNK):
        chunk = rows[start : start + LOOKUP_CHUNK]
        values = ", ".join(["(?, ?, ?)"] * len(chunk))
        sql = (
            f"INSERT INTO {NearGroup.__tablename__} (group_id, text, first_seen)"
            f" VALUES {values} RETURNING id, group_id"
        )
        found = driver_rows(session, sql, [v for row in chunk for v in row])
        refs.update({group: ref for ref, group in found})
    return refs


def _insert_new_bands(session: Session, rows: list[tuple[int, int, int]]) -> None:
    """Insert band rows, skipping keys another writer stored meanwhile (a band key another
    writer claimed stays theirs), as driver SQL, in key order."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    verb, tail = ("INSERT OR IGNORE", "") if sqlite else ("INSERT", " ON CONFLICT DO NOTHING")
    sql = f"{verb} INTO {NearBand.__tablename__} (band, near_group, shape) VALUES (?, ?, ?){tail}"
    driver_run(session, sql, in_key_order(list(rows)))


def prune_groups_before(session: Session, cutoff: datetime) -> tuple[int, int]:
    """Forget near-duplicate groups first seen before cutoff (their representative and the band
    keys it still holds, found by recomputing them: one primary-key delete per key); returns
    (groups, bands). Exact copies keep their group through similarity_groups; a later near copy
    of a forgotten text starts a new group."""
    stale = session.execute(
        select(NearGroup.id, NearGroup.text).where(NearGroup.first_seen < cutoff)
    ).all()
    groups = bands = 0
    for start in range(0, len(stale), LOOKUP_CHUNK):
        chunk = stale[start : start + LOOKUP_CHUNK]
        texts = [NearText.of(text) for _, text in chunk]
        eligible = [(g, t) for (g, _), t in zip(chunk, texts, strict=True) if t.eligible]
        keys = band_keys(signatures([t for _, t in eligible])).tolist() if eligible else []
        owned = {k: g for (g, _), ks in zip(eligible, keys, strict=True) for k in ks}
        held = _bands(session, set(owned))
        mine = [k for k, (g, _) in held.items() if owned.get(k) == g]
        for offset in range(0, len(mine), LOOKUP_CHUNK):
            doomed = mine[offset : offset + LOOKUP_CHUNK]
            done = session.execute(delete(NearBand).where(NearBand.band.in_(doomed)))
            bands += cast("CursorResult[Any]", done).rowcount
        ids = [g for g, _ in chunk]
        done = session.execute(delete(NearGroup).where(NearGroup.id.in_(ids)))
        groups += cast("CursorResult[Any]", done).rowcount
    return groups, bands
