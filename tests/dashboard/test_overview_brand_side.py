"""舆情态势 beside a competitor counts the brand's side as the alert rules and the 周报 do: a
complaint that names no brand (no plan) is the brand's, a competitor's post is not; and it says
so when yuqing.yaml's plans changed since the stored mentions were tagged (real CLI ingest,
classifier, index, AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st

from tests.dashboard.ingested_page import page_over
from tests.dashboard.test_insights_rivals import CONFIG
from tests.dashboard.test_insights_rivals import POSTS as INSIGHT_POSTS

POSTS = [
    *INSIGHT_POSTS[:2],  # the brand's
    *INSIGHT_POSTS[4:],  # the competitor's
    "外卖送到时汤洒了一半，打电话没人接，要求退款",  # a mailbox's complaint: no brand named
]


def test_the_situation_counts_the_brands_side_and_says_when_plans_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with page_over(tmp_path, monkeypatch, CONFIG, POSTS, "overview") as at:
        # 2 naming the brand and the one naming nobody; not the competitor's 2 (before: 2).
        assert [m.value for m in at.metric if m.label == "24 小时提及量"] == ["3"]
        assert not [w for w in at.warning if "方案已修改" in str(w.value)]
        added = "  - {id: waimai, name: 鲜味坊外卖, expression: 外卖}\n"
        (tmp_path / "yuqing.yaml").write_text(CONFIG + added, encoding="utf-8")
        st.cache_resource.clear()
        at.run()
        assert not at.exception, at.exception
        [note] = [w for w in at.warning if "方案已修改，历史提及未重新匹配" in str(w.value)]
        assert "yuqing plans rematch" in str(note.value)
