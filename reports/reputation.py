"""The reputation index (口碑指数): 0–100 from net sentiment weighted by urgency.

Every classified mention counts +1 (positive), 0 (neutral) or −1 (negative), weighted by
its urgency level — low 1, medium 2, high 4, critical 8; mentions without an urgency
score weigh 1. The weighted mean lies in [−1, 1] and is mapped onto 0–100:

    index = 50 × (1 + Σ wᵢ·sᵢ / Σ wᵢ)

50 means positive and negative voices balance; below 40 negative, dangerous voices
dominate; above 60 the conversation is mostly favourable. Unclassified mentions are
ignored; with no classified mention there is no index (None).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from alerting.routine import UrgencyJudge
from core.enums import SentimentLabel, Severity
from core.index import MentionIndex, SearchQuery
from core.index.paging import walk

URGENCY_WEIGHTS: dict[Severity | None, int] = {
    None: 1,
    Severity.LOW: 1,
    Severity.MEDIUM: 2,
    Severity.HIGH: 4,
    Severity.CRITICAL: 8,
}
SENTIMENT_SIGNS = {
    SentimentLabel.POSITIVE: 1,
    SentimentLabel.NEUTRAL: 0,
    SentimentLabel.NEGATIVE: -1,
}
_LEVELS = [Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL]


@dataclass(frozen=True)
class SentimentUrgencyCounts:
    """Mention counts per (sentiment, urgency level or None)."""

    counts: dict[tuple[SentimentLabel, Severity | None], int]

    def total(self, sentiment: SentimentLabel) -> int:
        """All mentions with this sentiment."""
        return sum(n for (label, _), n in self.counts.items() if label == sentiment)


def count_matrix(
    index: MentionIndex, query: SearchQuery, judge: UrgencyJudge | None = None
) -> SentimentUrgencyCounts:
    """Count mentions per sentiment and urgency with `min_urgency` differences (protocol only);
    with a judge, a routine complaint's level as alerting counts it (alerting/routine.py: a
    黑猫 post naming 律师 weighs as its other reasons do, as in 紧急提及)."""
    counts: dict[tuple[SentimentLabel, Severity | None], int] = {}
    for sentiment in SentimentLabel:
        base = replace(query, sentiments=[sentiment])
        at_least = [index.count(base)] + [
            index.count(replace(base, min_urgency=level)) for level in _LEVELS
        ]
        counts[(sentiment, None)] = at_least[0] - at_least[1]
        for i, level in enumerate(_LEVELS):
            following = at_least[i + 2] if i + 2 < len(at_least) else 0
            counts[(sentiment, level)] = at_least[i + 1] - following
    if judge is not None:
        _discount(index, query, judge, counts)
    return SentimentUrgencyCounts(counts)


def _discount(
    index: MentionIndex,
    query: SearchQuery,
    judge: UrgencyJudge,
    counts: dict[tuple[SentimentLabel, Severity | None], int],
) -> None:
    """Move the routine-channel mentions the judge rates lower than stored to their level
    (only those above low can be lowered: those are read, a page at a time)."""
    channels = [c for c in judge.routine_channels() if not query.channels or c in query.channels]
    if not channels:
        return
    routine = replace(query, channels=channels, min_urgency=Severity.MEDIUM, limit=500)
    for mention in walk(index, routine):
        label, urgency = mention.sentiment, mention.urgency
        if label is None or urgency is None or (level := judge.level(mention)) == urgency.level:
            continue
        counts[(label.label, urgency.level)] -= 1
        counts[(label.label, level)] += 1


def reputation_index(matrix: SentimentUrgencyCounts) -> float | None:
    """The 0–100 index of the module docstring, rounded to 0.1; None without data."""
    weight_sum = 0
    signed_sum = 0
    for (sentiment, level), count in matrix.counts.items():
        weight = URGENCY_WEIGHTS[level] * count
        weight_sum += weight
        signed_sum += SENTIMENT_SIGNS[sentiment] * weight
    if weight_sum == 0:
        return None
    return round(50.0 * (1.0 + signed_sum / weight_sum), 1)
