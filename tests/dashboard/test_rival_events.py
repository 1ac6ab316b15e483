"""A competitor's crisis and its 大V stay out of the brand's lists (事件, KOL / 媒体影响力榜,
舆情态势's event marks) until a person asks for them, and are then labelled （竞品） — real
classifier, index and event store, AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core.context import Context
from tests.dashboard.ingested_page import page_over
from tests.events.stored import RIVAL_CONFIG, store_event

POSTS: list[str | dict[str, object]] = [
    {"text": "鲜味坊的酸菜鱼吃出虫子，要求退款", "author": {"name": "小李", "followers": 300}},
    {"text": "鲜味坊外卖送错了，客服不理人", "author": {"name": "阿花", "followers": 900}},
    {"text": "鲜味坊的鱼不新鲜，吃完拉肚子", "author": {"name": "老王", "followers": 120}},
    {"text": "香满楼汤里有头发，恶心", "author": {"name": "美食大V老张", "followers": 8 * 10**5}},
    {"text": "香满楼汤里头发的事我也遇到过", "author": {"name": "路人甲", "followers": 50}},
    {"text": "香满楼后厨卫生堪忧，汤里有头发", "author": {"name": "路人乙", "followers": 80}},
]


def markdown(at: AppTest) -> str:
    return "".join(str(m.value) for m in at.markdown)


def test_a_competitors_kol_is_listed_only_when_asked_and_then_labelled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with page_over(tmp_path, monkeypatch, RIVAL_CONFIG, POSTS, "insights") as at:
        assert "小李" in markdown(at) and "美食大V老张" not in markdown(at)
        (plans,) = [m for m in at.multiselect if m.label == "监测方案"]
        plans.set_value(["xwf", "rival"]).run()
        assert not at.exception, at.exception
        assert "美食大V老张（竞品）" in markdown(at)
        assert "小李（竞品）" not in markdown(at) and "小李" in markdown(at)


def test_a_competitors_crisis_is_not_among_the_brands_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with page_over(tmp_path, monkeypatch, RIVAL_CONFIG, POSTS, "events") as at:
        ctx = Context.load(tmp_path / "yuqing.yaml", tmp_path / "var", existing=True)
        try:
            store_event(ctx, "e-own", "鲜味坊酸菜鱼吃出虫子", "xwf")
            store_event(ctx, "e-rival", "香满楼汤里有头发", "rival")
        finally:
            ctx.close()
        st.cache_data.clear()
        at.switch_page("../dashboard/views/events.py").run()
        (statuses,) = [m for m in at.multiselect if m.label == "状态"]
        statuses.set_value([]).run()
        titles = [link.label for link in at.get("page_link")]
        assert "鲜味坊酸菜鱼吃出虫子" in titles and not any("香满楼" in t for t in titles)

        at.toggle(key="events-rivals").set_value(True).run()
        assert not at.exception, at.exception
        titles = [link.label for link in at.get("page_link")]
        assert {"鲜味坊酸菜鱼吃出虫子", "香满楼汤里有头发（竞品）"} <= set(titles)
