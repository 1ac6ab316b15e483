"""What the reports domain contributes: `reports` config, `yuqing report`, scheduled reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from core.domain import CliCommand, Domain
from reports.config import REPORTS

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

    from core.context import Context


def _report() -> typer.Typer:
    from reports.cli import report_app

    return report_app


def _jobs(scheduler: BaseScheduler, ctx: Context) -> None:
    from reports.scheduled import register_jobs

    register_jobs(scheduler, ctx)


DOMAIN = Domain(
    name="reports",
    sections=(REPORTS,),
    commands=(CliCommand("report", "舆情报告：日报 / 周报 / 月报", _report),),
    jobs=_jobs,
)
