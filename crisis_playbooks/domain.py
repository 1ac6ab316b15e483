"""What crisis_playbooks contributes: `cases` config, case tables, CLI, SLA and case checks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from core.domain import CliCommand, Domain
from crisis_playbooks.config import CASES

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

    from brand_events.links import LinkFinder
    from core.context import Context


def _models() -> None:
    import crisis_playbooks.models  # noqa: F401  (declares every case/playbook table)


def _playbook() -> typer.Typer:
    from crisis_playbooks.cli import playbook_app

    return playbook_app


def _case() -> typer.Typer:
    from crisis_playbooks.cli import case_app

    return case_app


def _jobs(scheduler: BaseScheduler, ctx: Context) -> None:
    from crisis_playbooks.scheduled import register_jobs

    register_jobs(scheduler, ctx)


def _register() -> None:
    from brand_events.links import EVENT_LINKS

    def load() -> LinkFinder:
        from crisis_playbooks.cases.event_links import cases_of_event

        return cases_of_event

    EVENT_LINKS.add_lazy("cases", load)


DOMAIN = Domain(
    name="crisis_playbooks",
    sections=(CASES,),
    models=_models,
    register=_register,
    commands=(
        CliCommand("playbook", "危机公关预案：校验与列表", _playbook),
        CliCommand("case", "客诉/危机案件：立案、状态、预案、补救", _case),
    ),
    jobs=_jobs,
)
