"""The cockpit's parts without a browser: export (masked), KOL ranking, 环比 words, the map data."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from bench.synthetic import make_mention
from core.config import CoreConfig
from core.enums import Channel
from core.index.protocol import SearchQuery
from core.index.sqlite import SQLiteMentionIndex
from core.models import Metrics
from core.own_accounts import OwnAccounts
from dashboard.export import COLUMNS, mentions, row, to_csv, to_xlsx
from dashboard.headline import change
from dashboard.provinces import province_names, province_rows
from dashboard.reach import amplifiers

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
TZ = ZoneInfo("Asia/Shanghai")
OWN = OwnAccounts.of(CoreConfig(own_accounts={Channel.WEIBO: ["鲜味坊官方"]}))


def test_export_masks_personal_data_and_reads_back(tmp_path: Path) -> None:
    index = SQLiteMentionIndex(tmp_path / "m.db")
    posts = [
        make_mention(
            f"k{i}",
            NOW - timedelta(minutes=i),
            f"第{i}条 联系电话13812345678",
            source="weibo-search",
        )
        for i in range(7)
    ]
    index.upsert_many(posts)
    found = list(mentions(index, SearchQuery(limit=2), limit=5))
    assert len(found) == 5, "pages through the index up to the limit"
    rows = [row(m, TZ, OWN) for m in found]
    text = to_csv(rows).decode("utf-8-sig")
    assert "13812345678" not in text and "138****5678" in text
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == COLUMNS and len(table) == 6
    assert table[1][0] == "2026-11-30 18:00" and table[1][1] == "微博"
    sheet = load_workbook(io.BytesIO(to_xlsx(rows))).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == COLUMNS and sheet.max_row == 6
    assert "138****5678" in str(sheet.cell(row=2, column=COLUMNS.index("正文") + 1).value)
    index.close()


def test_amplifiers_rank_by_reach_and_know_own_and_media() -> None:
    def post(key: str, author: str, followers: int, reposts: int):  # type: ignore[no-untyped-def]
        m = make_mention(key, NOW, "鲜味坊", author=author, followers=followers)
        return m.model_copy(update={"metrics": Metrics(reposts=reposts)})

    ranked = amplifiers(
        [
            post("a", "吃货小王大王", 1_260_000, 3400),
            post("b", "吃货小王大王", 1_260_000, 4100),
            post("c", "都市快报", 4_300_000, 6100),
            post("d", "鲜味坊官方", 520_000, 2100),
            post("e", "路人甲", 96, 0),
        ],
        OWN,
    )
    assert [a.name for a in ranked] == ["都市快报", "吃货小王大王", "鲜味坊官方", "路人甲"]
    assert [a.kind for a in ranked] == ["媒体", "大V", "官方", "普通用户"]
    assert ranked[1].posts == 2 and ranked[1].engagement == 7500


def test_change_words_and_map_rows() -> None:
    assert change(120, 100) == "+20% 环比"
    assert change(0.5, 0.4, percent_points=True) == "+10.0 个百分点 环比"
    assert change(3, 0) == "+新增 环比" and change(None, 1) == "— 环比"
    names = province_names()
    assert len(names) == 34 and {"广东", "内蒙古", "新疆", "香港", "台湾"} <= set(names)
    rows = {r["省份"]: r for r in province_rows({"广东": 10, "火星": 3}, {"广东": 4})}
    assert rows["广东"]["负面占比"] == 0.4 and rows["北京"]["负面占比"] is None
    assert "火星" not in rows


def test_no_change_reads_flat() -> None:
    """+0% and +0.0 个百分点 are no change: they read 持平 (and get no arrow on the page)."""
    assert change(1002, 1000) == change(0, 0) == "持平 环比"
    assert change(0.4001, 0.4, percent_points=True) == "持平 环比"
    assert change(990, 1000) == "-1% 环比"
