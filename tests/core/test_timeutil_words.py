"""Durations in the words people read (logs, repairs, dashboard), never 0:00:30."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import pytest

from core.timeutil import duration_zh, interval_zh, parse_duration


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("30s", "30 秒"),
        ("5m", "5 分钟"),
        ("PT1H30M", "1 小时 30 分钟"),
        ("1d", "1 天"),
        ("0.5s", "0.5 秒"),
    ],
)
def test_intervals_read_in_units(text: str, words: str) -> None:
    assert interval_zh(parse_duration(text)) == words


def test_spans_read_in_at_most_two_units() -> None:
    assert duration_zh(timedelta(days=2, hours=3, minutes=4)) == "2 天 3 小时"
    assert duration_zh(timedelta(minutes=75)) == "1 小时 15 分"
    assert duration_zh(timedelta(minutes=35)) == "35 分钟"


def test_the_service_log_names_its_tick_in_words(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from alerting.scheduled import register_jobs
    from core.context import Context
    from tests.core.conftest import make_config

    class Scheduler:
        def add_job(self, *args: object, **kwargs: object) -> None: ...

    ctx = Context(config=make_config(alerting={"eval_interval": "30s"}), data_dir=tmp_path)
    try:
        with caplog.at_level(logging.INFO, logger="alerting.scheduled"):
            register_jobs(Scheduler(), ctx)
    finally:
        ctx.close()
    assert "每 30 秒检查一次" in caplog.text, caplog.text
