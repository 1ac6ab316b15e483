"""Listeners every pipeline gets: each domain's factory, registered by the app at start."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from core.registry import Registry

if TYPE_CHECKING:
    from core.context import Context
    from core.pipeline.pipeline import Listener

# factory(ctx) → the listener called with every batch of newly indexed mentions.
LISTENERS: Registry[Callable[[Context], Listener]] = Registry("流水线监听")
