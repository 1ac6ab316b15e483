"""The category in context (issue #13): finance texts, expired vouchers, bare reposts — and the
food-safety and product-quality complaints that must stay where they are."""

from __future__ import annotations

import pytest

from core.enums import Category, Channel
from sentiment.category import context_cues, is_bare_repost
from sentiment.complaint_cues import MATCHER
from sentiment.features import fold
from sentiment.linear_classifier import LinearClassifier
from tests.sentiment.conftest import MakeMention

CLAIMS = (Category.AFTER_SALES_REFUND, Category.CONTRACT_PRICING)

# 住院 is the reason of the claim or of the late repayment, not harm the insurer or bank did.
NOT_SAFETY: list[tuple[str, tuple[Category, ...]]] = [
    ("去年买的百万医疗险，今年住院花了三万，保险公司说是既往症，拒赔，一分钱都不给报销", CLAIMS),
    ("住院报销被拒赔，保险公司说我投保时没告知，当初业务员根本没问", CLAIMS),
    ("老公车祸身亡，意外险理赔申请交上去三个月了，保险公司一直拖着不赔", CLAIMS),
    ("我现在还在医院住院，没法按时还款，催收天天打电话给我家人", (Category.PRIVACY_FRAUD,)),
    ("团购券明明还有两天才过期，到店说已过期不能用，退款也不给退", (Category.AFTER_SALES_REFUND,)),
]
# A card that cannot be used abroad or a cut credit line is no defective product.
NOT_QUALITY: list[tuple[str, tuple[Category, ...]]] = [
    ("信用卡在国外用不了，客服说不支持这个通道，出国前没人告诉我", (Category.SERVICE_ATTITUDE,)),
    ("信用卡额度从五万降到两千，用不了了，也不说原因", (Category.CONTRACT_PRICING,)),
]
# What must not move: real harm done by the product, real defects, also beside finance words.
STAYS: list[tuple[str, Category]] = [
    ("吃了他家的外卖，全家食物中毒住院了", Category.FOOD_SAFETY_HEALTH),
    ("超市卖过期面包，孩子吃了上吐下泻", Category.FOOD_SAFETY_HEALTH),
    ("充电宝充电时起火，差点烧伤孩子", Category.FOOD_SAFETY_HEALTH),
    ("用信用卡积分换的零食吃出虫子，孩子吃了拉肚子", Category.FOOD_SAFETY_HEALTH),
    ("新买的手机充不进电，才用了三天", Category.PRODUCT_QUALITY),
    ("分期买的手机充不进电，才用了三天就坏了", Category.PRODUCT_QUALITY),
]


@pytest.mark.parametrize(("text", "expected"), NOT_SAFETY + NOT_QUALITY)
def test_finance_complaints_leave_safety_and_quality(
    classifier: LinearClassifier,
    make_mention: MakeMention,
    text: str,
    expected: tuple[Category, ...],
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and result.complaint.flag
    assert result.category in expected


@pytest.mark.parametrize(("text", "expected"), STAYS)
def test_harm_and_defects_stay(
    classifier: LinearClassifier, make_mention: MakeMention, text: str, expected: Category
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.category == expected


def test_a_hospital_claim_filed_on_a_complaint_platform_is_no_safety_case(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    # The bank week's 黑猫 post: before, 住院 alone made it 食品安全/人身安全 (and the report's
    # 需要关注 said 涉及人身安全).
    text = (
        "2021年购买的医疗保险，已经连续交费2年，2022年11月住院了，保险公司以各种理由不予报销，"
        "当时办理保险的时候说的啥都报销，结果住院之后又说这个报不了那个不能报的"
    )
    filed = make_mention(text).model_copy(update={"channel": Channel.COMPLAINT_PLATFORM})
    (result,) = classifier.classify([filed])
    assert result.category in CLAIMS


def test_finance_context_rules_out_safety_and_quality_unless_a_cue_names_them() -> None:
    def ruled(text: str) -> tuple[Category, ...]:
        ((found,), _) = MATCHER.scan([fold(text)])
        return context_cues(found)[1]

    both = (Category.FOOD_SAFETY_HEALTH, Category.PRODUCT_QUALITY)
    assert ruled("住院报销被保险公司拒赔") == both
    assert ruled("信用卡失效了，用不了") == both
    assert ruled("手机银行一直闪退") == (Category.FOOD_SAFETY_HEALTH,)
    assert ruled("积分换的零食吃出虫子") == ()  # no finance word: nothing ruled out
    assert ruled("信用卡积分换的零食吃出虫子") == (Category.PRODUCT_QUALITY,)
    assert ruled("全家食物中毒住院了") == ()


def test_an_expired_voucher_is_no_food_safety_cue() -> None:
    ((voucher,), _) = MATCHER.scan([fold("优惠券明明才过期一天就不让用了")])
    ((bread,), _) = MATCHER.scan([fold("超市卖过期面包")])
    assert "过期" not in context_cues(voucher)[0]
    assert "过期" in context_cues(bread)[0]


@pytest.mark.parametrize(
    "text", ["转发微博", "转发微博//@用户277:", "//@打工人小周:", "@招财银行 "]
)
def test_a_bare_repost_has_no_category_of_its_own(
    classifier: LinearClassifier, make_mention: MakeMention, text: str
) -> None:
    assert is_bare_repost(fold(text))
    (result,) = classifier.classify([make_mention(text)])
    assert result.category == Category.OTHER


@pytest.mark.parametrize("text", ["同样遭遇", "转发微博 太过分了，催收打给我爸妈", "吓人//@用户1:"])
def test_a_repost_with_words_of_its_own_is_read(text: str) -> None:
    assert not is_bare_repost(fold(text))
