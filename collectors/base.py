"""The Collector contract: a source yields batches of mentions, each with the cursor after it.

The runner indexes a batch first and persists its cursor second, so a crash between the
two re-collects the batch (deduplicated by id) instead of losing it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ClassVar

from core.errors import YuqingError
from core.models import Mention

if TYPE_CHECKING:
    from collectors.config import SourceConfig
    from core.context import Context


@dataclass
class Batch:
    """Mentions collected together and the cursor to store once they are indexed."""

    mentions: list[Mention]
    cursor: str | None
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    # What this batch could not deliver (Chinese reasons): a 4xx comment page, a skipped item.
    losses: list[str] = field(default_factory=list)


@dataclass
class CollectRequest:
    """What the runner tells a collector: where it stopped last time and the back-fill horizon."""

    cursor: str | None
    backfill_since: datetime
    now: datetime


DEFAULT_COOLDOWN = timedelta(minutes=30)  # after a block, unless options.block_cooldown says


class SourceBlocked(YuqingError):
    """The site is blocking us (403/418, captcha, login wall, empty-but-200): cool down."""

    def __init__(self, reason: str, cooldown: timedelta | None = None) -> None:
        super().__init__(reason)
        self.cooldown = cooldown


class SourceFailed(YuqingError):
    """The source failed in a way that may pass (5xx, timeouts, malformed pages)."""


class Collector(ABC):
    """One configured source. Subclasses parse options in from_config and yield batches."""

    type_name: ClassVar[str]

    def __init__(self, source: SourceConfig, ctx: Context) -> None:
        self.source = source
        self.ctx = ctx

    @classmethod
    def from_config(cls, source: SourceConfig, ctx: Context) -> Collector:
        """Build from `sources[i]`; raise ConfigError naming the missing/invalid option."""
        return cls(source, ctx)

    @abstractmethod
    def collect(self, request: CollectRequest) -> Iterator[Batch]:
        """Yield batches in order; each batch's cursor must cover everything before it."""
