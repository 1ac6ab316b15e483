"""What the kernel contributes beside the domains: accounts, `index`/`user` CLI, retention."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from core.domain import CliCommand, Domain

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

    from core.context import Context


def _models() -> None:
    # Importing declares the tables: accounts, worker_leases (N workers share work), and the
    # dedup keys (author_copies, similarity_groups), the plans the store was tagged with.
    import core.accounts.models
    import core.leases
    import core.pipeline.dedup_tables
    import core.pipeline.plan_log  # noqa: F401


def _index() -> typer.Typer:
    from core.index.cli import app

    return app


def _user() -> typer.Typer:
    from core.accounts.cli import user_app

    return user_app


def _jobs(scheduler: BaseScheduler, ctx: Context) -> None:
    from core.retention import register_jobs

    register_jobs(scheduler, ctx)


KERNEL = Domain(
    name="core",
    models=_models,
    commands=(
        CliCommand("index", "搜索索引：初始化、迁移、统计、清理", _index),
        CliCommand("user", "控制台账号：添加、列表、改密、停用", _user),
    ),
    jobs=_jobs,
)
