"""core.text_cut.shorten: the one rule for cutting a text with "…"."""

from __future__ import annotations

import pytest

from core.text_cut import shorten


def test_a_text_that_fits_is_left_as_it_is() -> None:
    assert shorten("刹车失灵", 4) == "刹车失灵"
    assert shorten("", 3) == ""


def test_a_longer_text_is_cut_to_the_width_with_the_ellipsis() -> None:
    cut = shorten("刹车踏板变硬还异响", 5)
    assert cut == "刹车踏板…"
    assert len(cut) == 5


def test_width_one_is_the_ellipsis_alone() -> None:
    assert shorten("刹车", 1) == "…"


def test_a_width_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="width"):
        shorten("刹车", 0)
