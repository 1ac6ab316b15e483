"""The brand's own (official) accounts per platform: 官方 badges and the reaction-spike rule."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.config import CoreConfig
from core.enums import Channel
from core.models import Mention


@dataclass(frozen=True)
class OwnAccounts:
    """Account names per channel (top-level `own_accounts`) plus names valid on any channel."""

    by_channel: dict[Channel, frozenset[str]] = field(default_factory=dict)
    anywhere: frozenset[str] = frozenset()

    @classmethod
    def of(cls, config: CoreConfig) -> OwnAccounts:
        """Both config forms: `own_accounts: {weibo: [...]}` and each own plan's `own_accounts`
        (a competitor plan's official accounts are the competitor's, not the brand's)."""
        by_channel = {c: frozenset(names) for c, names in config.own_accounts.items()}
        anywhere = frozenset(
            n for plan in config.plans if not plan.competitor for n in plan.own_accounts
        )
        return cls(by_channel, anywhere)

    def __bool__(self) -> bool:
        return bool(self.anywhere) or any(self.by_channel.values())

    def names(self) -> set[str]:
        """Every configured account name."""
        return {n for names in self.by_channel.values() for n in names} | set(self.anywhere)

    def is_own(self, mention: Mention) -> bool:
        """True when the mention was posted by one of the brand's own accounts."""
        name = mention.author.name
        if not name:
            return False
        return name in self.anywhere or name in self.by_channel.get(mention.channel, frozenset())
