"""token_text (regex passes, used by index writes) gives exactly bigram_tokens and cjk_chars."""

from __future__ import annotations

import random

import pytest

from core.index.textquery import bigram_tokens, cjk_chars, token_text

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
    assert token_text(text) == (" ".join(bigram_tokens(text)), cjk_chars(text))


def test_random_texts_give_the_same_values() -> None:
    rng = random.Random(17)
    for _ in range(5_000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 24)))
        assert token_text(text) == (" ".join(bigram_tokens(text)), cjk_chars(text)), text
