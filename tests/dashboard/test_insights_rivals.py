"""舆情分析 compares the brand with its competitors (plans with role 竞品): share of voice and
negative share per plan, while the page's own figures start on the brand's plans (the
监测方案 filter defaults to them), as 舆情态势's do — real classifier and index, AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.dashboard.ingested_page import page_over

CONFIG = """brand: 鲜味坊
plans:
  - {id: xwf, name: 鲜味坊, expression: 鲜味坊}
  - {id: rival, name: 香满楼, expression: 香满楼, role: 竞品}
"""
POSTS = [
    "鲜味坊的酸菜鱼吃出虫子，要求退款赔偿",
    "鲜味坊今天的外卖很好吃，下次还点",
    "香满楼的烤鸭真不错，推荐",
    "香满楼新店开业，排队的人很多",
    "香满楼的汤太咸了，服务也慢，差评",
    "香满楼周末打折，去吃了一次",
]


def test_the_analysis_page_compares_the_brand_with_its_competitor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with page_over(tmp_path, monkeypatch, CONFIG, POSTS, "insights") as at:
        assert "竞品对比" in [h.value for h in at.subheader]
        (plans,) = [m for m in at.multiselect if m.label == "监测方案"]
        assert plans.value == ["xwf"]  # the brand's own plan until someone picks others
        html = "".join(str(m.value) for m in at.markdown)
        assert "鲜味坊（本品）" in html and "香满楼" in html
        assert "33.3%" in html and "66.7%" in html  # 2 of 6 mentions, 4 of 6
        # 舆情分析's own tiles and 舆情态势's count the brand's 2 mentions, not all 6.
        assert [m.value for m in at.metric if m.label == "提及量"] == ["2"]
        at.switch_page("../dashboard/views/overview.py").run()
        assert not at.exception, at.exception
        assert [m.value for m in at.metric if m.label == "24 小时提及量"] == ["2"]
