"""Hashed character n-gram features computed in numpy (no tokenizer, stable across processes).

A batch of texts becomes one uint32 array of code points; every n-gram is hashed with
fixed 64-bit multipliers and folded into ``2**bits`` buckets, so the same text always
lands in the same buckets regardless of PYTHONHASHSEED.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.textforms import nfkc, nfkc_batch

# Fixed odd 64-bit multipliers: position j of an n-gram of length n uses _MULT[n][j].
_MULT = np.array(
    [
        [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93],
        [0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9],
        [0x2545F4914F6CDD1D, 0x9FB21C651E98DF25, 0xE7037ED1A0B428DB, 0x8EBC6AF09C88C6E3],
        [0x589965CC75374CC3, 0x1D8E4E27C47D124F, 0xA0761D6478BD642F, 0xE7037ED1A0B428DB],
        [0x8CB92BA72F3D8DD7, 0xAAF6AD5E3A5F0E33, 0xD1B54A32D192ED03, 0x9E6C63D0676A9A99],
        [0xA24BAED4963EE407, 0x9FB21C651E98DF25, 0xC6A4A7935BD1E995, 0x5851F42D4C957F2D],
    ],
    dtype=np.uint64,
)
_FINAL = np.uint64(0x94D049BB133111EB)
_SKIP_ROW = 4  # skip-bigrams (a_c); 4-grams use row 5 (rows 1-3: 1- to 3-grams)
_ROW_OF_LENGTH = {1: 1, 2: 2, 3: 3, 4: 5}
_SEP = "\x00"
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class FeatureSpec:
    """Which n-grams to hash and into how many buckets."""

    bits: int = 20
    ngrams: tuple[int, ...] = (1, 2, 3)
    skip_bigrams: bool = True

    @property
    def buckets(self) -> int:
        """Number of hash buckets."""
        return 1 << self.bits


def fold(text: str) -> str:
    """NFKC, lower case, whitespace collapsed to one space (what lexicons match against)."""
    return _fold_nfkc(nfkc(text))


def fold_batch(texts: Sequence[str]) -> list[str]:
    """[fold(t) for t in texts], NFKC done for the batch at once."""
    return [_fold_nfkc(text) for text in nfkc_batch(texts)]


def _fold_nfkc(text: str) -> str:
    """fold() of a text already in NFKC form."""
    return _SPACES.sub(" ", text.lower().replace(_SEP, " ")).strip()


# Emoji of anger, disgust and disappointment as the Weibo emoticons the models learned them
# from: the Weibo corpus writes [怒] and [失望], while 小红书, 抖音, WeChat and most Weibo clients
# send 😡 and 😞 (no training text has one, so the models read them as nothing). Not the
# others: the corpus's labels come from its emoticons, so an emoticon outweighs the words, and
# happy faces are said in mockery (又被扣了五十块取消费😄), 😭 of food too good (好吃到哭😭).
EMOJI_EMOTICONS = {
    "😡": "[怒]",
    "😠": "[怒]",
    "🤬": "[怒骂]",
    "💢": "[怒]",
    "😤": "[哼]",
    "😞": "[失望]",
    "😔": "[失望]",
    "🙁": "[失望]",
    "☹": "[失望]",
    "😩": "[抓狂]",
    "😫": "[抓狂]",
    "👎": "[弱]",
    "🤮": "[吐]",
    "🤢": "[吐]",
}
_EMOJI = str.maketrans(EMOJI_EMOTICONS)
_ANY_EMOJI = re.compile(f"[{''.join(EMOJI_EMOTICONS)}]")  # a search is 3× cheaper than translate


def normalize(text: str) -> str:
    """fold() with digit runs collapsed to '0': the form the n-gram models read."""
    return _DIGITS.sub("0", fold(text))


def normalize_folded(folded: str) -> str:
    """normalize() of a text that is already fold()ed."""
    return _DIGITS.sub("0", folded)


def as_emoticons(text: str) -> str | None:
    """The text with its emoji of anger, disgust and disappointment written as the Weibo
    emoticons of EMOJI_EMOTICONS (靠不住😡 → 靠不住[怒]), or None when it has none."""
    return text.translate(_EMOJI) if _ANY_EMOJI.search(text) else None


def _codes(texts: Sequence[str]) -> NDArray[np.uint64]:
    """Code points of all texts, each preceded by a separator (NUL), plus a final one."""
    joined = _SEP + _SEP.join(texts) + _SEP
    return np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def hashed_ngrams(
    texts: Sequence[str], spec: FeatureSpec
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(doc index, bucket) pairs of every distinct n-gram in each normalised text."""
    codes = _codes(texts)
    total = len(codes)
    doc_of = np.cumsum(codes == 0) - 1  # separator count before each position
    valid = codes != 0
    shift = np.uint64(64 - spec.bits)
    parts_doc: list[NDArray[np.int64]] = []
    parts_bucket: list[NDArray[np.int64]] = []
    patterns = [(_ROW_OF_LENGTH[n], tuple(range(n))) for n in spec.ngrams]
    if spec.skip_bigrams:
        patterns.append((_SKIP_ROW, (0, 2)))
    for row, offsets in patterns:
        span = offsets[-1] + 1
        if total < span:
            continue
        usable = total - span + 1
        h = np.zeros(usable, dtype=np.uint64)
        ok = np.ones(usable, dtype=bool)
        for j, off in enumerate(offsets):
            h += codes[off : off + usable] * _MULT[row][j]
        for off in range(span):
            ok &= valid[off : off + usable]
        h = (h ^ (h >> np.uint64(29))) * _FINAL
        parts_doc.append(doc_of[:usable][ok])
        parts_bucket.append((h[ok] >> shift).astype(np.int64))
    if not parts_doc:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    docs = np.concatenate(parts_doc)
    buckets = np.concatenate(parts_bucket)
    keys = np.sort(docs * spec.buckets + buckets)  # sort + mask: np.unique hashes, far slower
    if len(keys):
        keys = keys[np.r_[True, keys[1:] != keys[:-1]]]
    return keys // spec.buckets, keys % spec.buckets
