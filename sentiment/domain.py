"""What the sentiment domain contributes: the classifiers and `yuqing train|eval`."""

from __future__ import annotations

import typer

from core.domain import Domain
from sentiment.registry import register_classifiers


def _commands(cli: typer.Typer) -> None:
    from sentiment.cli import eval_app, train_app

    cli.add_typer(train_app, name="train")
    cli.add_typer(eval_app, name="eval")


DOMAIN = Domain(name="sentiment", register=register_classifiers, commands=_commands)
