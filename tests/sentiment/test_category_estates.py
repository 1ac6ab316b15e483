"""Complaints about a house and its 物业 (round 32, a property developer's week): a late
handover, a promise the house does not keep and fees nobody agreed to are 购销合同/价格, never a
late parcel; a repair pushed between the developer and the 物业 is 售后; a 物业 that does
nothing is 服务态度; a leaking, hollow house is 商品质量; a lift that traps people is
食品安全/人身安全 and urgent; owners with banners at the sales office are a collective
action."""

from __future__ import annotations

import pytest

from core.enums import Category, Severity, UrgencySignal
from sentiment.linear_classifier import LinearClassifier
from tests.sentiment.conftest import MakeMention

COMPLAINTS: list[tuple[str, Category]] = [
    ("小区合同约定去年底交房，到现在还没交房，开发商说再等等", Category.CONTRACT_PRICING),
    ("业主收房一年了，逾期交房的违约金开发商一直拖着不给", Category.CONTRACT_PRICING),
    ("楼盘宣传说是重点学区，业主入住后才发现根本不对口", Category.CONTRACT_PRICING),
    ("卧室漏水报修了三次，物业说找开发商，开发商说找物业", Category.AFTER_SALES_REFUND),
    ("物业的保安整天不在岗，陌生人随便进楼，物业经理说管不了", Category.SERVICE_ATTITUDE),
    ("刚收房，厨房墙面大面积空鼓，卫生间还在渗水", Category.PRODUCT_QUALITY),
]


@pytest.mark.parametrize(("text", "expected"), COMPLAINTS)
def test_house_complaints_take_the_category_of_what_went_wrong(
    classifier: LinearClassifier, make_mention: MakeMention, text: str, expected: Category
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and result.complaint.flag
    assert result.category == expected


def test_a_lift_that_traps_people_is_urgent_safety(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify(
        [make_mention("小区电梯困人，老人在里面关了半个小时物业才来人")]
    )
    assert result.category == Category.FOOD_SAFETY_HEALTH
    assert result.urgency is not None
    codes = {r.code: r.evidence for r in result.urgency.reasons}
    assert "电梯困人" in codes[UrgencySignal.HARM_TO_PEOPLE]
    assert result.urgency.level in (Severity.HIGH, Severity.CRITICAL)


def test_banners_at_the_sales_office_are_a_collective_action(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify(
        [make_mention("精装缩水，几十户业主明天去售楼处拉横幅，开发商必须给说法")]
    )
    assert result.urgency is not None
    codes = {r.code: r.evidence for r in result.urgency.reasons}
    assert "拉横幅" in codes[UrgencySignal.COLLECTIVE_ACTION]


def test_a_house_question_is_no_complaint(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify(
        [make_mention("请问这个楼盘的物业费多少钱一平，交房时间定了吗")]
    )
    assert result.complaint is not None and not result.complaint.flag
    assert result.category == Category.OTHER
