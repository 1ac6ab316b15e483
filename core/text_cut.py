"""Cutting a text to a width for a list, a card or a message: the one rule for the "…"."""

from __future__ import annotations

ELLIPSIS = "…"


def shorten(text: str, width: int) -> str:
    """text when it fits in width characters, else its start and "…" in exactly width."""
    if width < 1:
        raise ValueError(f"shorten: width must be at least 1, not {width}")
    return text if len(text) <= width else text[: width - 1] + ELLIPSIS
