"""text_tokens (one pass, used by index writes) gives exactly bigram_tokens and cjk_chars."""

from __future__ import annotations

import pytest

from core.index.textquery import bigram_tokens, cjk_chars, text_tokens

TEXTS = [
    "",
    "外卖洒了，退款3元 #鲜味坊#",
    "iPhone15 屏幕 碎了 ÀÉÎ straße 中",
    "a文b字c 㐀𠀀丽丽 x",  # CJK extension A, a character outside the ranges, compatibility
    "ǄǅǆİI 中中中 12a",
    "第一单\n第二单\t第三单！！！好评",
]


@pytest.mark.parametrize("text", TEXTS)
def test_one_pass_gives_the_grams_and_the_distinct_characters(text: str) -> None:
    grams, chars = text_tokens(text)
    assert grams == bigram_tokens(text)
    assert " ".join(chars) == cjk_chars(text)
