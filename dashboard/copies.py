"""Copies of one text by different authors (a similarity group) shown as one card with a count;
bare reposts of one post (转发微博) likewise.

The feed, 态势's pinned posts and its newest mentions all list mentions where a 黑猫 template
or a copied post is written by dozens of people: one card per group, with 另有 N 条 on it. During
a crisis most new mentions are bare reposts of a few posts: one card per original, which quotes it
(a card that says only 转发微博 tells nothing), with how many more reposts of it were read.
"""

from __future__ import annotations

from core.index.paging import by_ids
from core.models import Mention
from core.pipeline.dedup import group_sizes
from core.pipeline.plan_parents import parent_id
from core.pipeline.reposts import is_bare_repost
from dashboard.data import get_context


def card_key(mention: Mention) -> str | None:
    """What the mention's card stands for: its similarity group, the post a bare repost passes
    on, or None (a card of its own)."""
    if mention.group_id:
        return mention.group_id
    return f"repost:{parent}" if (parent := passed_on(mention)) else None


def passed_on(mention: Mention) -> str | None:
    """The id of the post a bare repost passes on (None for any other mention)."""
    return parent_id(mention) if is_bare_repost(mention) else None


def one_per_group(mentions: list[Mention]) -> list[Mention]:
    """The first (newest, or most urgent: the list's order) mention of each similarity group and
    of each original's bare reposts (other mentions stay)."""
    seen: set[str] = set()
    kept = []
    for mention in mentions:
        if key := card_key(mention):
            if key in seen:
                continue
            seen.add(key)
        kept.append(mention)
    return kept


def folded_reposts(read: list[Mention], shown: list[Mention]) -> dict[str, int]:
    """Per shown bare repost: how many other bare reposts of its original are among the
    mentions read for the list (one_per_group folded them into its card)."""
    counts: dict[str, int] = {}
    for mention in read:
        if (key := card_key(mention)) and key.startswith("repost:"):
            counts[key] = counts.get(key, 0) + 1
    return {
        m.id: counts[key] - 1
        for m in shown
        if (key := card_key(m)) and key.startswith("repost:") and counts.get(key, 0) > 1
    }


def originals_of(shown: list[Mention]) -> dict[str, Mention]:
    """Per shown bare repost: the stored post it passes on (reposts of unknown posts left out)."""
    wanted = {m.id: parent for m in shown if (parent := passed_on(m))}
    if not wanted:
        return {}
    found = by_ids(get_context().index, list(wanted.values()))
    return {rid: found[oid] for rid, oid in wanted.items() if oid in found}


def copies_of(shown: list[Mention]) -> dict[str, int]:
    """Per shown mention id: how many other mentions share its group (for 另有 N 条)."""
    with get_context().sessions() as session:
        sizes = group_sizes(session, [m.group_id for m in shown if m.group_id])
    return {m.id: sizes.get(m.group_id, 1) - 1 for m in shown if m.group_id}
