"""What the collectors domain contributes: `sources` and `webhook` config, source state, CLI."""

from __future__ import annotations

import typer

from collectors.config import SOURCES, WEBHOOK
from core.domain import CliCommand, Domain


def _models() -> None:
    # Declare the source_state and ingest_runs tables.
    import collectors.ingest_runs
    import collectors.state  # noqa: F401


def _sources() -> typer.Typer:
    from collectors.cli import sources_app

    return sources_app


DOMAIN = Domain(
    name="collectors",
    sections=(SOURCES, WEBHOOK),
    models=_models,
    commands=(CliCommand("sources", "数据源：健康状态、立即采集、重置游标", _sources),),
)
