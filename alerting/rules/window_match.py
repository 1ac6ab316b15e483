"""What a rule filter matches in a window: counts and most urgent mentions, keyword
expressions served by the index's full-text search where that is exact (alerting.rules.keywords)
and checked on the text."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from alerting.rules.base import RuleFilter
from alerting.rules.keywords import candidates, required_words
from core.index.protocol import MentionIndex, SearchQuery, SortOrder
from core.models import Mention
from core.pipeline.expressions import Expression

KEYWORD_SCAN_LIMIT = 10_000


def count_matching(index: MentionIndex, flt: RuleFilter, since: datetime, until: datetime) -> int:
    """How many mentions pass the filter (keyword expressions are checked on the text)."""
    query = flt.query(since, until)
    if flt.expression is None:
        return index.count(query)
    return len(matching(index, flt, since, until, KEYWORD_SCAN_LIMIT))


def matching(
    index: MentionIndex, flt: RuleFilter, since: datetime, until: datetime, limit: int
) -> list[Mention]:
    """Mentions passing the filter, most urgent first, at most limit."""
    expression = flt.expression
    scan = KEYWORD_SCAN_LIMIT if expression else limit
    query = replace(flt.query(since, until), sort=SortOrder.URGENCY, limit=scan)
    if expression is None:
        return index.search(query).mentions
    # The filtered window does not depend on `limit`: count and samples share it in a tick.
    remember = getattr(index, "remember", None)
    if remember is None:
        return _expression_matches(index, query, expression)[:limit]
    found: list[Mention] = remember(
        ("matching", repr(query), flt.keywords),
        lambda: _expression_matches(index, query, expression),
    )
    return found[:limit]


def _expression_matches(
    index: MentionIndex, query: SearchQuery, expression: Expression
) -> list[Mention]:
    """Every mention of the query passing the keyword expression, in matching's order."""
    words = required_words(expression)
    # Full-text search cost grows with the whole index (SQLite), a scan with the window:
    # search only when the window is too big to read in full.
    if words and index.count(query) > KEYWORD_SCAN_LIMIT:
        found = candidates(index, query, words)
    else:
        found = index.search(query).mentions
    found = [m for m in found if expression.matches(m.full_text)]
    if words and len(words) > 1:
        found.sort(
            key=lambda m: (
                -(m.urgency.score if m.urgency else -1),
                -m.published_at.timestamp(),
                m.id,
            )
        )
    return found


def sample_ids(
    index: MentionIndex, flt: RuleFilter, since: datetime, until: datetime, size: int
) -> list[str]:
    """Ids of the most urgent, then most influential, matching mentions."""
    # Keyword filters read the whole window anyway; the same query hits the tick's memo.
    wanted = KEYWORD_SCAN_LIMIT if flt.expression else max(size * 4, 20)
    found = matching(index, flt, since, until, wanted)
    found.sort(
        key=lambda m: (-(m.urgency.score if m.urgency else 0), -(m.author.followers or 0), m.id)
    )
    return distinct_ids(found, size)


def distinct_ids(mentions: list[Mention], size: int) -> list[str]:
    """Ids of the first `size` mentions that say different things: one per similarity group
    (near copies: 离谱，… 真的，… of one text) or text — a message listed the same 维权群 post
    by five people as its five samples."""
    seen: set[str] = set()
    ids: list[str] = []
    for mention in mentions:
        key = mention.group_id or mention.full_text.strip()
        if key in seen:
            continue
        seen.add(key)
        ids.append(mention.id)
        if len(ids) == size:
            break
    return ids
