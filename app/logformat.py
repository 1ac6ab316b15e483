"""The log line format: level names in Chinese, times in the deployment's zone with offset."""

from __future__ import annotations

import logging
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

LEVELS_ZH = {
    "DEBUG": "调试",
    "INFO": "信息",
    "WARNING": "警告",
    "ERROR": "错误",
    "CRITICAL": "严重",
}


class ChineseLevelFormatter(logging.Formatter):
    """Log lines with the level in Chinese (信息/警告/错误) and the time in the deployment's
    zone with its offset (Beijing time until the configuration is read); the record itself is
    left as is."""

    tz: tzinfo = ZoneInfo("Asia/Shanghai")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        moment = datetime.fromtimestamp(record.created, self.tz)
        return moment.strftime(datefmt or "%Y-%m-%d %H:%M:%S%z")

    def formatMessage(self, record: logging.LogRecord) -> str:
        english = record.levelname
        record.levelname = LEVELS_ZH.get(english, english)
        try:
            return super().formatMessage(record)
        finally:
            record.levelname = english


def log_in_timezone(tz: tzinfo) -> None:
    """Write the log's times in this zone (the configuration's `timezone`) from now on."""
    ChineseLevelFormatter.tz = tz
