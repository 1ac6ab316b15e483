"""Alert rows for tests that store one directly: every required field, the test's own on top."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from alerting.models import Alert


def alert_row(at: datetime, **fields: Any) -> Alert:
    """An open 紧急 urgent-mention alert opened at `at`, with `fields` overriding."""
    values: dict[str, Any] = {
        "rule": "urgent-mention",
        "rule_type": "urgent_mention",
        "key": "*",
        "severity": "critical",
        "status": "open",
        "title": "高危舆情",
        "summary": "",
        "opened_at": at,
        "updated_at": at,
        "last_fired_at": at,
        "count": 1,
        "sample_mention_ids": [],
        "plans": [],
    }
    return Alert(**{**values, **fields})
