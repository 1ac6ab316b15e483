"""舆情分析 says under 投诉类别构成 how many complaints name a communication failure (沟通不畅:
无人回应, 推诿 …) — the same reading as the 周报's (real classifier and index, page in AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.dashboard.ingested_page import page_over

POSTS = [
    "鲜味坊客服一直不回复，投诉了三次也没人处理，太气人了",
    "鲜味坊外卖电话打不通，门店和平台互相推诿，退款到现在没到",
    "鲜味坊的酸菜鱼吃出虫子，要求退款赔偿",
    "鲜味坊米饭夹生，菜是凉的，投诉",
]


def test_the_analysis_page_names_the_share_of_communication_failures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with page_over(tmp_path, monkeypatch, "brand: 鲜味坊\n", POSTS, "insights") as at:
        [line] = [c.value for c in at.caption if "提到沟通问题" in c.value]
        assert line.startswith("投诉中 50%（4 条原帖中的 2 条）提到沟通问题：")
        assert "无人回应" in line and "推诿" in line
