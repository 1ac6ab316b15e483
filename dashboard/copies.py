"""Copies of one text by different authors (a similarity group) shown as one card with a count.

The feed, 态势's pinned posts and its newest mentions all list mentions where a 黑猫 template
or a copied post is written by dozens of people: one card per group, with 另有 N 条 on it.
"""

from __future__ import annotations

from core.models import Mention
from core.pipeline.dedup import group_sizes
from dashboard.data import get_context


def one_per_group(mentions: list[Mention]) -> list[Mention]:
    """The first (newest, or most urgent: the list's order) mention of each similarity group
    (mentions without a group stay)."""
    seen: set[str] = set()
    kept = []
    for mention in mentions:
        if mention.group_id:
            if mention.group_id in seen:
                continue
            seen.add(mention.group_id)
        kept.append(mention)
    return kept


def copies_of(shown: list[Mention]) -> dict[str, int]:
    """Per shown mention id: how many other mentions share its group (for 另有 N 条)."""
    with get_context().sessions() as session:
        sizes = group_sizes(session, [m.group_id for m in shown if m.group_id])
    return {m.id: sizes.get(m.group_id, 1) - 1 for m in shown if m.group_id}
