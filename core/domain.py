"""What a domain package contributes to the product, declared once in its own `domain.py`.

The app lists every domain once (`app/domains.py`) and installs them at start: config
sections, registry entries (classifiers, rules, notifiers, collectors), workflow tables,
CLI sub-commands and scheduled jobs. The kernel only defines the shape.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

    from core.config_sections import Section
    from core.context import Context
    from core.models import Mention


@dataclass(frozen=True)
class CliCommand:
    """A `yuqing` sub-command, loaded only when run: `load` returns a typer.Typer or a function.

    `help` is shown by `yuqing --help` without importing the command's module.
    """

    name: str
    help: str
    load: Callable[[], Any]


@dataclass(frozen=True)
class Domain:
    """One domain's contributions; every hook is optional and imports its code only when called."""

    name: str
    sections: tuple[Section[Any], ...] = ()
    register: Callable[[], None] | None = None
    models: Callable[[], None] | None = None
    commands: tuple[CliCommand, ...] = ()
    jobs: Callable[[BaseScheduler, Context], None] | None = None
    # factory(ctx) → a listener every ingest pipeline calls with its newly indexed mentions
    listener: Callable[[Context], Callable[[list[Mention]], None]] | None = None
