"""Owners' complaints about phones, tablets, earphones and watches (round 27, a phone brand's
week): a repair done with refurbished parts is 售后; an order left 待发货 is 物流; a trade-in valued
down for a scratch and advertising photos beyond what the camera does are 购销合同/价格;
preinstalled apps and pushed ads are 隐私/欺诈; blaming others for what went wrong is 服务态度;
a battery that swells is 食品安全/人身安全 with a harm reason, however the two are worded apart."""

from __future__ import annotations

import pytest

from core.enums import Category, Severity, UrgencySignal
from sentiment.linear_classifier import LinearClassifier
from tests.sentiment.conftest import MakeMention

COMPLAINTS: list[tuple[str, Category]] = [
    ("手机送修换了块屏，拿回来发现用的是翻新件", Category.AFTER_SALES_REFUND),
    ("官方旗舰店下单的手表一直待发货，问就是缺货", Category.DELIVERY_LOGISTICS),
    ("平板以旧换新，寄过去验机说屏幕有划痕，估价直接砍一半", Category.CONTRACT_PRICING),
    ("宣传图上拍月亮清清楚楚，自己拍就是个光斑，摆拍骗人", Category.CONTRACT_PRICING),
    ("手机里一堆预装软件卸载不了，天天推送广告", Category.PRIVACY_FRAUD),
    ("手机出了问题官方第一反应是撇清责任，一句道歉都没有", Category.SERVICE_ATTITUDE),
    ("充电宝用了半年，电池鼓起来把外壳都撑开了", Category.FOOD_SAFETY_HEALTH),
    ("平板充电的时候后盖鼓了，还发烫", Category.FOOD_SAFETY_HEALTH),
    ("昨晚手机更新完系统就变砖了", Category.PRODUCT_QUALITY),
    ("在官方旗舰店买的手机，说好四十八小时发货，二十多天了还没发", Category.DELIVERY_LOGISTICS),
]


@pytest.mark.parametrize(("text", "expected"), COMPLAINTS)
def test_device_complaints_take_the_category_of_what_went_wrong(
    classifier: LinearClassifier, make_mention: MakeMention, text: str, expected: Category
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and result.complaint.flag
    assert result.category == expected


def test_a_swelling_battery_carries_a_harm_reason(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify([make_mention("手机电池鼓包，屏幕都被顶起来了")])
    assert result.urgency is not None
    evidence = {
        r.evidence for r in result.urgency.reasons if r.code == UrgencySignal.HARM_TO_PEOPLE
    }
    assert evidence == {"电池…鼓包"}
    assert result.urgency.level != Severity.LOW


def test_a_swelling_that_names_no_battery_stays_a_defect(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    tyre, wall = classifier.classify(
        [make_mention("轮胎鼓包了，去4S店说不保"), make_mention("墙面刷完一个月就鼓包了")]
    )
    assert tyre.category != Category.FOOD_SAFETY_HEALTH
    assert wall.category == Category.PRODUCT_QUALITY
    assert wall.urgency is not None
    assert not any(r.code == UrgencySignal.HARM_TO_PEOPLE for r in wall.urgency.reasons)


def test_a_fire_weighs_as_an_explosion(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify([make_mention("手机充电时突然起火，被子烧了个洞")])
    assert result.urgency is not None
    harm = [r for r in result.urgency.reasons if r.code == UrgencySignal.HARM_TO_PEOPLE]
    assert [(r.evidence, r.weight) for r in harm] == [("起火", 40)]
