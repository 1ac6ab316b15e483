"""What the reports domain contributes: `reports` config, `yuqing report`, scheduled reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from core.domain import Domain
from reports.config import REPORTS

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

    from core.context import Context


def _commands(cli: typer.Typer) -> None:
    from reports.cli import report_app

    cli.add_typer(report_app, name="report")


def _jobs(scheduler: BaseScheduler, ctx: Context) -> None:
    from reports.scheduled import register_jobs

    register_jobs(scheduler, ctx)


DOMAIN = Domain(name="reports", sections=(REPORTS,), commands=_commands, jobs=_jobs)
