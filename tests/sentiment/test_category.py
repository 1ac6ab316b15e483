"""Complaint category on hand-written Chinese mentions, one group per taxonomy code."""

from __future__ import annotations

import pytest

from core.enums import Category, SentimentLabel
from sentiment.category import rule_category, rule_scores
from sentiment.features import fold
from sentiment.linear_classifier import LinearClassifier
from tests.sentiment.conftest import MakeMention

CASES: list[tuple[str, Category]] = [
    ("买的洗衣机用了三天就坏了，质量太差", Category.PRODUCT_QUALITY),
    ("新手机开不了机，黑屏，怀疑是翻新的次品", Category.PRODUCT_QUALITY),
    ("外卖里吃出一只蟑螂，恶心死了", Category.FOOD_SAFETY_HEALTH),
    ("吃了他家的烤鸭全家拉肚子，孩子食物中毒住院了", Category.FOOD_SAFETY_HEALTH),
    ("充电宝充电时起火，差点烧伤孩子", Category.FOOD_SAFETY_HEALTH),
    ("说好的满减优惠结账时不给，还多收了十块钱", Category.CONTRACT_PRICING),
    ("下单后商家涨价，要求补差价，发票也不给开", Category.CONTRACT_PRICING),
    ("快递三天了还没送到，物流信息一直不更新", Category.DELIVERY_LOGISTICS),
    ("配送超时一个小时，汤都洒了", Category.DELIVERY_LOGISTICS),
    ("客服态度恶劣，问了三遍都不理人，直接挂电话", Category.SERVICE_ATTITUDE),
    ("前台服务员爱答不理，推诿责任，太差劲", Category.SERVICE_ATTITUDE),
    ("申请退款一周了还没到账，商家拒绝退货", Category.AFTER_SALES_REFUND),
    ("空调安装师傅没装好，售后维修一直拖着", Category.AFTER_SALES_REFUND),
    ("我的个人信息被泄露了，天天接到骚扰电话", Category.PRIVACY_FRAUD),
    ("这家店的菜很好吃，服务也很周到，下次还来", Category.OTHER),
    ("请问这款手机支持5G吗？什么时候发布？", Category.OTHER),
    ("非常满意，推荐给朋友们", Category.OTHER),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_classifier_category(
    classifier: LinearClassifier, make_mention: MakeMention, text: str, expected: Category
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.category == expected


def test_unauthorised_renewal_charge_is_fraud_or_pricing(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    # DOMAIN.md calls an unauthorised charge privacy_fraud; the 黑猫 labels the model learns
    # from call charge disputes 定价收费 (→ contract_pricing). Both are defensible here.
    texts = [
        "会员自动续费偷偷扣费，没有任何提醒，这是欺诈",
        "话费里每月多了一项增值业务，我从未办理过，也没收到任何短信",
    ]
    for result in classifier.classify([make_mention(text) for text in texts]):
        assert result.category in {Category.PRIVACY_FRAUD, Category.CONTRACT_PRICING}
        assert result.complaint is not None and result.complaint.flag


def test_every_category_is_covered_by_the_cases() -> None:
    assert {expected for _, expected in CASES} == set(Category)


def test_food_safety_outranks_refund() -> None:
    text = fold("吃出异物还拉肚子，要求退款")
    assert rule_scores(text)[Category.AFTER_SALES_REFUND] >= 2
    assert rule_category(text, SentimentLabel.NEGATIVE) == Category.FOOD_SAFETY_HEALTH


def test_praise_mentioning_a_cue_is_not_a_complaint() -> None:
    assert rule_category(fold("价格实惠，物流很快"), SentimentLabel.POSITIVE) is None
    assert rule_category(fold("价格实惠，物流很快"), SentimentLabel.NEGATIVE) is not None


def test_model_categorises_negative_text_without_lexicon_cue(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify([make_mention("等了两个多小时，饭菜送来都凉透了，再也不点了")])
    assert result.category == Category.DELIVERY_LOGISTICS


def test_category_accuracy_on_the_unseen_hand_labelled_round(
    classifier: LinearClassifier,
) -> None:
    """Round 2 of sentiment/evaldata/category_sample.csv was never looked at while tuning."""
    from sentiment.category_eval import load_sample, score

    unseen = [s for s in load_sample() if s.round == 2]
    scores = score(classifier, unseen)
    assert scores.docs == 100
    assert scores.lenient_accuracy >= 0.80 and scores.strict_accuracy >= 0.62
    assert scores.recall["other"] >= 0.75  # praise and unrelated posts are not complaints


def test_a_bad_label_in_the_sample_names_the_row(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sentiment.category_eval import load_sample

    bad = tmp_path / "sample.csv"
    bad.write_text("round,text,category,also\n2,太难吃了,taste,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"sample.csv:2：未知的类别 'taste'（可选："):
        load_sample(bad)
