"""The crisis of each review week as events: how many events hold its posts, how pure they are.

Each week (bench/*_week.py) is written to a temporary folder and ingested through the real
pipeline (classification, dedup, events) with the brand, its plan, its own account and, where the
week has one, a competitor plan, as a PR manager would configure them. For the incident (native
ids `{prefix}9xxxxx`) it prints every visible event holding its posts: size, incident posts,
others (strays: posts of other stories joined), title; then the incident posts in no visible
event and the week's visible events.

    python -m bench.week_events [telecom airline auto bank cosmetics phone education appliance
                                 courier ride estate game gym]
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from app.config import AppConfig
from brand_events import service
from brand_events.listing import read_events
from core.config import CoreConfig
from core.context import Context
from core.intake import read_records

BATCH = 500


@dataclass(frozen=True)
class Week:
    """How a week is generated and how its brand is configured."""

    module: str
    prefix: str
    brand: str
    expression: str
    own: str
    rival: str = ""

    def config(self) -> CoreConfig:
        """The yuqing.yaml a PR manager would write for this week."""
        plans: list[dict[str, object]] = [
            {
                "id": "own",
                "name": self.brand,
                "expression": self.expression,
                "own_accounts": [self.own],
            }
        ]
        if self.rival:
            plans.append(
                {"id": "rival", "name": self.rival, "expression": self.rival, "role": "竞品"}
            )
        return AppConfig.model_validate(
            {"brand": self.brand, "plans": plans, "own_accounts": {"weibo": [self.own]}}
        )


WEEKS = {
    "telecom": Week(
        "bench.telecom_week", "xl", "星联移动", "星联|星联移动", "星联移动", "远讯通信"
    ),
    "airline": Week(
        "bench.airline_week", "dw", "东方之翼航空", "东方之翼|DW8853", "东方之翼航空", "云海航空"
    ),
    "auto": Week("bench.auto_week", "cy", "驰远汽车", "驰远|驰远汽车", "驰远汽车"),
    "bank": Week("bench.bank_week", "bk", "招财银行", "招财银行|招财", "招财银行信用卡"),
    "cosmetics": Week("bench.cosmetics_week", "hy", "花颜", "花颜", "花颜官方旗舰店"),
    "phone": Week("bench.phone_week", "ys", "曜石手机", "曜石|曜石X5", "曜石手机", "澜星手机"),
    "education": Week(
        "bench.school_week", "qm", "启明教育", "启明|启明教育", "启明教育", "博思教育"
    ),
    "appliance": Week(
        "bench.appliance_week", "lt", "澜庭电器", "澜庭|澜庭S7", "澜庭电器", "朗润电器"
    ),
    "courier": Week(
        "bench.courier_week", "xd", "迅达快递", "迅达|迅达快递", "迅达快递", "顺途速运"
    ),
    "ride": Week("bench.ride_week", "cx", "畅行出行", "畅行|畅行出行", "畅行出行", "快马打车"),
    "estate": Week("bench.estate_week", "aj", "安居地产", "安居|安居地产", "安居地产", "华府置业"),
    "game": Week("bench.game_week", "xy", "星游互娱", "星游|星游互娱", "星游互娱", "幻境网络"),
    "gym": Week("bench.gym_week", "yd", "悦动健身", "悦动|悦颜美容", "悦动健身", "力享健身"),
}


def is_incident(native_id: str, prefix: str) -> bool:
    """True for the week's incident posts (week_kit.week_main's numbering)."""
    return native_id.startswith(f"{prefix}9") and len(native_id) == len(prefix) + 6


def measure(name: str, week: Week, folder: Path) -> None:
    """Ingest the week and print its incident's events."""
    import importlib

    path = folder / f"{name}.jsonl"
    importlib.import_module(week.module).main([str(path)])
    mentions = [r.mention for r in read_records(path, None) if r.mention is not None]
    incident = {m.native_id for m in mentions if is_incident(m.native_id, week.prefix)}
    ctx = Context(config=week.config(), data_dir=folder / name)
    for offset in range(0, len(mentions), BATCH):
        ctx.pipeline.process(mentions[offset : offset + BATCH])
    with ctx.sessions() as session:
        visible = read_events(session)
        members = {
            e.id: {m.native_id for m in service.members(session, event_id=e.id)} for e in visible
        }
        titles = {e.id: e.title for e in visible}
    ctx.close()
    held = Counter({e: len(ids & incident) for e, ids in members.items() if ids & incident})
    placed = set().union(*(members[e] & incident for e in held)) if held else set()
    strays = sum(len(members[e]) - n for e, n in held.items())
    print(
        f"{name}: {len(incident)} incident posts in {len(held)} events "
        f"({sum(held.values())} held, {strays} strays, {len(incident - placed)} in none); "
        f"{len(visible)} visible events"
    )
    for event_id, n in held.most_common():
        print(f"  {len(members[event_id]):4} posts, {n:4} incident  {titles[event_id]}")


def main(argv: list[str]) -> int:
    """Measure the named weeks (all by default)."""
    names = argv or list(WEEKS)
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            measure(name, WEEKS[name], Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
