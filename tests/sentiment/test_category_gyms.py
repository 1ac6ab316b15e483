"""Complaints about a gym or a beauty salon selling prepaid cards (round 34, a fitness and beauty
chain's week): a card or 私教 lessons whose refund is refused and a store closed with members'
balances are 售后/退换货; a hard-sell pitch is 服务态度; a transfer fee and a coach who left
with the lessons bought are 购销合同/价格; an auto-renewal never agreed to is 隐私/欺诈; a
treatment's burn is urgent harm."""

from __future__ import annotations

import pytest

from core.enums import Category, Severity, UrgencySignal
from sentiment.linear_classifier import LinearClassifier
from sentiment.negation import negated_spans
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


# A member's check-ins and praise whose words read as a store's defect or lapse under the first
# gym rules (round 34: a stretch's 松了, a T恤's 汗渍, the hours' 关门了, a barbell's 水泡, a
# coach's 防止扭伤, 拖着疲惫的身体, 换了个私教): no complaint.
CHECK_INS = [
    "团课瑜伽结束，肩颈终于松了，舒服",
    "去健身房游泳，泳镜带子松了，换了一副新的",
    "今天私教课练完，T恤上全是汗渍，哈哈",
    "健身房晚上十点就关门了，下次得早点来",
    "练杠铃手上磨出了水泡，明天买副护掌继续",
    "团课老师说跳绳前先活动脚踝，防止扭伤",
    "下班拖着疲惫的身体去健身房打卡，练完整个人都精神了",
    "今天换了个私教，训练风格完全不一样，挺新鲜",
]


@pytest.mark.parametrize("text", CHECK_INS)
def test_a_members_check_in_is_no_complaint(
    classifier: LinearClassifier, make_mention: MakeMention, text: str
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and not result.complaint.flag, result.complaint


# ... while the same words beside the store's equipment, or a closing that was sudden, are.
STORE_DEFECTS: list[tuple[str, Category]] = [
    ("健身房跑步机的扶手松了，跑起来一直晃", Category.PRODUCT_QUALITY),
    ("健身房的龙门架拉力绳都起毛了", Category.PRODUCT_QUALITY),
    ("这家健身房突然关门了，门口连个通知都没有", Category.AFTER_SALES_REFUND),
]


@pytest.mark.parametrize(("text", "expected"), STORE_DEFECTS)
def test_a_part_loose_beside_the_equipment_is_the_stores_defect(
    classifier: LinearClassifier, make_mention: MakeMention, text: str, expected: Category
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and result.complaint.flag
    assert result.category == expected


def test_a_harm_guarded_against_is_negated_as_a_harm_denied() -> None:
    assert negated_spans("跳绳前先活动脚踝，防止扭伤", "扭伤") is not None
    assert negated_spans("热身做足以免拉伤", "拉伤") is not None
    assert negated_spans("第一节课就做大重量深蹲，腰扭伤了", "扭伤") is None
