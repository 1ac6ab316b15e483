"""The urgent-mention summary and the notification speak of followers as the reasons do (万/亿)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from alerting.loader import parse_rule
from alerting.rules import RuleContext
from alerting.templates import sample_line
from bench.synthetic import burst
from core.index.sqlite import SQLiteMentionIndex
from core.numbers_zh import followers_zh

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def test_summary_prints_followers_in_wan(tmp_path: Path) -> None:
    kol = burst(NOW - timedelta(minutes=5), size=0)[0]
    kol = kol.model_copy(update={"author": kol.author.model_copy(update={"followers": 1_260_000})})
    rule = parse_rule({"name": "urgent", "type": "urgent_mention", "min_urgency": "critical"}, "t")
    index = SQLiteMentionIndex(tmp_path / "m.db")
    (finding,) = rule.on_mentions([kol], RuleContext(index=index, tz=UTC, now=NOW))
    index.close()
    assert "粉丝 126 万" in finding.summary and "1,260,000" not in finding.summary
    assert "粉丝 126 万" in sample_line(kol)


def test_one_formatter_for_every_size() -> None:
    assert followers_zh(1_260_000) == "126 万"
    assert followers_zh(356_000) == "35.6 万"
    assert followers_zh(9_999) == "9,999"
    assert followers_zh(210_000_000) == "2.1 亿"
