"""What the collectors domain contributes: `sources` and `webhook` config, source state, CLI."""

from __future__ import annotations

import typer

from collectors.config import SOURCES, WEBHOOK
from core.domain import Domain


def _models() -> None:
    import collectors.state  # noqa: F401  (declares the source_state table)


def _commands(cli: typer.Typer) -> None:
    from collectors.cli import sources_app

    cli.add_typer(sources_app, name="sources")


DOMAIN = Domain(name="collectors", sections=(SOURCES, WEBHOOK), models=_models, commands=_commands)
