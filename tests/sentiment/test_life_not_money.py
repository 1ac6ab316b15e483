"""A life set against money (女生的命不是五块钱, 我们的命不值钱, 拿命开玩笑) is a complaint about
people's safety, whatever sum it names: the ride week's 「已卸载畅行，女生的命不是五块钱」 (the
¥5 coupon customer service sent a woman her driver had followed home) was filed under
购销合同/价格. 要人命 said of a price is a degree, not harm."""

from __future__ import annotations

import pytest

from core.enums import Category
from sentiment.linear_classifier import LinearClassifier
from tests.sentiment.conftest import MakeMention


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("已卸载畅行，女生的命不是五块钱", Category.FOOD_SAFETY_HEALTH),
        ("拿命开玩笑，热水器漏气客服说没事", Category.FOOD_SAFETY_HEALTH),
        ("这个价格真是要人命，贵死了", Category.CONTRACT_PRICING),
    ],
)
def test_a_life_against_money_is_safety(
    classifier: LinearClassifier, make_mention: MakeMention, text: str, expected: Category
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and result.complaint.flag
    assert result.category == expected
