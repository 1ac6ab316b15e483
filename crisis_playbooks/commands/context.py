"""The opening steps every case command shares: load the app context, fix "now", report errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from core.context import Context
from crisis_playbooks.commands.common import parse_now, reported


@contextmanager
def command_context(
    config: Path | None, data_dir: Path, now: str | None, *, existing: bool = False
) -> Iterator[tuple[Context, datetime]]:
    """Yield the loaded context and --now; a YuqingError in the block prints one line, exit 2.
    `existing`: a command that only reads refuses a data dir without the stores."""
    with reported():
        ctx = Context.load(config, data_dir, existing=existing)
        yield ctx, parse_now(now, ctx.config.tz, ctx.clock())
