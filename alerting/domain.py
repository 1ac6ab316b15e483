"""What the alerting domain contributes: `alerting` config, alert tables, CLI, evaluation job."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from alerting.config import ALERTING
from core.domain import Domain

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

    from core.context import Context


def _models() -> None:
    import alerting.models  # noqa: F401  (declares the alert tables)


def _commands(cli: typer.Typer) -> None:
    from alerting.cli import alerts_app, replay

    cli.add_typer(alerts_app, name="alerts")
    cli.command("replay")(replay)


def _jobs(scheduler: BaseScheduler, ctx: Context) -> None:
    from alerting.scheduled import register_jobs

    register_jobs(scheduler, ctx)


DOMAIN = Domain(
    name="alerting", sections=(ALERTING,), models=_models, commands=_commands, jobs=_jobs
)
