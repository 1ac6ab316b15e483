"""What the kernel contributes beside the domains: accounts, `index`/`user` CLI, retention."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from core.domain import Domain

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

    from core.context import Context


def _models() -> None:
    import core.accounts.models  # noqa: F401  (declares the accounts table)


def _commands(cli: typer.Typer) -> None:
    from core.accounts.cli import user_app
    from core.index.cli import app as index_app

    cli.add_typer(index_app, name="index")
    cli.add_typer(user_app, name="user")


def _jobs(scheduler: BaseScheduler, ctx: Context) -> None:
    from core.retention import register_jobs

    register_jobs(scheduler, ctx)


KERNEL = Domain(name="core", models=_models, commands=_commands, jobs=_jobs)
