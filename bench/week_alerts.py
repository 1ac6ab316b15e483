"""The crisis of each review week as alerts: how many alerts and alert groups, how many messages.

Each week (bench/*_week.py) is replayed (`alerting.replay.replay_stream`, as `yuqing replay`) with
the built-in rules and the configuration of bench/week_events.py. An alert is the crisis's when
one of its sample posts is an incident post (native ids `{prefix}9xxxxx`). Per week it prints the
crisis's alerts, alert groups and messages (notified lines), its 高危舆情 (urgent-mention) alerts
and messages with their titles, and the week's totals.

    python -m bench.week_alerts [phone appliance education auto airline telecom ...] [--keep DIR]
"""

from __future__ import annotations

import importlib
import io
import json
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from alerting.replay import replay_stream
from app.domains import install
from bench.week_events import WEEKS, Week, is_incident
from core.context import Context
from core.intake import read_records
from core.timeutil import SimulatedClock

URGENT = "urgent_mention"


def measure(name: str, week: Week, folder: Path, keep: Path | None = None) -> None:
    """Replay the week and print what its crisis raised (its alert lines kept in `keep`)."""
    path = folder / f"{name}.jsonl"
    importlib.import_module(week.module).main([str(path)])
    mentions = [r.mention for r in read_records(path, None) if r.mention is not None]
    crisis = {m.id for m in mentions if is_incident(m.native_id, week.prefix)}
    start = min(m.published_at for m in mentions)
    clock = SimulatedClock(start - timedelta(seconds=1))
    ctx = Context(config=week.config(), data_dir=folder / name, clock=clock)
    out = io.StringIO()
    replay_stream(ctx, mentions, out)
    ctx.close()
    if keep is not None:
        (keep / f"{name}-alerts.jsonl").write_text(out.getvalue(), encoding="utf-8")
    report(name, [json.loads(line) for line in out.getvalue().splitlines()], crisis)


def report(name: str, lines: list[dict[str, Any]], crisis: set[str]) -> None:
    """The week's line: the crisis's alerts, groups and messages, then each 高危舆情 alert of
    the crisis with its first and last title and its messages."""
    ours = [r for r in lines if crisis & set(r["sample_mention_ids"])]
    urgent = [r for r in ours if r["rule_type"] == URGENT]
    print(
        f"{name}: crisis {len({r['alert_id'] for r in ours})} alerts in "
        f"{len({r['incident_id'] for r in ours})} groups, {sum(r['notified'] for r in ours)} "
        f"messages; 高危舆情 {len({r['alert_id'] for r in urgent})} alerts, "
        f"{sum(r['notified'] for r in urgent)} messages; week "
        f"{len({r['alert_id'] for r in lines})} alerts in "
        f"{len({r['incident_id'] for r in lines})} groups, {sum(r['notified'] for r in lines)} "
        "messages"
    )
    by_alert: dict[int, list[dict[str, Any]]] = {}
    for r in urgent:
        by_alert.setdefault(r["alert_id"], []).append(r)
    for alert_id, seen in by_alert.items():
        first, last = seen[0], seen[-1]
        renamed = f" → {last['title']}" if last["title"] != first["title"] else ""
        print(
            f"  #{alert_id} group {first['incident_id']} {first['fired_at'][5:16]} "
            f"{sum(r['notified'] for r in seen)} msg: {first['title']}{renamed}"
        )


def main(argv: list[str]) -> int:
    """Measure the named weeks (phone and appliance by default); `--keep DIR` writes each
    week's alert lines to DIR/<week>-alerts.jsonl."""
    install()
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else None
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    asked = [a for a in argv if not a.startswith("--") and (keep is None or a != str(keep))]
    unknown = [a for a in asked if a not in WEEKS]
    if unknown:
        print(f"未知的周数据：{'、'.join(unknown)}（可选：{'、'.join(WEEKS)}）", file=sys.stderr)
        return 2
    names = asked or ["phone", "appliance"]
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            measure(name, WEEKS[name], Path(tmp), keep)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
