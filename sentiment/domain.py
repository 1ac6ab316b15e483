"""What the sentiment domain contributes: classifiers, corrections, `yuqing train|eval|label`,
and the re-adaptation job."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from core.domain import CliCommand, Domain
from sentiment.registry import register_classifiers

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

    from core.context import Context


def _train() -> typer.Typer:
    from sentiment.cli import train_app

    return train_app


def _eval() -> typer.Typer:
    from sentiment.cli import eval_app

    return eval_app


def _label() -> typer.Typer:
    from sentiment.corrections.cli import label_app

    return label_app


def _models() -> None:
    import sentiment.corrections.models  # noqa: F401  (declares label_corrections)


def _jobs(scheduler: BaseScheduler, ctx: Context) -> None:
    from sentiment.adaptation.job import register_jobs

    register_jobs(scheduler, ctx)


DOMAIN = Domain(
    name="sentiment",
    register=register_classifiers,
    models=_models,
    commands=(
        CliCommand("train", "训练情感与类别模型", _train),
        CliCommand("eval", "在标注数据上评估模型", _eval),
        CliCommand("label", "人工校正提及的情感、是否投诉、类别、紧急程度", _label),
    ),
    jobs=_jobs,
)
