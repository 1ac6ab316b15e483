"""The numpy scans of the classifier agree with plain-Python definitions of what they compute:
keywords (maximal dictionary matches ranked by tf·idf), the idf look-up, the cue-word scan and
the hashed linear scores (bit for bit), on the bundled demo reviews."""

from __future__ import annotations

import gc
import random
import threading
import unicodedata
from collections import Counter
from functools import lru_cache

import numpy as np

from collectors.demo.stream import background_texts
from core.textforms import nfkc_batch
from sentiment.category import found_cue_scores
from sentiment.complaint_cues import MATCHER, cue_scores, without_expectation
from sentiment.features import fold, fold_batch, hashed_ngrams, nfkc, normalize_folded
from sentiment.gc_pause import cyclic_gc_paused
from sentiment.idf_vocabulary import COMPLAINT_IDF, MAX_WORD, MIN_WORD, _idf_path
from sentiment.keywords import (
    _ASCII_TOKEN,
    _OOV_IDF,
    CROSS_GAP,
    MAX_SCAN,
    extract_keywords_batch,
    word_idf,
)
from sentiment.lexicons import CATEGORY_CUES, COMPLAINT_TERMS, STOPWORDS
from sentiment.model import load_models
from sentiment.negation import negated_spans
from sentiment.word_kinds import COMPLAINT_SUBJECTS
from sentiment.wordscan import WordScanner

EXTRA = [
    "",
    "iPhone15 屏幕 ok app ok",
    "的了吗",
    "ＡＢＣ１２３ 食物中毒 13812345678",
    "鲜味坊鲜味坊外卖",
    "关注一下这事，十几位网友反映吃完腹泻呕吐，后厨卫生必须查",
    "多名消费者称食用后出现食物中毒症状，吃完胃疼了一晚上",
    "鲜味坊的牛肉面有点咸，牛肉面包装很好",
]


@lru_cache(maxsize=1)
def _texts() -> list[str]:
    return [fold(t) for t in [*background_texts()[:600], *EXTRA]]


@lru_cache(maxsize=1)
def _idf_dict() -> dict[str, float]:
    # The words complaints are about first, so a word jieba lists keeps jieba's value.
    table: dict[str, float] = {
        w: COMPLAINT_IDF
        for w in COMPLAINT_SUBJECTS | COMPLAINT_TERMS
        if MIN_WORD <= len(w) <= MAX_WORD and w not in STOPWORDS
    }
    with _idf_path().open(encoding="utf-8") as handle:
        for line in handle:
            word, _, value = line.rstrip("\n").partition(" ")
            if MIN_WORD <= len(word) <= MAX_WORD and word not in STOPWORDS:
                table[word] = float(value)
    return table


def _reference_keywords(text: str, top_k: int, exclude: set[str]) -> list[str]:
    """Every dictionary word of the text not inside another match and not crossing a match
    at least as long and CROSS_GAP commoner than itself, then tf·idf order."""
    table, text = _idf_dict(), text[:MAX_SCAN]
    spans = [
        (i, i + n)
        for n in range(MIN_WORD, MAX_WORD + 1)
        for i in range(len(text) - n + 1)
        if text[i : i + n] in table
    ]
    inside = {(a, b) for a, b in spans for c, d in spans if (c, d) != (a, b) and c <= a and b <= d}
    maximal = [span for span in spans if span not in inside]

    def idf(span: tuple[int, int]) -> float:
        return table[text[span[0] : span[1]]]

    crossed = {
        (a, b)
        for a, b in maximal
        for c, d in maximal
        if (a < c < b < d or c < a < d < b)
        and b - a <= d - c
        and idf((a, b)) - idf((c, d)) >= CROSS_GAP
    }
    counts = Counter(text[a:b] for a, b in maximal if (a, b) not in crossed)
    counts.update(_ASCII_TOKEN.findall(text))
    ranked = sorted((-n * table.get(w, _OOV_IDF), w) for w, n in counts.items() if w not in exclude)
    return [w for _, w in ranked if w not in STOPWORDS and not w.isdigit()][:top_k]


def test_keywords_are_the_ranked_maximal_matches() -> None:
    texts, exclude = _texts(), {"鲜味坊", "外卖", "iphone15"}
    got = extract_keywords_batch(texts, top_k=8, exclude=exclude)
    assert got == [_reference_keywords(t, 8, exclude) for t in texts]
    assert any(len(words) == 8 for words in got)


def test_idf_lookup_is_the_table() -> None:
    table = _idf_dict()
    sample = list(table)[::97]
    assert [word_idf(w) for w in sample] == [table[w] for w in sample]
    for word in ["不存在词", "的", "iphone", "a", "鲜味坊鲜味坊"]:
        assert word_idf(word, -1.0) == table.get(word, -1.0)


def test_cue_scan_finds_every_substring() -> None:
    texts = [*_texts(), "本来担心会异响，结果一点没有", "原以为很好用，没想到三天就坏了"]
    everywhere = [{w for w in MATCHER.words if w in t} for t in texts]
    assert WordScanner.found(MATCHER, texts) == everywhere
    # found_batch reads a text without an expectation its turn contradicts, leaves out a
    # defect/service cue whose every occurrence is negated, and the words scanned only to cut
    # their negation (问题) or to find an expectation.
    read = [without_expectation(t) or t for t in texts]
    assert read[-2:] == ["结果一点没有", "没想到三天就坏了"]
    expected = []
    for text in read:
        found = {w for w in MATCHER.words if w in text}
        negated = {w for w in found & MATCHER.negatable if negated_spans(text, w)}
        expected.append(found - negated - MATCHER.only - MATCHER.expectations)
    assert MATCHER.found_batch(texts) == expected


def test_hashed_scores_sum_like_the_column_formula() -> None:
    models = load_models()
    texts = [normalize_folded(t) for t in _texts()]
    spec = models.sentiment.linear.spec
    docs, buckets = hashed_ngrams(texts, spec)
    for model in (models.sentiment.linear, models.heads):
        got = model.decision_hashed(docs, buckets, len(texts), bits=spec.bits)
        folded = buckets >> (spec.bits - model.spec.bits)
        values = model.idf[folded].astype(np.float64)
        norms = np.sqrt(np.bincount(docs, weights=values * values, minlength=len(texts)))
        norms[norms == 0] = 1.0
        expected = np.zeros_like(got)
        starts = np.flatnonzero(np.r_[True, docs[1:] != docs[:-1]])
        contrib = model.weights[folded] * values[:, None]
        expected[docs[starts]] = np.add.reduceat(contrib, starts, axis=0)
        expected = expected / norms[:, None] + model.bias.astype(np.float64)
        assert got.tobytes() == expected.tobytes()


def test_gc_pause_restores_the_collector() -> None:
    with cyclic_gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_gc_pause_overlapping_in_threads_leaves_the_collector_on() -> None:
    """Blocks that overlap in other threads, entered and left in every order, restore it."""
    inside = threading.Barrier(4)
    leave = [threading.Event() for _ in range(4)]

    def worker(n: int) -> None:
        with cyclic_gc_paused():
            inside.wait()
            leave[n].wait()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for n in (2, 0, 3, 1):  # leave in an order unlike the entry order
        assert not gc.isenabled()
        leave[n].set()
        threads[n].join()
    assert gc.isenabled()


def test_nfkc_is_unicodedata_nfkc() -> None:
    rng = random.Random(7)
    pool = [chr(c) for c in [*range(0x20, 0x250), *range(0xFF01, 0xFF70)]]
    pool += ["\u3000", "\u0301", "\u0308", "…", "①", "ｶ", "ﾞ", "\u1100", "\u1161", "™", "食"]
    texts = [*background_texts()[:2000], "Ａ\u0301，ｶﾞ①"]
    texts += ["".join(rng.choice(pool) for _ in range(rng.randrange(8))) for _ in range(20_000)]
    assert [nfkc(t) for t in texts] == [unicodedata.normalize("NFKC", t) for t in texts]


def test_nfkc_batch_is_unicodedata_nfkc() -> None:
    rng = random.Random(11)
    pool = [chr(c) for c in [*range(0x20, 0x250), *range(0xFF01, 0xFF70)]]
    pool += ["\u3000", "\u0301", "①", "ｶ", "ﾞ", "\u1100", "\u1161", "食", "\ud800", "\x00"]
    texts = [*background_texts()[:2000], "Ａ\u0301，ｶﾞ①", "", "\udfff\uff21"]
    texts += ["".join(rng.choice(pool) for _ in range(rng.randrange(8))) for _ in range(20_000)]
    want = [unicodedata.normalize("NFKC", t) for t in texts]
    assert nfkc_batch(texts) == want  # texts holding NUL (the batch separator) among them
    clean = [t for t in texts if "\x00" not in t]
    assert nfkc_batch(clean) == [unicodedata.normalize("NFKC", t) for t in clean]
    assert fold_batch(texts) == [fold(t) for t in texts]


def test_category_cue_scores_from_the_word_index() -> None:
    words = sorted({w for cues in CATEGORY_CUES.values() for w in cues})
    rng = random.Random(3)
    for _ in range(3000):
        found = set(rng.sample(words, rng.randrange(6))) | {"不是线索"}
        got = found_cue_scores(found)
        want = cue_scores(found, CATEGORY_CUES)
        assert list(got.items()) == list(want.items())
