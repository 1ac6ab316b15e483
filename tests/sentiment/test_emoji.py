"""Emoji of anger and disappointment read as the Weibo emoticons the polarity model learned
(`features.as_emoticons`): 小红书, 抖音 and most Weibo clients send 😡 where the training
corpus wrote [怒], so 「女孩子晚上打车记得开行程分享，畅行这种平台靠不住😡」 was neutral.
Happy faces are left alone (said in mockery: 又被扣了五十块取消费😄), and the complaint flag
does not move with an emoticon (the complaint head learned Weibo emoticons as chatter)."""

from __future__ import annotations

import pytest

from core.enums import SentimentLabel
from sentiment.features import as_emoticons
from sentiment.linear_classifier import LinearClassifier
from tests.sentiment.conftest import MakeMention

ANGRY = [
    "女孩子晚上打车记得开行程分享，畅行这种平台靠不住😡",
    "今天的外卖到了😡",
    "这次的快递到了👎",
    "唉，又加班😩",
]


def test_angry_emoji_are_written_as_weibo_emoticons() -> None:
    assert as_emoticons("靠不住😡😡") == "靠不住[怒][怒]"
    assert as_emoticons("还行吧😔") == "还行吧[失望]"
    assert as_emoticons("没有表情") is None
    assert as_emoticons("又被扣了五十块取消费😄") is None  # a happy face may be mockery


@pytest.mark.parametrize("text", ANGRY)
def test_an_angry_emoji_makes_the_text_negative(
    classifier: LinearClassifier, make_mention: MakeMention, text: str
) -> None:
    (plain,) = classifier.classify([make_mention(text.rstrip("😡👎😩"))])
    (result,) = classifier.classify([make_mention(text)])
    assert result.sentiment is not None and plain.sentiment is not None
    assert result.sentiment.label == SentimentLabel.NEGATIVE, result.sentiment
    assert result.sentiment.score < plain.sentiment.score


def test_the_complaint_flag_does_not_move_with_an_emoticon(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    text = "预估价三十五，到了变成235，畅行的司机绕了个大圈子"
    plain, angry, written = classifier.classify(
        [make_mention(text), make_mention(text + "😡"), make_mention(text + "[怒]")]
    )
    assert plain.complaint and angry.complaint and written.complaint
    # Read as [怒] by the complaint head too, it would fall below the flag (0.64 → 0.48).
    assert written.complaint.probability < plain.complaint.probability - 0.1
    assert (
        angry.complaint.flag
        and abs(angry.complaint.probability - plain.complaint.probability) < 0.05
    )


def test_a_happy_face_in_a_complaint_stays_a_complaint(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    (result,) = classifier.classify([make_mention("又被扣了五十块取消费😄")])
    assert result.sentiment is not None and result.sentiment.label == SentimentLabel.NEGATIVE
    assert result.complaint is not None and result.complaint.flag
