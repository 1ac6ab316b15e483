"""Search terms from monitoring-plan expressions ('鲜味坊+外卖|XWF' → ['鲜味坊 外卖', 'XWF'])."""

from __future__ import annotations

import re
from collections.abc import Iterable

_AND = re.compile(r"\s*(?:\+|\bAND\b|&)\s*")
_NOISE = re.compile(r"[()（）\"“”]")


def search_terms(expressions: Iterable[str]) -> list[str]:
    """One search per OR alternative, AND words joined by spaces, exclusions (!word) dropped."""
    terms: list[str] = []
    for expression in expressions:
        for alternative in _NOISE.sub(" ", expression).replace("｜", "|").split("|"):
            words = [
                w.strip()
                for w in _AND.split(alternative)
                if w.strip() and not w.strip().startswith(("!", "-"))
            ]
            term = " ".join(words)
            if term and term not in terms:
                terms.append(term)
    return terms
