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


def test_times_are_written_in_the_deployment_zone_with_its_offset() -> None:
    from zoneinfo import ZoneInfo

    from app.logformat import log_in_timezone

    formatter = ChineseLevelFormatter("%(asctime)s %(message)s")
    record = logging.LogRecord("yuqing.x", logging.INFO, __file__, 1, "新增 1 条", (), None)
    record.created = 1_796_240_897.0  # 2026-12-02 19:48:17 UTC
    try:
        assert formatter.format(record) == "2026-12-03 03:48:17+0800 新增 1 条"  # Beijing time
        log_in_timezone(ZoneInfo("Europe/Berlin"))
        assert formatter.format(record) == "2026-12-02 20:48:17+0100 新增 1 条"
    finally:
        log_in_timezone(ZoneInfo("Asia/Shanghai"))
