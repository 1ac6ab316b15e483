"""What the sentiment domain contributes: the classifiers and `yuqing train|eval`."""

from __future__ import annotations

import typer

from core.domain import CliCommand, Domain
from sentiment.registry import register_classifiers


def _train() -> typer.Typer:
    from sentiment.cli import train_app

    return train_app


def _eval() -> typer.Typer:
    from sentiment.cli import eval_app

    return eval_app


DOMAIN = Domain(
    name="sentiment",
    register=register_classifiers,
    commands=(
        CliCommand("train", "训练情感与类别模型 (train models)", _train),
        CliCommand("eval", "在标注数据上评估模型 (evaluate models)", _eval),
    ),
)
