"""Telecom subscribers' complaints (round 25, an operator's week): mostly no product defect. A
charge for something never ordered is an unauthorised charge (隐私/欺诈); a plan changed behind
the subscriber's back, 靠号 terms and 携号转网 blocked are 购销合同/价格; a repair that never comes
and a refund that never arrives are 售后; no signal is the service failing (商品质量). The telecom
regulator (12300, 工信部 complaints) is a legal reason; its news is not."""

from __future__ import annotations

import pytest

from core.enums import Category, UrgencySignal
from sentiment.linear_classifier import LinearClassifier
from tests.sentiment.conftest import MakeMention

COMPLAINTS: list[tuple[str, Category]] = [
    ("手机卡每个月被扣十块钱的彩铃费，我从来没开通过", Category.PRIVACY_FRAUD),
    ("话费里多了两项增值业务，我根本没订过，运营商就这么吸费", Category.PRIVACY_FRAUD),
    ("刚办完手机卡就天天接到推销电话，我的个人信息被卖了吧", Category.PRIVACY_FRAUD),
    ("客服没问过我就把套餐升级成了一百二十九的，每月多扣二十", Category.CONTRACT_PRICING),
    ("合约机要靠号两年，当时营业员根本没说有最低消费", Category.CONTRACT_PRICING),
    ("想携号转网，营业厅非要我先交违约金才给授权码", Category.CONTRACT_PRICING),
    ("宽带报修五天了，维修师傅一直没上门", Category.AFTER_SALES_REFUND),
    ("答应退还的多收话费，一个月了还没到账", Category.AFTER_SALES_REFUND),
    ("家里宽带天天断网，手机在屋里也没信号", Category.PRODUCT_QUALITY),
    ("营业厅的工作人员态度恶劣，问两句就不耐烦", Category.SERVICE_ATTITUDE),
]


@pytest.mark.parametrize(("text", "expected"), COMPLAINTS)
def test_telecom_complaints_take_the_category_of_what_went_wrong(
    classifier: LinearClassifier, make_mention: MakeMention, text: str, expected: Category
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and result.complaint.flag
    assert result.category == expected


def test_a_plan_changed_without_consent_is_a_contract_matter_not_an_unauthorised_charge(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    changed, unordered = classifier.classify(
        [
            make_mention("没经过我同意就把我的套餐变更了，每月多扣三十块"),
            make_mention("话费每月多扣三十块的视频会员费，这个业务我从来没开通过"),
        ]
    )
    assert changed.category == Category.CONTRACT_PRICING
    assert unordered.category == Category.PRIVACY_FRAUD


def test_compensation_demanded_for_an_outage_leaves_the_outage_its_category(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    text = "整个小区断网一整天，手机也没信号，要求赔偿损失"
    (outage,) = classifier.classify([make_mention(text)])
    assert outage.category == Category.PRODUCT_QUALITY


def test_points_about_to_expire_are_no_food_safety(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (scam,) = classifier.classify(
        [make_mention("有人冒充运营商客服打电话，说积分要过期了，让我点链接兑换")]
    )
    assert scam.category == Category.PRIVACY_FRAUD


def _codes(classifier: LinearClassifier, make_mention: MakeMention, text: str) -> set[str]:
    (result,) = classifier.classify([make_mention(text)])
    assert result.urgency is not None
    return {reason.code for reason in result.urgency.reasons}


def test_a_complaint_to_the_telecom_regulator_is_a_legal_reason_but_its_news_is_not(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    filed = _codes(classifier, make_mention, "乱扣费三个月不给退，已经打12300投诉了")
    assert UrgencySignal.LEGAL_REGULATORY in filed
    news = _codes(classifier, make_mention, "工信部公布第三季度电信服务质量通告")
    assert UrgencySignal.LEGAL_REGULATORY not in news
