"""舆情分析's 投诉类别构成 counts what the 周报 counts, negative mentions: over every mention the
gym week's chatter made 其他 the top bar (27 %) where the 周报 led with 售后/退换货 (32.6 %) —
real classifier and index, AppTest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.dashboard.ingested_page import page_over

CONFIG = """brand: 悦动健身
plans:
  - {id: yuedong, name: 悦动健身, expression: 悦动|悦颜美容}
"""
CHATTER = [
    "分享一下，悦颜美容的水光针一个疗程要做几次，间隔多久",
    "姐妹们，悦动和力享健身哪家的团课种类多一点",
    "问一下，悦动的年卡价格和器械怎么样",
]
COMPLAINTS = [
    "悦动的会员卡退费申请交了半个月，每次打电话都说在走流程，气死了",
    "投诉悦动健身：会员卡私教课拒绝退费，店长一直拖着不给办",
]


def test_the_category_mix_is_of_negative_mentions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with page_over(tmp_path, monkeypatch, CONFIG, [*CHATTER, *COMPLAINTS], "insights") as at:
        assert "投诉类别构成（负面提及）" in [h.value for h in at.subheader]
        chart = next(m.value for m in at.markdown if "售后/退换货：" in str(m.value))
        bars = dict(re.findall(r"<title>([^<：]+)：(\d+) 条</title>", str(chart)))
        assert bars == {"售后/退换货": "2"}, bars
