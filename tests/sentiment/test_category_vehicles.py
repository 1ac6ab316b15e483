"""Car owners' complaints (round 23): a vehicle failing in a way that endangers people is
人身安全 with a harm reason, a refused repair is 售后 even beside the defect, and ordinary
defects, insurance claims, price cuts and late deliveries keep their own category."""

from __future__ import annotations

import pytest

from core.enums import Category, Severity, UrgencySignal
from sentiment.linear_classifier import LinearClassifier
from tests.sentiment.conftest import MakeMention

SAFETY = [
    "高速上开着开着方向盘突然失灵，车直接冲向隔离带，吓死了",
    "下坡时刹车失灵，一家四口差点出事",
    "刹车踩不下去，差点追尾前车，这车还敢开吗",
    "车停在小区里半夜自燃，烧得只剩骨架",
]
OTHERS: list[tuple[str, Category]] = [
    ("变速箱漏油还在质保期，4S店说是人为损坏不给保修", Category.AFTER_SALES_REFUND),
    ("召回维修排队，4S店一直说没配件，车趴了一个月", Category.AFTER_SALES_REFUND),
    ("车机经常死机重启，导航用不了", Category.PRODUCT_QUALITY),
    ("买完第二周就官降两万，4S店一分钱补偿都不给", Category.CONTRACT_PRICING),
    ("订车三个月了还没排产，销售只会说再等等", Category.DELIVERY_LOGISTICS),
]


@pytest.mark.parametrize("text", SAFETY)
def test_a_vehicle_endangering_people_is_a_safety_complaint(
    classifier: LinearClassifier, make_mention: MakeMention, text: str
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.category == Category.FOOD_SAFETY_HEALTH
    assert result.urgency is not None and result.urgency.level.rank >= Severity.MEDIUM.rank
    assert result.urgency.reasons[0].code == UrgencySignal.HARM_TO_PEOPLE


@pytest.mark.parametrize(("text", "expected"), OTHERS)
def test_refusals_defects_prices_and_deliveries_keep_their_category(
    classifier: LinearClassifier, make_mention: MakeMention, text: str, expected: Category
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and result.complaint.flag
    assert result.category == expected


@pytest.mark.parametrize(
    "text",
    [
        "试驾了半小时，方向盘有点虚，刹车脚感偏硬，其他还行",
        # The buttons on the wheel or a lamp failing steer and stop nothing.
        "星河S7方向盘按键失灵，音量调不了，4S店让等通知",
        "转向灯失灵了，修了两次还是不行",
        "刹车灯失效，被交警拦下来罚款",
    ],
)
def test_a_part_named_without_failing_is_no_safety_case(
    classifier: LinearClassifier, make_mention: MakeMention, text: str
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.category != Category.FOOD_SAFETY_HEALTH
    codes = {reason.code for reason in result.urgency.reasons} if result.urgency else set()
    assert UrgencySignal.HARM_TO_PEOPLE not in codes


def test_a_crash_in_an_insurance_claim_is_the_claim(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify([make_mention("车被追尾了，车险理赔拖了两个月还没赔")])
    assert result.category in (Category.AFTER_SALES_REFUND, Category.CONTRACT_PRICING)
