"""Complaints about a mobile game (round 33, a game publisher's week): odds lower than published
and a recharge not credited are 购销合同/价格, never a defect or a refund; an account banned
without reason is 服务态度 even where a cheat is named; ads forced on a player are the game's
defect; a stolen account is 隐私/欺诈 and more urgent; a crowd crush at a game's carnival is
urgent harm."""

from __future__ import annotations

import pytest

from core.enums import Category, Severity, UrgencySignal
from sentiment.linear_classifier import LinearClassifier
from tests.sentiment.conftest import MakeMention

COMPLAINTS: list[tuple[str, Category]] = [
    ("这游戏的抽卡概率公示根本是假的，两百抽一个金都没出", Category.CONTRACT_PRICING),
    ("首充的648钻石没到账，订单显示支付成功", Category.CONTRACT_PRICING),
    ("请问手游充值没到账怎么办，有人知道吗", Category.CONTRACT_PRICING),
    ("玩了两年的号被误封了，理由是使用外挂，可我根本不会开挂", Category.SERVICE_ATTITUDE),
    ("游戏里看广告才能领体力，一天弹几十次广告", Category.PRODUCT_QUALITY),
    ("手游账号被盗了，装备全没了，客服说找不回来", Category.PRIVACY_FRAUD),
]


@pytest.mark.parametrize(("text", "expected"), COMPLAINTS)
def test_game_complaints_take_the_category_of_what_went_wrong(
    classifier: LinearClassifier, make_mention: MakeMention, text: str, expected: Category
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and result.complaint.flag
    assert result.category == expected


def test_a_stolen_game_account_is_a_privacy_reason(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify([make_mention("玩了五年的手游号被盗了，客服让我自己想办法")])
    assert result.urgency is not None
    codes = {r.code: r.evidence for r in result.urgency.reasons}
    assert "号被盗" in codes[UrgencySignal.PRIVACY_HARASSMENT]
    assert result.urgency.level != Severity.LOW


def test_a_crowd_crush_at_a_game_carnival_is_urgent_harm(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify(
        [make_mention("手游的线下嘉年华发生踩踏，好几个玩家被挤倒送去医院了")]
    )
    assert result.category == Category.FOOD_SAFETY_HEALTH
    assert result.urgency is not None
    codes = {r.code: r.evidence for r in result.urgency.reasons}
    assert "发生踩踏" in codes[UrgencySignal.HARM_TO_PEOPLE]
    assert result.urgency.level in (Severity.HIGH, Severity.CRITICAL)
