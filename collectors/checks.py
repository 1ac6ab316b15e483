"""Start-up checks of `sources:`: unknown types, duplicate names and bad options refuse `run`."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from collectors.config import SOURCES
from core.errors import YuqingError

if TYPE_CHECKING:
    from core.context import Context


def problems(ctx: Context) -> list[str]:
    """What is wrong with the configured sources (each line names the key and the fix)."""
    from collectors.registry import collector_class

    sources = SOURCES.of(ctx.config)
    found = [
        f"sources: 数据源名 {name!r} 重复 {count} 次；每个数据源用唯一的 name"
        for name, count in Counter(s.name for s in sources).items()
        if count > 1
    ]
    for source in sources:
        if not source.enabled:
            continue
        try:
            collector_class(source.type).from_config(source, ctx)
        except YuqingError as exc:
            for line in getattr(exc, "problems", None) or [str(exc)]:
                named = line.startswith(f"sources[{source.name}]")
                found.append(line if named else f"sources[{source.name}]：{line}")
    return found
