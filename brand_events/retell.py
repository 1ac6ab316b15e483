"""Copies that retell a bursting story join it: one incident is one event, not six.

In a crisis, other customers copy-paste their own version of the story ("我也是！…催收天天给我爸妈
打电话…"): each version is repeated word for word by many people (a similarity group, so its
copies join one another by COPY), but shares only the story's central word with the first post
(催收), which a bank's customers use every day, so no single copy carries enough weight to join
the story by topic. The bank week split its 暴力催收 incident into the story (333 posts) and
four copy groups that began with it (17, 14, 9 and 6 posts).

A copy group is the story retold when it began within the story's first hours, the story is
bursting (≥ BURST_SIZE posts, within BURST_SPAN of its first post) and larger, and the copy uses
the story's central word (used at least half as often as its top word), a word that is neither
everyday language (jieba's idf ≥ MIN_IDF) nor the brand's everyday word (its idf damped by how
many recent posts use it ≥ MIN_WEIGHT: 催收 7.4 at the bank, in 6 % of its posts; 外卖 4.2 at
the takeaway demo, in a quarter of them, where a copy-pasted delivery complaint during the
incident must stay apart), plus one more word the story holds. The group is then
merged into the story (its id kept as a pointer, so alerts and cases that name it follow).
A copy group about something else during a crisis (a promotion, praise of a dish) shares no
central word of the story and stays apart.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from brand_events.cluster import AnyCluster, Cluster

MIN_IDF = 8.0  # jieba's idf: 催收 10.6, 蟑螂 9.9; everyday 电话 6.4, 银行 4.7, 同样 5.4
MIN_WEIGHT = 6.0
MIN_SHARED = 2  # words the copy shares with the story, the central one included


def retells(
    terms: tuple[str, ...],
    side: AnyCluster,
    story: Cluster,
    at: datetime,
    span: timedelta,
    share: float,
    idf: Callable[[str], float],
    weight: Callable[[str], float],
) -> bool:
    """True when a copy (its terms) of the group `side`, posted at `at`, retells `story`
    (`idf`: a word's idf; `weight`: its idf damped by its use in recent posts)."""
    if story.size <= side.size or at - story.first_at > span:
        return False  # not bursting any more, or not the larger of the two
    if abs(side.first_at - story.first_at) > span:
        return False  # an older (or much later) text: its own story
    held = [t for t in terms if t in story.terms]
    if len(held) < MIN_SHARED:
        return False
    counts = story.used if story.independent else story.terms
    top = max(counts.values(), default=0)
    return any(
        counts.get(t, 0) >= top * share and idf(t) >= MIN_IDF and weight(t) >= MIN_WEIGHT
        for t in held
    )
