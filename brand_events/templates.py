"""Titles that are templates, not stories: one title over texts that never speak of it.

An e-mail subject such as 关于鲜味坊订单的反馈, or a forum's fixed thread title, is shared by
posts that have nothing else in common. Its words joined those posts into one event in the
first hours of a back-filled history: the routine-word damping (term_runs.py) needs a word in
RECURRING_HOURS distinct hours before it sees the routine, and 54 unrelated e-mails had formed
the demo's largest event by then. A title seen over TEMPLATE_TEXTS different texts that share
no two-character piece of it (the brand's names left out) is a template: from then on its
posts are clustered by their text alone. A headline whose texts tell its story (鲜味坊酸菜鱼里
吃出蟑螂 over texts about 酸菜鱼 and 蟑螂) never becomes one. Fewer than MIN_SIZE (cluster.py)
posts share a title before it is known, so a template alone never makes a visible event.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from core.models import Mention

TEMPLATE_TEXTS = 3
OPENING = 40  # characters of a text that tell two texts apart
LIMIT = 200_000  # titles remembered (bounded: a title is forgotten with all others)
_CJK_RUN = re.compile(r"[\u3400-\u9fff]{2,}")


class TitleTemplates:
    """The titles seen so far, each with the openings of its unrelated texts until it is a
    template; `strip` takes the brand's names out of a title."""

    def __init__(self, strip: Callable[[str], str]) -> None:
        self.strip = strip
        self.texts: dict[str, set[str] | None] = {}  # None: a template

    def clustering_texts(self, mentions: Sequence[Mention]) -> list[str]:
        """What the clusterer reads of each mention, in order: the title and the text, or the
        text alone once the title is a template."""
        return [self._read(mention) for mention in mentions]

    def _read(self, mention: Mention) -> str:
        if not mention.title:
            return mention.text
        key = mention.title.strip().casefold()
        unrelated = self.texts.get(key, set())
        if unrelated is None:
            return mention.text
        if not _speaks_of(self.strip(key), mention.text.casefold()):
            unrelated.add(mention.text[:OPENING])
        if len(unrelated) >= TEMPLATE_TEXTS:
            self.texts[key] = None
            return mention.text
        if len(self.texts) >= LIMIT:
            self.texts.clear()
        self.texts[key] = unrelated
        return mention.full_text


def _speaks_of(title: str, text: str) -> bool:
    """Whether the text holds a two-character piece of the title's Chinese."""
    return any(
        run[i : i + 2] in text for run in _CJK_RUN.findall(title) for i in range(len(run) - 1)
    )
