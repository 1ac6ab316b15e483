"""The progress bar of the commands that walk stored mentions (reclassify, plans rematch)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


@contextmanager
def counted_bar(console: Console, description: str, total: int) -> Iterator[Callable[[int], None]]:
    """A bar of `total` mentions on the console (gone when done); yields "n more done"."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeRemainingColumn(), console=console, transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n: bar.advance(task, n)
