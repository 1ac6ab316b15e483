"""Travellers' complaints (round 24, an airline's week): delays and cancellations are
货物运输/物流 like a late parcel, a suitcase broken or lost in the hold too; fees and overbooking
are 购销合同/价格, refunds that never arrive 售后, rude crew 服务态度, a passenger fainting
人身安全; a broken seat stays 商品质量. Escalation to the aviation regulator is a legal reason."""

from __future__ import annotations

import pytest

from core.enums import Category, UrgencySignal
from sentiment.linear_classifier import LinearClassifier
from tests.sentiment.conftest import MakeMention

COMPLAINTS: list[tuple[str, Category]] = [
    ("航班晚点三个小时，机场广播一句解释都没有", Category.DELIVERY_LOGISTICS),
    ("高铁停运也不提前通知，车站一片混乱", Category.DELIVERY_LOGISTICS),
    ("飞机落地后托运的行李箱轮子被摔掉了", Category.DELIVERY_LOGISTICS),
    ("航空公司把我的行李弄丢了，一周还没找到", Category.DELIVERY_LOGISTICS),
    ("退票手续费扣了四百，机票才八百", Category.CONTRACT_PRICING),
    ("机场值机时被告知超售，只能改坐晚班", Category.CONTRACT_PRICING),
    ("申请的退票款两个月了还没到账", Category.AFTER_SALES_REFUND),
    ("空姐态度冷漠，叫了几次都没人理", Category.SERVICE_ATTITUDE),
    ("飞机座椅扶手断了，整趟航班没法靠", Category.PRODUCT_QUALITY),
    ("乘客在机舱里晕倒，过了半小时才叫救护车", Category.FOOD_SAFETY_HEALTH),
    # A cancelled trip however worded (round 25): 取消 beside a flight or a train, no fee or
    # rudeness named; a fee for it stays a fee.
    ("航空公司单方面取消了我的航班，只能自己花钱改订别家", Category.DELIVERY_LOGISTICS),
    ("列车说取消就取消，钱还要自己垫着", Category.DELIVERY_LOGISTICS),
    ("航班被取消了，退票还要扣手续费三百", Category.CONTRACT_PRICING),
]


@pytest.mark.parametrize(("text", "expected"), COMPLAINTS)
def test_travel_complaints_take_the_category_of_the_service_that_failed(
    classifier: LinearClassifier, make_mention: MakeMention, text: str, expected: Category
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.sentiment is not None and result.sentiment.label == "negative"
    assert result.category == expected


def test_a_suitcase_broken_in_the_hold_is_transit_damage_but_a_broken_seat_is_a_defect(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    suitcase, seat = classifier.classify(
        [
            make_mention("托运的行李箱摔坏了，拉杆都断了"),
            make_mention("飞机上的座椅坏了，一直往后倒"),
        ]
    )
    assert suitcase.category == Category.DELIVERY_LOGISTICS
    assert seat.category == Category.PRODUCT_QUALITY


def _codes(classifier: LinearClassifier, make_mention: MakeMention, text: str) -> set[str]:
    (result,) = classifier.classify([make_mention(text)])
    assert result.urgency is not None
    return {reason.code for reason in result.urgency.reasons}


def test_the_aviation_regulator_and_a_fainting_passenger_raise_urgency(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    regulator = _codes(classifier, make_mention, "航班延误五小时不给说法，已经打12326投诉到民航局")
    assert UrgencySignal.LEGAL_REGULATORY in regulator
    harm = _codes(classifier, make_mention, "机上滞留四个小时，一位老人晕倒了")
    assert UrgencySignal.HARM_TO_PEOPLE in harm


def test_a_co_branded_card_is_no_collective_action(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    card = _codes(classifier, make_mention, "航空联名信用卡开卡送五千里程")
    assert UrgencySignal.COLLECTIVE_ACTION not in card
    letter = _codes(classifier, make_mention, "几十位乘客写了联名信要求航空公司赔偿")
    assert UrgencySignal.COLLECTIVE_ACTION in letter


def test_travellers_questions_and_praise_are_no_complaints(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    question, praise = classifier.classify(
        [
            make_mention("请问这个航班可以带宠物吗，需要托运吗"),
            make_mention("今天飞机准点起飞，空姐服务很贴心"),
        ]
    )
    for result in (question, praise):
        assert result.complaint is not None and not result.complaint.flag
        assert result.category == Category.OTHER
