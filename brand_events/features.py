"""What a mention contributes to clustering: salient terms and #topics#, never the brand's name
(core.brand_words: its names, their fragments, and no word read across the brand's edge).
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable, Mapping, Sequence

from core.brand_words import BrandWords
from core.models import Mention
from sentiment.keywords import extract_keywords_batch, word_idf, words_idf

HASHTAG = re.compile(r"#([^#\n]{2,40})#")
HASHTAG_IDF = 10.0
OOV_IDF = 8.0
TERMS = 8  # words per mention
SCAN = 300  # characters read per mention
_LOG_50 = math.log(50)


class BrandNames(BrandWords):
    """The brand's names (`BrandWords`) with the sort keys of the words judged so far."""

    def __init__(self, core: Iterable[str], aliases: Iterable[str] = ()) -> None:
        super().__init__(core, aliases)
        # mention_terms' sort key of every word judged so far that is not a fragment (both
        # pure functions of the word): a batch judges only the words it is the first to use.
        self.ranks: dict[str, tuple[float, str]] = {}
        self.judged: set[str] = set()


def mention_terms(
    mentions: Sequence[Mention], brand: BrandNames, texts: Sequence[str] | None = None
) -> list[tuple[str, ...]]:
    """The most informative words (brand removed) and #topics# of each mention, in one scan,
    best first (`term_order`); of `texts` when given (one per mention), else of each
    mention's title and text."""
    full = list(texts) if texts is not None else [m.full_text for m in mentions]
    texts = [brand.mask_core(text[:SCAN].casefold()) for text in full]
    ranked = extract_keywords_batch(texts, top_k=TERMS + 4, exclude=brand.names)
    # Each distinct word is judged once: its sort key, unless a brand fragment.
    if len(brand.judged) > _IDF_LIMIT:
        brand.ranks.clear()  # bounded, as _IDF
        brand.judged.clear()
    new = set().union(*ranked) - brand.judged
    if new:
        _known_idf(new)
        brand.ranks.update({w: term_order(w) for w in new if not brand.is_fragment(w)})
        brand.judged |= new
    key = brand.ranks
    return [_terms(text, words, key, brand) for text, words in zip(full, ranked, strict=True)]


def term_order(term: str) -> tuple[float, str]:
    """Sort key of a mention's terms, best first: the higher idf, then the term."""
    return (-term_idf(term), term)


def _terms(
    text: str,
    words: list[str],
    key: dict[str, tuple[float, str]],
    brand: BrandNames,
) -> tuple[str, ...]:
    # A tuple in one defined order, never a set's: every sum over the terms, every count a
    # cluster keeps and every tie between them is then the same whatever the hash seed.
    # (One string per distinct word: each live event keeps its posts' terms.)
    # (extract_keywords_batch lists each word once)
    terms = sorted([w for w in words if w in key], key=key.__getitem__)[:TERMS]
    if "#" in text:
        tags: dict[str, None] = {}
        for tag in HASHTAG.findall(text):
            rest = brand.strip(tag.strip())
            if len(rest) >= 2:
                tags["#" + tag.strip().casefold()] = None
        if tags:
            terms = sorted({*terms, *tags}, key=term_order)
    return tuple(map(sys.intern, terms))


_IDF: dict[str, float] = {}  # term_idf of every term asked for (a pure function: never stale)
_IDF_LIMIT = 262144


def term_idf(term: str) -> float:
    """How informative a term is on its own: jieba's idf, #topics# high, unknown words fairly."""
    idf = _IDF.get(term)
    if idf is None:
        idf = HASHTAG_IDF if term.startswith("#") else word_idf(term, OOV_IDF)
        _remember({term: idf})
    return idf


def _known_idf(words: Iterable[str]) -> None:
    """Look up the idf of every word not yet known at once (words_idf, not a lookup each)."""
    new = [w for w in words if w not in _IDF and not w.startswith("#")]
    if new:
        _remember(dict(zip(new, words_idf(new, OOV_IDF), strict=True)))


def _remember(idf: dict[str, float]) -> None:
    if len(_IDF) + len(idf) > _IDF_LIMIT:
        _IDF.clear()  # bounded, as the lru_cache it replaced
    _IDF.update(idf)


def damped_idf(terms: Iterable[str], mentions: int, df: Mapping[str, int]) -> dict[str, float]:
    """term_idf × background_damping of each term (df: posts using it), in the terms' order."""
    # Both written out (the same arithmetic): the clusterer weighs every candidate's post.
    idfs, log, scale, top = _IDF, math.log, _LOG_50, mentions + 10
    out = {}
    for term in terms:
        idf = idfs.get(term)
        if idf is None:
            idf = term_idf(term)
        damping = log(top / (df.get(term, 0) + 1)) / scale
        out[term] = idf * (1.0 if damping > 1.0 else damping if damping > 0.0 else 0.0)
    return out


def background_damping(mentions: int, containing: int) -> float:
    """0–1: how much a term still tells apart when `containing` of `mentions` posts use it."""
    return min(1.0, max(0.0, math.log((mentions + 10) / (containing + 1)) / _LOG_50))
