"""Event quality: does the incident's event hold the incident's posts, and only them?

Demo: 7 days of the demo's background (40 per hour) and its scripted incident, through the
real pipeline (classification, dedup, events). Replay: the synthetic streams of
brand_events.synthetic (chatter, a promotion, a Weibo-like incident cascade). For each stream:
coverage (incident posts in the incident's event / incident posts), purity (incident posts in
the event / the event's size), visible events, and background posts in the incident's event.
"""

from __future__ import annotations

import statistics
import tempfile
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from app.config import AppConfig
from brand_events import service
from brand_events.listing import read_events
from brand_events.synthetic import build_stream
from collectors.demo.stream import background_events, incident_events
from core.context import Context
from core.models import Mention

BATCH = 500
DEMO_SEEDS = (7, 8, 9)
REPLAY_SEEDS = (1, 2, 3)
ANCHOR = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)  # a Monday, noon in Shanghai
PLAN = {"id": "xwf", "name": "鲜味坊", "expression": "鲜味坊", "own_accounts": ["鲜味坊官方"]}


def demo_stream(seed: int) -> tuple[list[Mention], set[str]]:
    """The demo collector's 7 days of history and its incident (2 minutes after the anchor)."""
    tz = ZoneInfo("Asia/Shanghai")
    start, end = ANCHOR - timedelta(days=7), ANCHOR + timedelta(hours=6)
    events = list(background_events(start, end, "鲜味坊", 40, seed, tz))
    incident = list(incident_events(ANCHOR + timedelta(minutes=2)))
    mentions = []
    for event in sorted([*events, *incident], key=lambda e: (e.at, e.key)):
        fields = dict(event.fields)
        fields["author"] = {"id": fields["author"]["name"], **fields["author"]}
        mentions.append(
            Mention(source="demo", native_id=event.key, published_at=event.at, **fields)
        )
    return mentions, {e.key for e in incident}


def measure(mentions: list[Mention], incident: set[str], folder: Path) -> dict[str, float]:
    """Coverage, purity, visible events and strays of the incident's event after ingest."""
    config = AppConfig.model_validate({"brand": "鲜味坊", "plans": [PLAN]})
    ctx = Context(config=config, data_dir=folder)
    for offset in range(0, len(mentions), BATCH):
        ctx.pipeline.process(mentions[offset : offset + BATCH])
    with ctx.sessions() as session:
        visible = read_events(session)
        owners: dict[str, set[str]] = {
            e.id: {m.native_id for m in service.members(session, event_id=e.id)} for e in visible
        }
    ctx.close()
    hits = Counter({e: len(members & incident) for e, members in owners.items()})
    best, held = hits.most_common(1)[0] if hits else ("", 0)
    size = len(owners.get(best, ()))
    return {
        "coverage": held / len(incident),
        "purity": held / size if size else 0.0,
        "held": held,
        "incident": len(incident),
        "strays": size - held,
        "events": len(visible),
    }


def _line(name: str, rows: list[dict[str, float]]) -> str:
    def stat(key: str) -> str:
        values = [r[key] for r in rows]
        spread = statistics.pstdev(values) if len(values) > 1 else 0.0
        return f"{statistics.mean(values):.3f} ± {spread:.3f}"

    held = " / ".join(f"{r['held']:.0f}/{r['incident']:.0f}" for r in rows)
    strays = " / ".join(f"{r['strays']:.0f}" for r in rows)
    events = " / ".join(f"{r['events']:.0f}" for r in rows)
    return (
        f"{name:8} coverage {stat('coverage')}  purity {stat('purity')}  "
        f"held {held}  strays {strays}  visible events {events}"
    )


def main() -> None:
    """Print coverage and purity of the incident's event on the demo and the replay streams."""
    with tempfile.TemporaryDirectory() as tmp:
        demo = []
        for seed in DEMO_SEEDS:
            mentions, incident = demo_stream(seed)
            demo.append(measure(mentions, incident, Path(tmp) / f"demo{seed}"))
        print(_line("demo", demo), flush=True)
        replay = []
        for seed in REPLAY_SEEDS:
            stream = build_stream(seed=seed)
            replay.append(measure(stream.mentions, stream.incident, Path(tmp) / f"replay{seed}"))
        print(_line("replay", replay), flush=True)
