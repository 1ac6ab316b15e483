"""A repost or a reply that names no plan belongs to the plans of the post it answers.

「转发微博」 under a passenger's crisis video, or the airline's reply 「您好，关于行李延误的情况…」
under a complaint, names no brand, so no plan expression matches it. Beside a competitor plan
(role 竞品) the brand's reports, 舆情态势 and events count the brand's own plans only, and an
airline's week lost 373 of its 2,366 mentions that way. Such a mention takes its parent's plans
(in the same batch, or already indexed; same source), those whose channel and region filters it
passes; a parent without plans gives none. A chain of bare reposts follows to the first post
that has plans.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from core.index.paging import by_ids
from core.index.protocol import MentionIndex
from core.models import Mention, mention_id
from core.pipeline.plans import PlanMatcher


def parent_id(mention: Mention) -> str | None:
    """The id of the post a repost passes on or a reply answers (None for an original)."""
    parent = mention.repost_of or mention.reply_to
    return mention_id(mention.source, parent) if parent else None


def inherit_plans(
    mentions: Sequence[Mention],
    index: MentionIndex,
    matcher: PlanMatcher,
    settled: Mapping[str, Sequence[str]] | None = None,
) -> int:
    """Give every plan-less repost or reply its parent's plans (in place); how many got some.
    `settled`: parents whose plans are already decided (a rematch's earlier batches), read
    before the index."""
    orphans = [m for m in mentions if not m.plans and parent_id(m) is not None]
    if not orphans or not matcher.plans:
        return 0
    batch = {m.id: m for m in mentions}
    settled = settled or {}
    wanted = [p for m in orphans if (p := parent_id(m)) and p not in batch and p not in settled]
    stored = by_ids(index, wanted)
    resolving: set[str] = set()

    def plans_of(mention: Mention) -> list[str]:
        if mention.plans or mention.id in resolving:
            return list(mention.plans)
        parent = parent_id(mention)
        if parent is not None and parent in settled and parent not in batch:
            return matcher.allowed(mention, settled[parent])
        found = batch.get(parent) or stored.get(parent) if parent else None
        if found is None:
            return []
        resolving.add(mention.id)  # a cycle of replies ends here
        inherited = matcher.allowed(mention, plans_of(found))
        resolving.discard(mention.id)
        return inherited

    given = 0
    for mention in orphans:
        mention.plans = plans_of(mention)
        given += bool(mention.plans)
    return given
