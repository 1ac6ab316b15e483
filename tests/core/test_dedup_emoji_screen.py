"""The dedup stage's emoji screen: a text it passes is one the emoji table leaves unchanged."""

from __future__ import annotations

import random

from core.pipeline.dedup import _EMOJI_TABLE, _MAY_BE_EMOJI, _is_emoji, _without_emoji


def test_no_code_point_the_screen_passes_is_dropped() -> None:
    passed = [c for c in range(0x110000) if _MAY_BE_EMOJI.match(chr(c)) is None]
    assert len(passed) > 20_000  # ASCII, CJK ideographs and punctuation, full-width forms
    assert [hex(c) for c in passed if _is_emoji(chr(c)) or c == 0xFE0F] == []


def test_same_text_as_the_table_alone() -> None:
    rng = random.Random(5)
    alphabet = "退款外卖鲜味坊，。！？“”《》【】…—·ab1 ©®°¦\u3004\u3012\ufe0f❤😀🍔☺⚘✪"
    texts = [
        "",
        "好吃",
        "好吃😀",
        "退款️❤了",
        *("".join(rng.choices(alphabet, k=30)) for _ in range(2000)),
    ]
    for text in texts:
        assert _without_emoji(text) == text.translate(_EMOJI_TABLE)
