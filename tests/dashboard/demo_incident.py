"""The demo's scripted incident replayed into fresh stores (shared by the PR-day browser tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from collectors.demo.stream import incident_events
from core.context import Context
from tests.support.pages import write_config

CONFIG = """
brand: 鲜味坊
plans:
  - {id: xwf, name: 鲜味坊, expression: '鲜味坊'}
own_accounts:
  weibo: [鲜味坊官方]
"""
# What a user must never read: raw field names, English reasons, UTC stamps, dedup keys.
RAW = [
    "P(negative", "followers=", "reposts+comments", "verified", "win_back_tier",
    "apology_made", "proactive_contact_at", "去重键", "food_safety_health", "p=",
    "urgent_mention", "True", "False", "+00:00", "status:", "已通知层级",
]  # fmt: skip


@dataclass
class Stores:
    """The replayed stores: config, data dir, the food-safety alert's id, a store reader."""

    config: Path
    data: Path
    alert_id: int
    ctx: Context


def replay_incident(tmp_path: Path) -> Stores:
    """Replay the incident (started 15 minutes ago) with the alert rules; check what fired."""
    config = write_config(tmp_path, CONFIG)
    data, stream, fired = tmp_path / "var", tmp_path / "incident.jsonl", tmp_path / "fired.jsonl"
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=15)
    with stream.open("w", encoding="utf-8") as out:
        for event in incident_events(start):
            record = {"source": "demo", "native_id": event.key, "published_at": event.at}
            record |= {k: str(v) if k == "channel" else v for k, v in event.fields.items()}
            out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    subprocess.run(
        [sys.executable, "-m", "app", "replay", str(stream), "--alerts-out", str(fired),
         "--config", str(config), "--data-dir", str(data)],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    lines = [json.loads(line) for line in fired.read_text(encoding="utf-8").splitlines()]
    every = [f for f in lines if f["rule_type"] == "urgent_mention"]
    assert len({f["alert_id"] for f in every}) == 1, lines  # one alert; 大V joining are news
    urgent = [f for f in every if f["event"] == "opened"]
    assert len(urgent) == 1 and urgent[0]["key"] == "food_safety_health", lines
    assert urgent[0]["severity"] == "critical" and urgent[0]["event"] == "opened"
    assert any(f["rule_type"] == "own_post_reaction" for f in lines), "the own reply spikes"
    return Stores(config, data, urgent[0]["alert_id"], Context.load(config, data))
