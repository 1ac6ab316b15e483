"""What the alerting domain contributes: `alerting` config, alert tables, CLI, evaluation job."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

from alerting.config import ALERTING
from core.domain import CliCommand, Domain

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

    from brand_events.links import LinkFinder
    from core.context import Context


def _models() -> None:
    import alerting.models  # noqa: F401  (declares the alert tables)


def _alerts() -> typer.Typer:
    from alerting.cli import alerts_app

    return alerts_app


def _replay() -> Callable[..., None]:
    from alerting.cli import replay

    return replay


def _jobs(scheduler: BaseScheduler, ctx: Context) -> None:
    from alerting.scheduled import register_jobs

    register_jobs(scheduler, ctx)


def _register() -> None:
    from brand_events.links import EVENT_LINKS

    def load() -> LinkFinder:
        from alerting.event_links import alerts_of_event

        return alerts_of_event

    EVENT_LINKS.add_lazy("alerts", load)


DOMAIN = Domain(
    name="alerting",
    sections=(ALERTING,),
    models=_models,
    register=_register,
    commands=(
        CliCommand("alerts", "预警：查看、确认、解决，校验规则文件", _alerts),
        CliCommand("replay", "按模拟时钟回放数据流，输出触发的预警", _replay),
    ),
    jobs=_jobs,
)
