"""token_text (index writes) and bigram_tokens (queries), both one regex, give exactly the
tokens of the plain loop over CJK runs and words they replaced (reference_* below)."""

from __future__ import annotations

import operator
import random
import re

import pytest

from core.index.textquery import (
    bigram_tokens,
    fold_full_width,
    token_text,
    unfolded_token_text,
)

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_CJK}]+|[0-9A-Za-z\u00c0-\u024f]+")
_IS_CJK = re.compile(rf"[{_CJK}]")


def bigram_reference(text: str) -> list[str]:
    """CJK runs become overlapping bigrams (a lone character stays itself); words lowercase."""
    tokens: list[str] = []
    for run in _RUN.findall(text):
        if not _IS_CJK.match(run):
            tokens.append(run.lower())
        elif len(run) == 1:
            tokens.append(run)
        else:
            tokens += map(operator.add, run, run[1:])
    return tokens


def chars_reference(text: str) -> str:
    """The distinct CJK characters of a text, space-separated."""
    return " ".join(dict.fromkeys(_IS_CJK.findall(text)))


def reference(text: str) -> tuple[str, str]:
    return " ".join(bigram_reference(text)), chars_reference(text)


TEXTS = [
    "",
    "外卖洒了，退款3元 #鲜味坊#",
    "iPhone15 屏幕 碎了 ÀÉÎ straße 中",
    "a文b字c 㐀𠀀丽丽 x",  # CJK extension A, a character outside the ranges, compatibility
    "ǄǅǆİI 中中中 12a",
    "第一单\n第二单\t第三单！！！好评",
    "中",
    "中a",
    "ab中文",
    "好吃好吃好吃",
]
# Both ends of every CJK range and of the word ranges, their neighbours outside, cased letters.
ALPHABET = (
    "鲜味坊好吃a Bİ1_,，\u3400\u4dbf\u4e00\u9fff\uf900\ufaff\u33ff\ua000"
    "\u00c0\u024f\u0250ÀZz9\n!！한ßΣ𠀀"
)


@pytest.mark.parametrize("text", TEXTS)
def test_gives_the_grams_and_the_distinct_characters(text: str) -> None:
    assert token_text(text) == reference(text)
    assert bigram_tokens(text) == bigram_reference(text)


def test_random_texts_give_the_same_values() -> None:
    rng = random.Random(17)
    for _ in range(5_000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 24)))
        assert token_text(text) == reference(text), text
        assert bigram_tokens(text) == bigram_reference(text), text


# Every full-width form and the ideographic space, beside CJK, ASCII, Latin-1 and combining marks.
FULL_WIDTH_ALPHABET = (
    "".join(map(chr, range(0xFF01, 0xFF5F))) + "\u3000鲜味坊好a Z9À\u0301\u0308,，！。"
)


def test_folding_only_digits_and_letters_gives_the_tokens_of_the_whole_fold() -> None:
    """token_text folds only full-width digits and letters; the full-width signs and the
    ideographic space fold to ASCII signs and a space, which separate tokens as they are."""
    rng = random.Random(24)
    for _ in range(20_000):
        text = "".join(rng.choice(FULL_WIDTH_ALPHABET) for _ in range(rng.randint(0, 16)))
        assert token_text(text) == unfolded_token_text(fold_full_width(text)), text
