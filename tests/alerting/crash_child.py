"""A process the crash tests kill with SIGKILL at a chosen moment (not a test module).

`index DIR FILE`: index the mentions of FILE (JSON lines) without any listener, then kill
itself: the moment between the index commit and the alert commit.
`notify DIR URL`: send message A (answered at once), then message B (the receiver holds
its answer until the parent kills this process).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from alerting.notifications import Notification, notify
from core.models import Mention
from tests.alerting.conftest import MONDAY, make_ctx

NOON = MONDAY.replace(hour=12)


def hook(url: str) -> dict[str, object]:
    """The webhook notifier pointing at url."""
    return {"name": "hook", "type": "webhook", "options": {"endpoint": url}}


def main(argv: list[str]) -> None:
    """Run the chosen mode, then die by SIGKILL."""
    mode, data_dir, arg = argv
    if mode == "index":
        ctx = make_ctx(Path(data_dir), NOON)
        lines = Path(arg).read_text(encoding="utf-8").splitlines()
        ctx.pipeline.process([Mention.model_validate_json(line) for line in lines])
    else:
        ctx = make_ctx(Path(data_dir), NOON, notifiers=[hook(arg)])
        notify(ctx, Notification("A", "消息 A", "warning", alert_id=7))
        print("A sent", flush=True)
        notify(ctx, Notification("B", "消息 B", "critical", alert_id=8))
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main(sys.argv[1:])
