"""Owners' complaints about home appliances (round 28, an appliance brand's week): a fee nobody
named at installation and a subsidy not made good are 购销合同/价格; a repair visit that cannot be
booked is 售后; a machine left downstairs is 物流; a technician asking for a five-star review is
服务态度; a camera uploading the home is 隐私/欺诈; gas smelt or current felt is 食品安全/人身安全
with a harm reason, and a gas alarm going off is no police call."""

from __future__ import annotations

import pytest

from core.enums import Category, Severity, UrgencySignal
from sentiment.linear_classifier import LinearClassifier
from tests.sentiment.conftest import MakeMention

COMPLAINTS: list[tuple[str, Category]] = [
    ("空调安装师傅上门先要一百五的支架费，不给就不装", Category.CONTRACT_PRICING),
    ("装个燃气热水器，打孔费加材料费收了四百，下单时没说", Category.CONTRACT_PRICING),
    ("买空调的时候说国补减两成，付款时补贴就没了", Category.CONTRACT_PRICING),
    ("冰箱不制冷报修，约了三次都约不上", Category.AFTER_SALES_REFUND),
    ("冰箱冷冻室结冰严重，抽屉都拉不开", Category.PRODUCT_QUALITY),
    ("空调维修师傅修完非要我给五星好评才走", Category.SERVICE_ATTITUDE),
    ("扫地机器人把家里拍的照片上传云端，说明书里根本没写", Category.PRIVACY_FRAUD),
    ("油烟机到了小区门口，送货的说不送上楼，让我自己搬", Category.DELIVERY_LOGISTICS),
    ("燃气热水器用着用着屋里一股煤气味", Category.FOOD_SAFETY_HEALTH),
    ("洗澡时电热水器漏电，被电了一下", Category.FOOD_SAFETY_HEALTH),
]


@pytest.mark.parametrize(("text", "expected"), COMPLAINTS)
def test_appliance_complaints_take_the_category_of_what_went_wrong(
    classifier: LinearClassifier, make_mention: MakeMention, text: str, expected: Category
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and result.complaint.flag
    assert result.category == expected


def test_gas_smelt_at_home_is_urgent_and_an_alarm_is_no_police_call(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify([make_mention("燃气灶关了还有煤气味，报警器响了好几次")])
    assert result.urgency is not None
    codes = {r.code: r.evidence for r in result.urgency.reasons}
    assert codes[UrgencySignal.HARM_TO_PEOPLE] == "煤气味、报警器响"
    assert UrgencySignal.LEGAL_REGULATORY not in codes
    assert result.urgency.level == Severity.HIGH


def test_a_police_call_still_counts_beside_an_alarm(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify([make_mention("报警器响了没人管，我已经报警了")])
    assert result.urgency is not None
    legal = [r.evidence for r in result.urgency.reasons if r.code == UrgencySignal.LEGAL_REGULATORY]
    assert legal == ["报警"]


def test_a_hotel_rooms_air_conditioning_stays_its_defect(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (room,) = classifier.classify([make_mention("酒店房间的空调坏了，一晚上热得没睡着")])
    assert room.category == Category.PRODUCT_QUALITY


def test_a_telecom_fraud_is_no_electric_shock(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (fraud,) = classifier.classify([make_mention("去年被电信诈骗，骗子冒充客服骗走两万")])
    assert fraud.category == Category.PRIVACY_FRAUD
    assert fraud.urgency is not None
    assert not any(r.code == UrgencySignal.HARM_TO_PEOPLE for r in fraud.urgency.reasons)
