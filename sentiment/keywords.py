"""Salient keywords per mention: dictionary words ranked by tf·idf (jieba's idf table).

A whole batch is scanned at once in numpy: every 2–4-character window is hashed (64-bit,
as in sentiment/features.py) and looked up in the hashed idf vocabulary
(sentiment/idf_vocabulary.py); a match counts unless a longer match covers it (maximal
matches, close to jieba's forward maximum matching) or it crosses a much commoner word (the
fragment where two words meet: 后厨卫生 gives 卫生, not 厨卫). Counting and ranking happen in numpy
too; ASCII tokens (product names such as "iphone15") are added by regex. @names are no words
(a repost chain's //@用户784796: made 用户 a hot word).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.brand_words import BrandWords
from core.repost_text import without_handles
from sentiment.idf_vocabulary import MAX_WORD, MIN_WORD, Vocabulary, vocabulary, window_hashes
from sentiment.lexicons import STOPWORDS

MAX_SCAN = 1000  # characters: long posts keep their keywords near the start, and stay fast
DEFAULT_TOP_K = 5
_ASCII_TOKEN = re.compile(r"[a-z][a-z0-9\-]{1,20}")
_OOV_IDF = 8.0  # ASCII tokens not in the table are rare, hence salient
# idf by which a crossing match (no longer than the word it crosses) must be rarer than that
# word to be dropped (e² ≈ 7× rarer): 厨卫 12.8 against 卫生 7.4 goes, 太难 9.8 against 难吃 10.8
# stays (both kept).
CROSS_GAP = 2.0


def word_idf(word: str, default: float = _OOV_IDF) -> float:
    """jieba's idf of a word of the keyword vocabulary, `default` for any other word."""
    idf = vocabulary().idf_of(word)
    return default if idf is None else idf


def words_idf(words: Sequence[str], default: float = _OOV_IDF) -> list[float]:
    """`word_idf` of each word, looked up together (one numpy pass per word length)."""
    return [default if idf is None else idf for idf in vocabulary().idf_of_many(words)]


@dataclass(frozen=True)
class Ranked:
    """Every text's counted words that may be shown, best first (text i owns rows
    start[i]:start[i + 1]), and the first top_k of them as str (text i: top[i])."""

    word_id: NDArray[np.int64]
    counts: NDArray[np.int64]
    scores: NDArray[np.float64]  # count × idf
    start: NDArray[np.intp]
    top: list[list[str]]


def _maximal_matches(
    texts: Sequence[str], vocab: Vocabulary
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """(text, vocabulary row, start) of every maximal dictionary-word match."""
    joined = "\x00" + "\x00".join(t[:MAX_SCAN] for t in texts) + "\x00"
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    total = len(codes)
    valid = codes != 0
    found_pos, found_len, found_at = [], [], []
    for size in range(MAX_WORD, MIN_WORD - 1, -1):
        if total < size:
            continue
        usable = total - size + 1
        ok = valid[:usable].copy()
        for j in range(1, size):
            ok &= valid[j : j + usable]
        starts = np.flatnonzero(ok)
        at, hit = vocab.tables[size].find(window_hashes(codes, size)[starts])
        found_pos.append(starts[hit])
        found_len.append(np.full(int(hit.sum()), size, dtype=np.int64))
        found_at.append(at[hit])
    empty = np.zeros(0, dtype=np.int64)
    if not found_pos:
        return empty, empty, empty
    pos, length, at = (np.concatenate(a) for a in (found_pos, found_len, found_at))
    reach = np.zeros(total + 1, dtype=np.int64)
    np.maximum.at(reach, pos, pos + length)
    covered = np.zeros(len(pos), dtype=bool)
    for back in range(0, MAX_WORD):
        before = (pos - back).clip(min=0)
        longer = reach[before] >= pos + length
        covered |= longer & ((back > 0) | (reach[pos] > pos + length))
    pos, length = pos[~covered], length[~covered]
    pos, word_id = _uncrossed(pos, length, _word_ids(length, at[~covered], vocab), vocab)
    doc = np.cumsum(~valid)[pos] - 1
    return doc, word_id, pos


def _word_ids(
    length: NDArray[np.int64], at: NDArray[np.intp], vocab: Vocabulary
) -> NDArray[np.int64]:
    """Each match's row in the vocabulary (its table position + the table's offset)."""
    word_id = at.astype(np.int64)
    for size, table in vocab.tables.items():
        word_id[length == size] += table.offset
    return word_id


def _uncrossed(
    pos: NDArray[np.int64],
    length: NDArray[np.int64],
    word_id: NDArray[np.int64],
    vocab: Vocabulary,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The maximal matches (in text order) without the crossing fragments: a match that
    overlaps another without containing it, is no longer than it and CROSS_GAP rarer is where
    two words meet, not a word the author wrote (后厨|卫生 → not 厨卫, 食物中毒|症状 → not 毒症,
    微博上|好多 → not 上好, 一|晚上 → not 一晚). A longer word is rare for being long: 有点咸
    stays beside 面有 (牛肉面有点咸), 牛肉面 beside 面包 (牛肉面包装)."""
    order = np.argsort(pos, kind="stable")
    pos, length, word_id = pos[order], length[order], word_id[order]
    idf, end = vocab.idf[word_id].astype(np.float64), pos + length
    crossed = np.zeros(len(pos), dtype=bool)
    # Kept matches never contain one another, so in start order their ends rise too and a
    # match of ≤ MAX_WORD characters can only cross the next MAX_WORD − 1.
    for step in range(1, MAX_WORD):
        first = np.arange(max(len(pos) - step, 0))
        second = first + step
        cross = pos[second] < end[first]
        gap = idf[first] - idf[second]
        first_shorter, second_shorter = (
            length[first] <= length[second],
            length[second] <= length[first],
        )
        crossed[first[cross & first_shorter & (gap >= CROSS_GAP)]] = True
        crossed[second[cross & second_shorter & (gap <= -CROSS_GAP)]] = True
    keep = ~crossed
    return pos[keep], word_id[keep]


def _ranked(texts: Sequence[str], excluded: set[str], top_k: int) -> Ranked:
    """Maximal matches per text counted and sorted by (−count × idf, word)."""
    vocab = vocabulary()
    doc, word_id, _ = _maximal_matches(texts, vocab)
    drop = [i for i in map(vocab.word_id, excluded) if i is not None]
    keep = vocab.shown[word_id] & ~np.isin(word_id, drop)
    doc, word_id = doc[keep], word_id[keep]
    known = len(vocab.words)
    keys = np.sort(doc * known + word_id)
    first = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else keys
    counts = np.diff(np.r_[first, len(keys)]).astype(np.int64)
    doc, word_id = keys[first] // known, keys[first] % known
    scores = counts * vocab.idf[word_id]
    order = np.lexsort((vocab.rank[word_id], -scores, doc))
    doc, word_id = doc[order], word_id[order]
    start = np.searchsorted(doc, np.arange(len(texts) + 1))
    leading = np.arange(len(doc)) - start[doc] < top_k
    words = vocab.words[word_id[leading]].tolist()
    ends = np.searchsorted(doc[leading], np.arange(1, len(texts) + 1)).tolist()
    top = [words[lo:hi] for lo, hi in zip([0, *ends[:-1]], ends, strict=True)]
    return Ranked(word_id, counts[order], scores[order], start, top)


def _shown(word: str) -> bool:
    return word not in STOPWORDS and not word.isdigit()


def extract_keywords_batch(
    texts: Sequence[str], top_k: int = DEFAULT_TOP_K, exclude: Iterable[str] = ()
) -> list[list[str]]:
    """Up to top_k salient words per normalised text, best first, excluding e.g. brand names."""
    excluded = {w.lower() for w in exclude}
    texts = [without_handles(text) for text in texts]
    ranked = _ranked(texts, excluded, top_k)
    vocab = vocabulary()
    out = ranked.top
    for i, text in enumerate(texts):
        tokens = [t for t in _ASCII_TOKEN.findall(text[:MAX_SCAN]) if t not in excluded]
        if not tokens:
            continue
        lo, hi = int(ranked.start[i]), int(ranked.start[i + 1])
        words = vocab.words[ranked.word_id[lo:hi]].tolist()
        counts = dict(zip(words, ranked.counts[lo:hi].tolist(), strict=True))
        scores = dict(zip(words, (-ranked.scores[lo:hi]).tolist(), strict=True))
        for token in tokens:
            counts[token] = counts.get(token, 0) + 1
        for token in set(tokens):
            scores[token] = -counts[token] * word_idf(token)
        ordered = [w for _, w in sorted((s, w) for w, s in scores.items()) if _shown(w)]
        out[i] = ordered[:top_k]
    return out


def extract_keywords(
    text: str, top_k: int = DEFAULT_TOP_K, exclude: Iterable[str] = ()
) -> list[str]:
    """Up to top_k salient words of one normalised text (see extract_keywords_batch)."""
    return extract_keywords_batch([text], top_k, exclude)[0]


def keywords_without_brand(
    texts: Sequence[str], brand: BrandWords, exclude: Iterable[str] = ()
) -> list[list[str]]:
    """extract_keywords_batch of each text with the brand's names masked and its fragments
    dropped: 招财 of 招财卡, 颜面 of 花颜面膜 and 银行信用 of 招财银行信用卡 are in every mention
    and say nothing."""
    masked = [brand.mask(text) for text in texts]
    found = extract_keywords_batch(masked, top_k=DEFAULT_TOP_K + 3, exclude=exclude)
    return [[w for w in words if not brand.is_fragment(w)][:DEFAULT_TOP_K] for words in found]
