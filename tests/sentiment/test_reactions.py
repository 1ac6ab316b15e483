"""A bystander's reaction to a crisis is no complaint (issue #13, round 31): fear, concern or
sympathy without any experience of the author's own ("太吓人了，孩子还好吗？" was 负面 · 投诉 ·
商品质量 at 0.64 in the demo's food-poisoning crisis). A reaction that also tells the author's own
case, or demands something of the brand, stays a complaint."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from core.enums import Category
from sentiment.features import fold
from sentiment.forms import is_reaction
from sentiment.linear_classifier import LinearClassifier
from tests.sentiment.conftest import MakeMention

INCIDENT = Path(__file__).resolve().parents[2] / "collectors" / "demo" / "incident.yaml"

# Reactions of several industries (food delivery, rides, schools, airlines): each was flagged
# or filed under a complaint category before the reaction rule.
REACTIONS = [
    "太吓人了，孩子还好吗？",
    "太可怕了",
    "太吓人了",
    "心疼孩子",
    "天哪，太惨了，祝早日康复",
    "好可怕，乘客没事吧",
    "太吓人了，学生们都平安吧",
    "细思极恐，那个女生没事吧",
]
# The author's own case, a complaint cue or a demand beside the reaction word.
OWN_CASES = [
    "太吓人了，我上周也吃出过异物",
    "心疼孩子，我家孩子上次吃完也拉肚子",
    "太可怕了，我的X5也鼓包了",
    "太吓人了，被骗了一万二，派出所已经立案",
    "心疼老人，畅行必须给个说法",
]


@pytest.mark.parametrize("text", REACTIONS)
def test_a_bystanders_reaction_is_no_complaint_and_has_no_category(
    classifier: LinearClassifier, make_mention: MakeMention, text: str
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and not result.complaint.flag, result.complaint
    assert result.category == Category.OTHER


@pytest.mark.parametrize("text", OWN_CASES)
def test_a_reaction_with_the_authors_own_case_stays_a_complaint(
    classifier: LinearClassifier, make_mention: MakeMention, text: str
) -> None:
    (result,) = classifier.classify([make_mention(text)])
    assert result.complaint is not None and result.complaint.flag, result.complaint
    assert result.category != Category.OTHER


def test_the_demos_reactions_are_no_complaint(
    classifier: LinearClassifier, make_mention: MakeMention
) -> None:
    script = yaml.safe_load(INCIDENT.read_text(encoding="utf-8"))
    # the reaction, a repost adding 心疼孩子 to one, and a bare repost passing the reaction on
    texts = [e["text"] for e in script if e["text"].startswith(("太吓人了", "心疼孩子", "转发//@"))]
    assert len(texts) == 3
    for result in classifier.classify([make_mention(t) for t in texts]):
        assert result.complaint is not None and not result.complaint.flag, result.text
        assert result.category == Category.OTHER, result.text


def test_reaction_form() -> None:
    assert all(is_reaction(fold(t)) for t in REACTIONS)
    others = [
        *OWN_CASES,
        "吓得赶紧取消了订单",  # an order of the author's own
        "好可怕，家里老人也在用这款热水器",  # his household's use
        "贵得吓人",  # the fear word as a degree
        "甩锅也太快了，太可怕了",  # the brand's handling
        "看完浑身发冷，女生晚上坐畅行到底还安不安全",  # a grievance in question form
        "转发//@某人:孩子吃了外卖住院了，太吓人了，我也吃过",  # passes a complaint on
    ]
    assert not any(is_reaction(fold(t)) for t in others)
