"""The dashboard's 高/紧急提及 count as alerting and the 周报's 紧急提及 do: a 黑猫 complaint
naming 律师 and 12315 is routine there (alerting/routine.py), the same words on Weibo are not
— real classifier, index and built-in rules, AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.context import Context
from core.enums import Severity
from core.index.protocol import SearchQuery
from tests.dashboard.ingested_page import page_over

CONFIG = "brand: 鲜味坊\nplans:\n  - {id: xwf, name: 鲜味坊, expression: 鲜味坊}\n"
WORDS = "鲜味坊外卖吃出异物，商家拒绝退款，已经找了律师，向12315投诉，还要找媒体曝光"
POSTS: list[str | dict[str, object]] = [
    {"text": WORDS, "channel": "complaint_platform", "title": "投诉鲜味坊"},
    {"text": WORDS + "！", "channel": "complaint_platform", "title": "投诉鲜味坊外卖"},
    {"text": WORDS + "。", "channel": "weibo"},
]


@pytest.mark.parametrize("page", ["insights", "feed"])
def test_the_urgent_tile_leaves_out_routine_complaint_platform_signals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    """舆情分析 and 实时舆情 alike (实时舆情 counted every stored level until round 26: 37
    where 态势 and 舆情分析 said 31 on a telecom operator's crisis morning)."""
    with page_over(tmp_path, monkeypatch, CONFIG, POSTS, page) as at:
        ctx = Context.load(tmp_path / "yuqing.yaml", tmp_path / "var", existing=True)
        try:  # stored: all three rate high or above on their words
            assert ctx.index.count(SearchQuery(min_urgency=Severity.HIGH)) == 3
        finally:
            ctx.close()
        (tile,) = [m for m in at.metric if m.label == "高/紧急提及"]
        assert tile.value == "1"  # the Weibo post; alerting pages for no routine 黑猫 complaint
        assert "投诉平台上例行的投诉信号不计" in (tile.help or "")
