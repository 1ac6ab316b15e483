"""What the events domain contributes: event tables, `yuqing events`, the ingest listener."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

from core.domain import CliCommand, Domain

if TYPE_CHECKING:
    from core.context import Context
    from core.models import Mention


def _models() -> None:
    import brand_events.models  # noqa: F401  (declares the event tables)


def _events() -> typer.Typer:
    from brand_events.cli import events_app

    return events_app


def _listener(ctx: Context) -> Callable[[list[Mention]], None]:
    from brand_events.tracker import tracker_listener

    return tracker_listener(ctx)


DOMAIN = Domain(
    name="events",
    models=_models,
    commands=(CliCommand("events", "事件：相似舆情聚合成的事件、首发、时间线与传播路径", _events),),
    listener=_listener,
)
