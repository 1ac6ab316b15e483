"""Win-back tiers of service recovery."""

from __future__ import annotations

from enum import StrEnum

from core.enums import LabelChoice


class WinBackTier(StrEnum):
    """How much effort to win the customer back (DOMAIN.md: key / ordinary / small)."""

    KEY = "key"
    ORDINARY = "ordinary"
    SMALL = "small"

    @property
    def label_zh(self) -> str:
        """Chinese label for the UI."""
        return {
            "key": "重点客户：全力挽回",
            "ordinary": "普通客户：切实努力",
            "small": "小客户：灵活处理",
        }[self.value]


# --tier: a code, the full Chinese label, or its short name (重点客户 / 普通客户 / 小客户).
TIER_CHOICE = LabelChoice(
    {tier: tier.label_zh for tier in WinBackTier},
    aliases={
        "重点客户": WinBackTier.KEY,
        "重点": WinBackTier.KEY,
        "普通客户": WinBackTier.ORDINARY,
        "普通": WinBackTier.ORDINARY,
        "小客户": WinBackTier.SMALL,
    },
)
