"""Log lines of `yuqing` name their level in Chinese; other handlers still see the English name."""

from __future__ import annotations

import logging

from app.cli import ChineseLevelFormatter


def test_levels_read_in_chinese_and_the_record_is_left_alone() -> None:
    formatter = ChineseLevelFormatter("%(levelname)s %(name)s: %(message)s")
    record = logging.LogRecord(
        "yuqing.x", logging.WARNING, __file__, 1, "数据源 %s 超时", ("a",), None
    )
    assert formatter.format(record) == "警告 yuqing.x: 数据源 a 超时"
    assert record.levelname == "WARNING"
    record.levelno, record.levelname = 25, "Level 25"
    assert formatter.format(record).startswith("Level 25 ")
