"""Demo-like stores for the cockpit: a week of background chatter with IP属地, then the incident."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from collectors.demo.stream import background_events, incident_events
from tests.dashboard.demo_incident import CONFIG as CONFIG  # the demo brand (bench reads it)

# Rough weights of where posts come from (the busiest provinces first).
REGIONS = {
    "广东": 14, "上海": 10, "北京": 9, "浙江": 8, "江苏": 8, "四川": 6, "山东": 5, "湖北": 5,
    "河南": 4, "福建": 4, "湖南": 3, "重庆": 3, "陕西": 2, "天津": 2, "辽宁": 2, "安徽": 2,
    "河北": 2, "广西": 1, "云南": 1, "江西": 1, "黑龙江": 1, "山西": 1, "吉林": 1, "贵州": 1,
    "新疆": 1, "海南": 1, "甘肃": 1, "内蒙古": 1,
}  # fmt: skip


def write_stream(path: Path, incident_start: datetime, days: float, rate_per_hour: float) -> int:
    """Background mentions for `days` before the incident, then the incident; returns lines."""
    tz = ZoneInfo("Asia/Shanghai")
    names, weights = list(REGIONS), list(REGIONS.values())
    start = incident_start - timedelta(days=days)
    events = list(background_events(start, incident_start, "鲜味坊", rate_per_hour, 7, tz))
    events += list(incident_events(incident_start))
    with path.open("w", encoding="utf-8") as out:
        for event in events:
            rng = random.Random(event.key)
            record = {"source": "demo", "native_id": event.key, "published_at": event.at}
            record |= {k: str(v) if k == "channel" else v for k, v in event.fields.items()}
            if event.key.startswith("i") or rng.random() < 0.8:
                record["region"] = rng.choices(names, weights)[0]
            out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    return len(events)


def replay(config: Path, data: Path, stream: Path, fired: Path) -> list[dict[str, object]]:
    """`yuqing replay` the stream into the stores; returns the alert events it fired."""
    subprocess.run(
        [sys.executable, "-m", "app", "replay", str(stream), "--alerts-out", str(fired),
         "--config", str(config), "--data-dir", str(data)],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return [json.loads(line) for line in fired.read_text(encoding="utf-8").splitlines()]
