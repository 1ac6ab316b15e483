"""kill -9 probe: `python -m bench.crash_probe [KILLS]` — is any urgent alert lost or doubled?

A child process ingests 200 urgent mentions (one alert each) in small batches with the
at-ingest rules listening; it is killed with SIGKILL at a random moment, KILLS times, and
restarted each time on the same data dir (the retry re-sends everything: duplicates). At the
end one more engine tick runs. Printed: urgent mentions indexed, alerts, lost and doubled.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

MENTIONS = 200
BATCH = 5


def _ctx(data_dir: Path):  # type: ignore[no-untyped-def]
    from app.config import AppConfig
    from bench.synthetic import PassThroughClassifier
    from core.context import Context

    ctx = Context(config=AppConfig.model_validate({"brand": "鲜味坊"}), data_dir=data_dir)
    ctx.__dict__["classifier"] = PassThroughClassifier()
    return ctx


def _engine(ctx):  # type: ignore[no-untyped-def]
    from alerting.engine import AlertEngine
    from alerting.loader import parse_rule

    spec = {"name": "urgent", "type": "urgent_mention", "group_by": "mention"}
    return AlertEngine(ctx, [parse_rule(spec, "probe")], send=False)


def _mentions():  # type: ignore[no-untyped-def]
    from bench.synthetic import make_mention
    from core.enums import Category, Severity

    now = datetime.now(UTC)
    return [
        make_mention(
            f"u{n}",
            now - timedelta(minutes=5),
            f"吃了鲜味坊外卖食物中毒第{n}例，已报警",
            category=Category.FOOD_SAFETY_HEALTH,
            urgency=Severity.CRITICAL,
        )
        for n in range(MENTIONS)
    ]


def child(data_dir: Path) -> None:
    """Ingest every mention in small batches with the at-ingest rules listening."""
    ctx = _ctx(data_dir)
    ctx.pipeline.add_listener(_engine(ctx).listen)
    mentions = _mentions()
    for start in range(0, len(mentions), BATCH):
        ctx.pipeline.process(mentions[start : start + BATCH])
    ctx.close()


def main(kills: int) -> None:
    """Kill the child `kills` times, finish, and count."""
    from alerting import service
    from alerting.models import CheckedMention
    from core.index.protocol import SearchQuery

    with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as tmp:
        data_dir = Path(tmp)
        command = [sys.executable, "-m", "bench.crash_probe", "child", str(data_dir)]
        rng = random.Random(18)
        killed = 0
        for _ in range(kills):
            process = subprocess.Popen(command)
            time.sleep(rng.uniform(1.5, 6.0))  # imports take ~1.5 s; the rest is ingest
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                killed += 1
            process.wait()
        subprocess.run(command, check=True)  # the last retry runs to the end
        ctx = _ctx(data_dir)
        _engine(ctx).tick()
        ctx.index.refresh()
        indexed = ctx.index.count(SearchQuery())
        with ctx.sessions() as session:
            alerts = service.get_all(session)
            checked = session.query(CheckedMention).count()
        keys = [a.key for a in alerts]
        counts = [a.count for a in alerts]
        ctx.close()
    print("| kills | urgent mentions indexed | alerts | lost | doubled (count > 1) | judged |")
    print("|---|---|---|---|---|---|")
    doubled = sum(1 for c in counts if c > 1) + len(keys) - len(set(keys))
    print(f"| {killed} | {indexed} | {len(alerts)} | {indexed - len(set(keys))} | {doubled} "
          f"| {checked} |")  # fmt: skip


if __name__ == "__main__":
    if sys.argv[1:2] == ["child"]:
        child(Path(sys.argv[2]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
