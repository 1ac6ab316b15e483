"""Exported spreadsheets keep hostile post text as text: no formulas, no broken workbook."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from bench.synthetic import make_mention
from core.models import Author
from core.own_accounts import OwnAccounts
from dashboard.export import COLUMNS, row, to_csv, to_xlsx

TZ = ZoneInfo("Asia/Shanghai")
HYPERLINK = '=HYPERLINK("http://x.cn","点我")'
AUTHOR = "@SUM(1+1)*cmd|' /C calc'!A0"


def hostile_rows() -> list[list[object]]:
    """Two mentions whose text, title and author start like formulas or carry NUL/ESC."""
    first = make_mention("f1", datetime(2026, 11, 30, tzinfo=UTC), HYPERLINK).model_copy(
        update={"title": "+cmd|' /C calc'!A0", "author": Author(name=AUTHOR)}
    )
    second = make_mention("f2", datetime(2026, 11, 30, tzinfo=UTC), "-_- 鲜味坊 退款").model_copy(
        update={"author": Author(name="老王\x00\x1b[2J")}
    )
    return [row(m, TZ, OwnAccounts()) for m in (first, second)]


def test_csv_cells_that_start_like_formulas_get_a_leading_apostrophe() -> None:
    table = list(csv.reader(io.StringIO(to_csv(hostile_rows()).decode("utf-8-sig"))))
    text, title, author = (COLUMNS.index(c) for c in ("正文", "标题", "作者"))
    assert table[1][text] == "'" + HYPERLINK
    assert table[1][title] == "'+cmd|' /C calc'!A0"
    assert table[1][author] == "'" + AUTHOR
    assert table[2][text] == "'-_- 鲜味坊 退款"
    assert table[2][author] == "老王[2J", "control characters are dropped"
    assert table[1][COLUMNS.index("粉丝数")] == "0", "numbers stay numbers"


def test_xlsx_holds_formula_like_text_as_text_and_survives_control_characters() -> None:
    sheet = load_workbook(io.BytesIO(to_xlsx(hostile_rows()))).active
    assert sheet is not None
    cell = sheet.cell(row=2, column=COLUMNS.index("正文") + 1)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (HYPERLINK, "s", True)
    assert not any(c.data_type == "f" for line in sheet.iter_rows() for c in line)
    assert sheet.cell(row=3, column=COLUMNS.index("作者") + 1).value == "老王[2J"
    assert sheet.cell(row=2, column=COLUMNS.index("粉丝数") + 1).data_type == "n"
