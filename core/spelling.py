"""How people spell a stored keyword: the index keeps Latin letters lower-case (X5 and x5 are one
keyword), while a report or a chart should show 曜石X5's model as X5."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_LATIN = re.compile(r"[a-z]")


def needs_spelling(keyword: str) -> bool:
    """Whether the stored form may differ from the written one (it has lower-case Latin letters)."""
    return bool(_LATIN.search(keyword))


def spelled(keyword: str, texts: Iterable[str]) -> str:
    """The keyword as these texts most often spell it (ties to the first seen); the keyword
    itself when none of them has it."""
    if not needs_spelling(keyword):
        return keyword
    pattern = re.compile(re.escape(keyword), re.IGNORECASE)
    forms = Counter(found for text in texts for found in pattern.findall(text))
    return forms.most_common(1)[0][0] if forms else keyword
