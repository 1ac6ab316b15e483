"""Parents' and students' complaints about schools and training companies (round 26, an
education company's week): mostly no product defect. A refund refused or dragged out is 售后;
class hours deducted, courses that expire and transfer fees are 购销合同/价格; sales calls are
隐私/欺诈; a pupil punished or put in danger is 食品安全/人身安全 with a harm reason."""

from __future__ import annotations

import pytest

from core.enums import Category, Severity, UrgencySignal
from sentiment.linear_classifier import LinearClassifier
from tests.sentiment.conftest import MakeMention

COMPLAINTS: list[tuple[str, Category]] = [
    ("给孩子报的英语培训班，要退剩余学费，机构一直拖着不给", Category.AFTER_SALES_REFUND),
    ("请假那天孩子没去上课，机构还是把两节课时扣了", Category.CONTRACT_PRICING),
    ("课程有效期只有一年，过期剩下的课时就作废了，报名时没人说", Category.CONTRACT_PRICING),
    ("想把剩下的课转给亲戚家孩子，培训班要收三千的转让费", Category.CONTRACT_PRICING),
    ("在网课平台留了电话，之后课程顾问天天打电话推销课程，拒绝了还打", Category.PRIVACY_FRAUD),
    ("托管班的老师体罚孩子，让他在走廊罚站一下午，还打手心", Category.FOOD_SAFETY_HEALTH),
    ("补习班的接送车严重超载，一辆面包车塞了十几个孩子", Category.FOOD_SAFETY_HEALTH),
]


@pytest.mark.parametrize(("text", "expected"), COMPLAINTS)
def test_education_complaints_take_the_category_of_what_went_wrong(
    classifier: LinearClassifier, make_mention: MakeMention, text: str, expected: Category
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and result.complaint.flag
    assert result.category == expected


def test_a_pupil_punished_carries_a_harm_reason(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify([make_mention("托管班的老师体罚孩子，让他在走廊罚站一下午")])
    assert result.urgency is not None
    evidence = {
        r.evidence for r in result.urgency.reasons if r.code == UrgencySignal.HARM_TO_PEOPLE
    }
    assert any("体罚" in words for words in evidence)
    assert result.urgency.level in {Severity.HIGH, Severity.CRITICAL}


def test_spoilt_food_at_a_school_stays_food_safety(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify([make_mention("托管班的饭菜过期发霉了，孩子吃完拉肚子")])
    assert result.category == Category.FOOD_SAFETY_HEALTH


def test_the_pupil_named_in_a_school_question_is_no_harm(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    question, hurt = classifier.classify(
        [
            make_mention("孩子初二数学跟不上，想问问你们的辅导班一个班几个学生"),
            make_mention("孩子在辅导班楼梯上摔倒磕破了头，老师一个小时后才通知家长"),
        ]
    )
    assert question.urgency is not None and hurt.urgency is not None
    assert not any(r.code == UrgencySignal.HARM_TO_PEOPLE for r in question.urgency.reasons)
    assert any(r.code == UrgencySignal.HARM_TO_PEOPLE for r in hurt.urgency.reasons)


def test_a_complaint_taken_to_the_education_bureau_is_a_legal_reason(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    taken, news = classifier.classify(
        [
            make_mention("培训班拖着不退费，明天就去教育局投诉"),
            make_mention("市教育局公布第二批校外培训机构白名单"),
        ]
    )
    assert taken.urgency is not None and news.urgency is not None
    assert any(r.code == UrgencySignal.LEGAL_REGULATORY for r in taken.urgency.reasons)
    assert not any(r.code == UrgencySignal.LEGAL_REGULATORY for r in news.urgency.reasons)
