"""The card of the brand's own statement says what it claims before the facts are in (口径提示),
first among its notes; a customer's post in the same words has no such note."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from core.enums import Channel, Severity, UrgencySignal
from core.models import Author, Mention, Urgency, UrgencyReason
from dashboard.widgets import mention_html
from tests.support.pages import serve, write_config

STATEMENT = (
    "关于网传S7燃气热水器用户中毒事件的说明：经初步核实，该用户的热水器由非授权人员安装，"
    "排烟管被私自改装，与产品质量无关。"
)


@pytest.fixture
def brand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A dashboard context of a brand with an official Weibo account."""
    config = {"brand": "澜庭电器", "own_accounts": {"weibo": ["澜庭电器"]}}
    serve(monkeypatch, write_config(tmp_path, config), tmp_path / "var")


REASONS = [
    UrgencyReason(code=UrgencySignal.HARM_TO_PEOPLE, evidence="中毒"),
    UrgencyReason(code=UrgencySignal.SPREAD_VELOCITY, evidence="半小时内转评 7700 次"),
    UrgencyReason(code=UrgencySignal.NEGATIVE_EMOTION, evidence="负面概率 98%"),
]


def post(author: str) -> Mention:
    return Mention(
        source="weibo",
        channel=Channel.WEIBO,
        native_id=author,
        author=Author(name=author),
        text=STATEMENT,
        published_at=datetime(2026, 12, 4, 13, 1, tzinfo=UTC),
        urgency=Urgency(level=Severity.HIGH, score=61, reasons=REASONS),
    )


@pytest.mark.usefixtures("brand")
def test_the_brands_statement_card_names_its_blame_first() -> None:
    card = mention_html(post("澜庭电器"))
    blames = "归咎用户或第三方「非授权人员安装」「私自改装」"
    assert f"口径提示：含调查结论出来前的{blames}、撇清责任「与产品质量无关」" in card
    assert "官方" in card
    # its urgency is how it travels: the harm and anger in its words are the brand's own
    assert "官方发文传播：传播速度：半小时内转评 7700 次" in card
    assert "人身安全" not in card and "强烈负面情绪" not in card and "紧急原因" not in card


@pytest.mark.usefixtures("brand")
def test_a_customer_quoting_it_has_no_note() -> None:
    card = mention_html(post("路人甲"))
    assert "口径提示" not in card
    assert "紧急原因：人身安全：中毒；传播速度：半小时内转评 7700 次；强烈负面情绪" in card
