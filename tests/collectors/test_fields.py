"""Field formats: Chinese relative times, 万/亿 counts, search terms from plan expressions."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from collectors.fields import parse_count, parse_time
from collectors.keywords import search_terms
from collectors.mail_message import header_text

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)  # 17:30 local


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Mon Nov 23 17:20:00 +0800 2026", datetime(2026, 11, 23, 9, 20, tzinfo=UTC)),
        ("刚刚", NOW),
        ("5分钟前", datetime(2026, 11, 23, 9, 25, tzinfo=UTC)),
        ("半小时前", datetime(2026, 11, 23, 9, 0, tzinfo=UTC)),
        ("3 天前", datetime(2026, 11, 20, 9, 30, tzinfo=UTC)),
        ("今天 08:05", datetime(2026, 11, 23, 0, 5, tzinfo=UTC)),
        ("昨天 20:15", datetime(2026, 11, 22, 12, 15, tzinfo=UTC)),
        ("17:05", datetime(2026, 11, 23, 9, 5, tzinfo=UTC)),
        ("11-20", datetime(2026, 11, 19, 16, 0, tzinfo=UTC)),
        ("2026-1-2 12:34", datetime(2026, 1, 2, 4, 34, tzinfo=UTC)),
        ("发表于 2026-11-23 12:01", datetime(2026, 11, 23, 4, 1, tzinfo=UTC)),
        ("2026年11月23日 12:01", datetime(2026, 11, 23, 4, 1, tzinfo=UTC)),
        ("Mon, 23 Nov 2026 08:40:00 GMT", datetime(2026, 11, 23, 8, 40, tzinfo=UTC)),
        ("2026-11-23T16:30:00+08:00", datetime(2026, 11, 23, 8, 30, tzinfo=UTC)),
        ("1763886600", datetime(2025, 11, 23, 8, 30, tzinfo=UTC)),
        ("", None),
        ("置顶", None),
    ],
)
def test_parse_time(raw, expected):
    assert parse_time(raw, NOW, SHANGHAI) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (532, 532),
        ("12.3万", 123_000),
        ("1亿", 100_000_000),
        ("100万+", 1_000_000),
        ("1,024", 1024),
        ("", None),
        ("转发", None),
        (None, None),
    ],
)
def test_parse_count(raw, expected):
    assert parse_count(raw) == expected


def test_search_terms_from_plan_expressions():
    assert search_terms(["鲜味坊+外卖|XWF", "(鲜味坊 AND 退款)|!招聘|XWF"]) == [
        "鲜味坊 外卖",
        "XWF",
        "鲜味坊 退款",
    ]


def test_raw_8bit_gbk_header_is_decoded():
    raw = "投诉".encode("gbk").decode("ascii", "surrogateescape")
    assert header_text(raw) == "投诉"
    assert header_text("=?gb2312?B?" + "t6LGsQ==" + "?=") == "发票"
