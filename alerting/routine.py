"""A mention's urgency level as alerting counts it: routine complaint-platform signals left out.

On 黑猫 every post is a complaint naming 投诉, 律师 or 12378: an urgent_mention rule's
`routine_channels` / `routine_signals` say which signals do not count there. The rule judges
its mentions with this, and every other place that counts 紧急 mentions (the 周报's 紧急提及)
asks the same question of the same rules, so a report never shows 133 紧急提及 where alerting
saw two crises.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from core.enums import Channel, Severity, UrgencySignal
from core.index.paging import walk
from core.index.protocol import MentionIndex, SearchQuery
from core.models import Mention


@dataclass(frozen=True)
class RoutineDiscount:
    """The signals that do not count towards the level on some channels (none: plain level)."""

    channels: frozenset[Channel] = frozenset()
    signals: frozenset[UrgencySignal] = frozenset()

    def level(self, mention: Mention) -> Severity:
        """The mention's level; on a routine channel from its other reasons only (a level
        staff set by hand, 人工校正, is their judgement and stands; one with no routine reason
        is as stored)."""
        urgency = mention.urgency
        if urgency is None:
            return Severity.LOW
        if mention.channel not in self.channels or "urgency" in mention.corrected:
            return urgency.level
        if not any(r.code in self.signals for r in urgency.reasons):
            return urgency.level  # nothing routine to leave out: the level as stored
        kept = sum(r.weight for r in urgency.reasons if r.code not in self.signals)
        return Severity.from_score(round(min(100.0, kept), 1))  # as the stored score


@dataclass(frozen=True)
class UrgencyJudge:
    """The levels alerting sees: a mention is as urgent as the least discounting of the
    deployment's urgent_mention rules counts it (no such rule: its stored level)."""

    discounts: tuple[RoutineDiscount, ...] = ()

    @classmethod
    def of(cls, discounts: Iterable[RoutineDiscount]) -> UrgencyJudge:
        """The judge of these rules' discounts."""
        return cls(tuple(discounts))

    def level(self, mention: Mention) -> Severity:
        """The highest level any rule gives the mention."""
        if not self.discounts:
            return RoutineDiscount().level(mention)
        return max((d.level(mention) for d in self.discounts), key=lambda s: s.rank)

    def routine_channels(self) -> list[Channel]:
        """Channels every rule discounts (elsewhere the stored level is what counts)."""
        if not self.discounts:
            return []
        common = frozenset.intersection(*(d.channels for d in self.discounts))
        return sorted(common)

    def count_at_least(self, index: MentionIndex, query: SearchQuery, level: Severity) -> int:
        """Mentions of the query at or above `level` as alerting counts them: the index's
        count, less those on routine channels the discount takes below it."""
        total = index.count(replace(query, min_urgency=level))
        channels = _within(self.routine_channels(), query.channels)
        if not total or not channels:
            return total
        routine = replace(query, channels=channels, min_urgency=level, limit=500)
        below = sum(1 for m in walk(index, routine) if self.level(m).rank < level.rank)
        return total - below


def _within(channels: list[Channel], asked: Sequence[Channel]) -> list[Channel]:
    return [c for c in channels if not asked or c in asked]
