"""Large counts the way Chinese readers say them (35.6 万, 1.2 亿): one formatter everywhere."""

from __future__ import annotations


def followers_zh(followers: int) -> str:
    """A follower count the way Chinese readers say it: 35.6 万, 1.2 亿, 8,000."""
    for unit, size in (("亿", 100_000_000), ("万", 10_000)):
        if followers >= size:
            return f"{followers / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{followers:,}"
