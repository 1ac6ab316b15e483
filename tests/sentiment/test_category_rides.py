"""Complaints about a ride-hailing trip (round 31, a ride-hailing brand's week): a detour, 杀熟
and fares above the estimate are 购销合同/价格; a cancellation fee not paid back is 售后; a
driver who will not take the trip or keeps a lost item is 服务态度; a car nobody takes is 物流;
the driver adding a passenger on WeChat is 隐私/欺诈; dangerous driving and a driver asking a
woman where she lives are 食品安全/人身安全 and urgent. A ride is no product (an app's defect
or a phone's is), a police notice is no complaint, and ride words said not to have happened or
asked about are no complaint."""

from __future__ import annotations

import pytest

from core.enums import Category, SentimentLabel, Severity, UrgencySignal
from sentiment.linear_classifier import LinearClassifier
from tests.sentiment.conftest import MakeMention

COMPLAINTS: list[tuple[str, Category]] = [
    ("打车回家司机故意绕路，比平时多收了三十块", Category.CONTRACT_PRICING),
    ("同一段路我的老账号比新号贵了一倍，大数据杀熟太坑了", Category.CONTRACT_PRICING),
    ("司机迟迟不来我才取消的，结果被扣了五块取消费，到现在也不退", Category.AFTER_SALES_REFUND),
    ("网约车司机嫌近不想拉，非让我自己取消订单", Category.SERVICE_ATTITUDE),
    ("包落在网约车上了，司机就是不还，打电话也不接", Category.SERVICE_ATTITUDE),
    ("晚上十点在火车站叫车，四十分钟都没人接单", Category.DELIVERY_LOGISTICS),
    ("下车第二天司机就加我微信，还说我的号码是从订单里看到的", Category.PRIVACY_FRAUD),
    ("司机开车一直看手机，还连闯了两个红灯", Category.FOOD_SAFETY_HEALTH),
    ("声明说司机行程没有异常，人都跟到楼下了还在洗地", Category.SERVICE_ATTITUDE),
]


@pytest.mark.parametrize(("text", "expected"), COMPLAINTS)
def test_ride_complaints_take_the_category_of_what_went_wrong(
    classifier: LinearClassifier, make_mention: MakeMention, text: str, expected: Category
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and result.complaint.flag
    assert result.category == expected


def test_a_driver_asking_where_she_lives_is_urgent(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify([make_mention("深夜打车，司机一路问我住哪，还说要送我上楼")])
    assert result.urgency is not None
    codes = {r.code: r.evidence for r in result.urgency.reasons}
    assert codes[UrgencySignal.HARM_TO_PEOPLE] == "司机…住哪"
    assert result.urgency.level in (Severity.HIGH, Severity.CRITICAL)
    assert result.category == Category.FOOD_SAFETY_HEALTH


def test_praise_of_a_ride_naming_a_boyfriend_is_no_danger(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    """司机…男朋友 is read from a ride's words; a text of praise does not bear it out."""
    praise, fear = classifier.classify(
        [
            make_mention("和男朋友打车回家，畅行的司机师傅人很好，还帮忙搬行李"),
            make_mention("畅行司机一路问我有没有男朋友、住哪，吓死了"),
        ]
    )
    assert praise.sentiment is not None and praise.sentiment.label == SentimentLabel.POSITIVE
    assert praise.urgency is not None and praise.urgency.level == Severity.LOW
    assert all(r.code != UrgencySignal.HARM_TO_PEOPLE for r in praise.urgency.reasons)
    assert fear.urgency is not None and fear.urgency.level in (Severity.HIGH, Severity.CRITICAL)


def test_a_phone_that_fails_a_driver_stays_a_defect(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify(
        [make_mention("跑网约车全靠手机，这手机天天断网黑屏，单子全丢了")]
    )
    assert result.category == Category.PRODUCT_QUALITY


def test_a_police_notice_is_no_complaint(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    notice = "警情通报：我局接到群众报警，称有人冒充客服实施诈骗，三名嫌疑人已被抓获。"
    (result,) = classifier.classify([make_mention(notice)])
    assert result.complaint is not None and not result.complaint.flag
    assert result.category == Category.OTHER


@pytest.mark.parametrize(
    "text", ["师傅没有绕路，一路开得很稳，给五星", "机场打车过去高速费一般多少"]
)
def test_ride_words_not_so_or_asked_about_are_no_complaint(
    classifier: LinearClassifier, make_mention: MakeMention, text: str
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and not result.complaint.flag
    assert result.sentiment is not None
    assert result.sentiment.label != SentimentLabel.NEGATIVE


def test_serious_harassment_by_marketing_texts_is_no_harm(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify([make_mention("银行营销短信天天发，严重性骚扰我的生活")])
    assert result.urgency is not None
    assert UrgencySignal.HARM_TO_PEOPLE not in {r.code for r in result.urgency.reasons}


def test_an_emergency_contact_named_is_no_harassment_but_called_by_a_collector_is(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    safe, called = classifier.classify(
        [
            make_mention("夜间出行新功能上线：十点后行程自动分享给紧急联系人"),
            make_mention("逾期才三天，催收就天天打电话给我的紧急联系人"),
        ]
    )
    assert safe.urgency is not None and called.urgency is not None
    assert UrgencySignal.PRIVACY_HARASSMENT not in {r.code for r in safe.urgency.reasons}
    assert safe.complaint is not None and not safe.complaint.flag
    harassment = {r.code: r.evidence for r in called.urgency.reasons}
    assert "紧急联系人" in harassment[UrgencySignal.PRIVACY_HARASSMENT]


def test_a_cold_blooded_statement_is_a_complaint_about_attitude(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify([make_mention("声明里一句道歉都没有，只说感谢关注，太冷血了")])
    assert result.complaint is not None and result.complaint.flag
    assert result.category == Category.SERVICE_ATTITUDE
