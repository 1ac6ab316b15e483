"""Complaints about a gym or a beauty salon selling prepaid cards (round 34, a fitness and beauty
chain's week): a card or 私教 lessons whose refund is refused and a store closed with members'
balances are 售后/退换货; a hard-sell pitch is 服务态度; a transfer fee and a coach who left
with the lessons bought are 购销合同/价格; an auto-renewal never agreed to is 隐私/欺诈; a
treatment's burn is urgent harm."""

from __future__ import annotations

import pytest

from core.enums import Category, Severity, UrgencySignal
from sentiment.linear_classifier import LinearClassifier
from tests.sentiment.conftest import MakeMention

COMPLAINTS: list[tuple[str, Category]] = [
    ("健身房的私教课还有三十节没上，申请退课被拒了，合同上说概不退款", Category.AFTER_SALES_REFUND),
    ("楼下那家健身房突然关门了，老板跑路，我年卡余额还有两千多", Category.AFTER_SALES_REFUND),
    ("私教每节课都在推销蛋白粉，不买就冷脸，练得一点都不开心", Category.SERVICE_ATTITUDE),
    ("美容院的储值卡想转给我妈用，店里要收百分之二十的转卡费", Category.CONTRACT_PRICING),
    ("冲着那个私教才买的课，结果他离职了，剩下的课没人带", Category.CONTRACT_PRICING),
    ("健身房更衣室一股霉味，淋浴间下水道堵了好几天", Category.PRODUCT_QUALITY),
]


@pytest.mark.parametrize(("text", "expected"), COMPLAINTS)
def test_member_complaints_take_the_category_of_what_went_wrong(
    classifier: LinearClassifier, make_mention: MakeMention, text: str, expected: Category
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and result.complaint.flag
    assert result.category == expected


def test_an_auto_renewal_never_agreed_to_is_an_unauthorised_charge(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify(
        [make_mention("那个App默认勾选了自动续费，每个月扣我三十块，我都不知道")]
    )
    assert result.complaint is not None and result.complaint.flag
    assert result.category == Category.PRIVACY_FRAUD


def test_a_beauty_treatment_burn_is_urgent_harm(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify(
        [make_mention("在美容院做激光祛斑，脸上被灼伤了好几块，美容师说过几天就好")]
    )
    assert result.category == Category.FOOD_SAFETY_HEALTH
    assert result.urgency is not None
    codes = {r.code: r.evidence for r in result.urgency.reasons}
    assert "灼伤" in codes[UrgencySignal.HARM_TO_PEOPLE]
    assert result.urgency.level in (Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)
