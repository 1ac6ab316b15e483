"""Complaints about a courier (round 29, an express-delivery brand's week): a 驿站 storage fee or
a surcharge is 购销合同/价格; a 保价 claim capped or refused is 售后, not the parcel lost before
it; a courier who threatens is 服务态度, not a debt collector; a call from someone posing as the
courier is 隐私/欺诈, not the lost parcel it tells of; a parcel lost, stuck or crushed is 物流;
a courier's tricycle knocking someone down is 食品安全/人身安全. Words only a courier's text
means so (查不到, 审核中) change nothing elsewhere."""

from __future__ import annotations

import pytest

from core.enums import Category, SentimentLabel, Severity, UrgencySignal
from sentiment.linear_classifier import LinearClassifier
from tests.sentiment.conftest import MakeMention

COMPLAINTS: list[tuple[str, Category]] = [
    ("快递放在驿站，取的时候还要交两块钱保管费", Category.CONTRACT_PRICING),
    ("快递员说我家超区，不加五块钱就不送", Category.CONTRACT_PRICING),
    ("包裹弄丢了，保价五百，现在只肯按运费三倍赔", Category.AFTER_SALES_REFUND),
    ("快递员嫌我给了差评，找上门来威胁我", Category.SERVICE_ATTITUDE),
    ("有人冒充快递客服打电话，说我的快递丢了要给我理赔", Category.PRIVACY_FRAUD),
    ("快递在转运中心躺了一周，一直显示待派送", Category.DELIVERY_LOGISTICS),
    ("收到的包裹箱子被压扁了，里面的杯子碎了", Category.DELIVERY_LOGISTICS),
    ("快递员的三轮车在小区里把老人撞倒了，胳膊擦破了", Category.FOOD_SAFETY_HEALTH),
]


@pytest.mark.parametrize(("text", "expected"), COMPLAINTS)
def test_courier_complaints_take_the_category_of_what_went_wrong(
    classifier: LinearClassifier, make_mention: MakeMention, text: str, expected: Category
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and result.complaint.flag
    assert result.category == expected


def test_a_fake_courier_who_knows_the_waybill_is_urgent(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify(
        [make_mention("有人冒充快递客服说包裹丢了要理赔，还报出了我的单号")]
    )
    assert result.urgency is not None
    codes = {r.code: r.evidence for r in result.urgency.reasons}
    assert "冒充" in codes[UrgencySignal.PRIVACY_HARASSMENT]
    assert result.urgency.level in (Severity.HIGH, Severity.CRITICAL)


def test_a_parcel_packed_so_nothing_broke_is_praise(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify([make_mention("寄了一箱碗回老家，包得严严实实，一个都没碎")])
    assert result.sentiment is not None
    assert result.sentiment.label == SentimentLabel.POSITIVE
    assert result.category == Category.OTHER


@pytest.mark.parametrize(
    "text",
    ["星联APP里查不到上个月的详单，是要在哪里查", "信用卡申请显示资料审核中，要等多久"],
)
def test_words_only_a_courier_means_so_are_no_cue_elsewhere(
    classifier: LinearClassifier, make_mention: MakeMention, text: str
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.category not in (Category.DELIVERY_LOGISTICS, Category.AFTER_SALES_REFUND)
