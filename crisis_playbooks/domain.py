"""What crisis_playbooks contributes: `cases` config, case tables, CLI, SLA and case checks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from core.domain import Domain
from crisis_playbooks.config import CASES

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

    from core.context import Context


def _models() -> None:
    import crisis_playbooks.models  # noqa: F401  (declares every case/playbook table)


def _commands(cli: typer.Typer) -> None:
    from crisis_playbooks.cli import case_app, playbook_app

    cli.add_typer(playbook_app, name="playbook")
    cli.add_typer(case_app, name="case")


def _jobs(scheduler: BaseScheduler, ctx: Context) -> None:
    from crisis_playbooks.scheduled import register_jobs

    register_jobs(scheduler, ctx)


DOMAIN = Domain(
    name="crisis_playbooks", sections=(CASES,), models=_models, commands=_commands, jobs=_jobs
)
