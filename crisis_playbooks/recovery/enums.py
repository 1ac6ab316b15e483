"""Win-back tiers of service recovery."""

from __future__ import annotations

from enum import StrEnum


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
