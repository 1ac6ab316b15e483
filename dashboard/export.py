"""The current filter as a spreadsheet: rows in Chinese, personal data masked as in reports."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import replace
from zoneinfo import ZoneInfo

from core.enums import CATEGORY_LABELS_ZH, CHANNEL_LABELS_ZH, SENTIMENT_LABELS_ZH
from core.index.protocol import MentionIndex, SearchQuery
from core.masking import mask_personal_data
from core.models import Mention
from core.own_accounts import OwnAccounts

MAX_ROWS = 10_000
PAGE = 500
# Control characters a worksheet refuses (openpyxl raises on them: one post would break the
# export for everyone) and nobody reads.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What Excel and WPS read as the start of a formula (=HYPERLINK(...), +cmd|..., @SUM(...)).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = [
    "发布时间", "渠道", "来源", "作者", "粉丝数", "认证", "官方账号", "IP属地", "情感",
    "投诉类别", "紧急程度", "紧急分", "紧急原因", "转发", "评论", "点赞", "标题", "正文", "链接",
]  # fmt: skip


def mentions(index: MentionIndex, query: SearchQuery, limit: int = MAX_ROWS) -> Iterator[Mention]:
    """Every mention matching the query (newest first), up to limit, a page at a time."""
    offset = 0
    while offset < limit:
        size = min(PAGE, limit - offset)
        page = index.search(replace(query, limit=size, offset=offset)).mentions
        yield from page
        if len(page) < size:
            return
        offset += size


def row(mention: Mention, tz: ZoneInfo, own: OwnAccounts) -> list[object]:
    """One mention as spreadsheet cells; text fields pass through the PII masker."""
    urgency = mention.urgency
    reasons = "；".join(r.text_zh for r in (urgency.reasons if urgency else []))
    return [
        mention.published_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
        CHANNEL_LABELS_ZH[mention.channel],
        mention.source,
        mask_personal_data(mention.author.name or "匿名"),
        mention.author.followers or 0,
        "是" if mention.author.verified else "否",
        "是" if own.is_own(mention) else "否",
        mention.region or "",
        SENTIMENT_LABELS_ZH[mention.sentiment.label] if mention.sentiment else "",
        CATEGORY_LABELS_ZH[mention.category] if mention.category else "",
        urgency.level.label_zh if urgency else "",
        round(urgency.score) if urgency else "",
        mask_personal_data(reasons),
        mention.metrics.reposts,
        mention.metrics.comments,
        mention.metrics.likes,
        mask_personal_data(mention.title or ""),
        mask_personal_data(mention.text),
        mention.url or "",
    ]


def printable(value: object) -> object:
    """A cell value without the control characters a spreadsheet cannot hold."""
    return _UNPRINTABLE.sub("", value) if isinstance(value, str) else value


def is_formula_like(value: object) -> bool:
    """True for text a spreadsheet would run as a formula when opened or edited."""
    return isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS)


def csv_cell(value: object) -> object:
    """A CSV cell: post text starting like a formula gets a leading ' (shown as text)."""
    value = printable(value)
    return f"'{value}" if is_formula_like(value) else value


def to_csv(rows: list[list[object]]) -> bytes:
    """UTF-8 with BOM so Excel on Windows opens the Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows([csv_cell(value) for value in cells] for cells in rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[list[object]], sheet: str = "舆情明细") -> bytes:
    """One sheet with a frozen header row and readable column widths."""
    from openpyxl import Workbook  # only when someone exports: keeps the page load light
    from openpyxl.utils import get_column_letter

    book = Workbook()
    table = book.active
    assert table is not None
    table.title = sheet
    table.append(COLUMNS)
    for cells in rows:
        table.append([printable(value) for value in cells])
        for cell in table[table.max_row]:
            if is_formula_like(cell.value):  # text, also when someone edits the cell later
                cell.data_type, cell.quotePrefix = "s", True
    table.freeze_panes = "A2"
    for number, name in enumerate(COLUMNS, start=1):
        table.column_dimensions[get_column_letter(number)].width = 60 if name == "正文" else 14
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
