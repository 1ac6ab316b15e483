"""What the collectors domain contributes: `sources` and `webhook` config, source state, CLI."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from collectors.config import SOURCES, WEBHOOK
from core.domain import CliCommand, Domain

if TYPE_CHECKING:
    from collectors.lag_store import LagRecorder
    from core.context import Context


def _models() -> None:
    # Declare the source_state, source_lag and ingest_runs tables.
    import collectors.ingest_runs
    import collectors.lag_store
    import collectors.state  # noqa: F401


def _sources() -> typer.Typer:
    from collectors.cli import sources_app

    return sources_app


def _lag_recorder(ctx: Context) -> LagRecorder:
    from collectors.lag_store import recorder

    return recorder(ctx)


DOMAIN = Domain(
    name="collectors",
    sections=(SOURCES, WEBHOOK),
    models=_models,
    listener=_lag_recorder,  # each source's collection lag (collectors.lag)
    commands=(CliCommand("sources", "数据源：健康状态、立即采集、重置游标", _sources),),
)
