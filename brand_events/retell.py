"""Copies that retell a live story join it: one incident is one event, not six (or ten).

In a crisis, other customers copy-paste their own version of the story ("我也是！…催收天天给我爸妈
打电话…"): each version is repeated word for word by many people (a similarity group, so its
copies join one another by COPY), but shares only the story's central word with the first post
(催收), which a bank's customers use every day, so no single copy carries enough weight to join
the story by topic. The bank week split its 暴力催收 incident into the story (333 posts) and
four copy groups that began with it (17, 14, 9 and 6 posts).

A copy group is the story retold when the story is live (≥ BURST_SIZE posts, its last post
within the topic gap — still being talked about — and its first within the clusterer's window:
a story still growing the next morning is still the story), larger, the group began no earlier
than BURST_SPAN before it, the copy holds two of the story's words, and
- in the story's first BURST_SPAN (the group begun with it): one of them is central (used at
  least half as often as its top word) and rare: neither everyday language (jieba's idf ≥
  MIN_IDF) nor the brand's everyday word (its idf damped by how many recent posts outside the
  story use it ≥ MIN_WEIGHT: 催收 7.4 at the bank, in 6 % of its posts; 外卖 4.2 at the takeaway
  demo, in a quarter of them, where a copy-pasted delivery complaint must stay apart);
- at any time while it is live, counted over all its posts (a story that grows by copies and
  reposts has few independent ones): two rare words it says at least a quarter as often as its
  top word, or one the brand's other posts hardly say (damped idf ≥ MIN_IDF) and one it says
  half as often as its top word (精华 in a skincare brand's 精华 story: everyday, but what the
  story is about);
- at any time while it is live, when the group began after the story's first post and within
  its first BURST_SPAN, and one of the two is a word of that first post the brand's other posts
  hardly say (damped idf ≥ MIN_IDF): a passenger's version of one part of a long first post
  (晕倒的老人现在怎么样了 of the airline's tarmac story), whose copies go on after the burst
  while the story's top words are its repost notes (必须道歉, 心疼老人).
The story's own posts do not make its words everyday (the skincare week's 过敏 was in a tenth
of the recent posts only because the story was), once OUTSIDE_SAMPLE other posts say what is.
The group is then merged into the story (its id kept as a pointer, so alerts and cases that name
it follow). A copy group about something else during a crisis (a promotion, a leaking delivery
of the same 精华, a refund) shares no such words and stays apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from brand_events.cluster import AnyCluster, Cluster

MIN_IDF = 8.0  # jieba's idf: 催收 10.6, 蟑螂 9.9, 过敏 9.0; everyday 电话 6.4, 银行 4.7, 同样 5.4
MIN_WEIGHT = 6.0
MIN_SHARED = 2  # words the copy shares with the story, the central one included
VOICE_POSTS = 5  # posts of a crisis's voice (a routine copy-pasted complaint: 0–4 in a week)
# A voice's word the story holds keeps half its idf once damped by the brand's other recent posts
# (said by at most about one in seven of them): 解释, 学费, 关门; not 外卖 or a dish of the chatter.
VOICE_DAMPING = 0.5
WIDE_SHARE = 0.25
OUTSIDE_SAMPLE = 100  # independent posts outside the story before its words are judged by them


@dataclass(frozen=True, slots=True)
class Live:
    """How long a story stays live: `gap`, the longest silence; `span`, from its first post
    (`lead`: how much earlier than the story a copy group may have begun)."""

    gap: timedelta
    span: timedelta
    lead: timedelta

    def holds(self, story: AnyCluster, at: datetime) -> bool:
        """True when the story is still live at `at`."""
        return at - story.last_at <= self.gap and -self.span <= at - story.first_at <= self.span


def retells(
    terms: tuple[str, ...],
    side: AnyCluster,
    story: Cluster,
    at: datetime,
    live: Live,
    share: float,
    idf: Callable[[str], float],
    weight: Callable[[str, Cluster], float],
    grievance: bool = False,
) -> bool:
    """True when a copy (its terms; `grievance`: negative or a complaint) of the group `side`,
    posted at `at`, retells `story` or is one of its voices (`voices`) (`idf`: a word's idf;
    `weight`: its idf damped by its use in recent posts outside the story)."""
    if story.size <= side.size or not live.holds(story, at):
        return False  # gone quiet, or not the larger of the two
    if side.first_at < story.first_at - live.lead:
        return False  # an older text: its own story
    held = [t for t in terms if t in story.terms]
    seldom = [t for t in held if weight(t, story) >= idf(t) * VOICE_DAMPING]
    if grievance and seldom and voices(side, story, live):
        return True
    if len(held) < MIN_SHARED:
        return False

    def rare(term: str) -> bool:
        return idf(term) >= MIN_IDF and weight(term, story) >= MIN_WEIGHT

    def strong(term: str) -> bool:  # rare, and the brand's other posts hardly say it
        return idf(term) >= MIN_IDF and weight(term, story) >= MIN_IDF

    # In the story's first hours (bursting, the group begun with it): one central rare word.
    counts = story.used if story.independent else story.terms
    top = max(counts.values(), default=0)
    bursting = at - story.first_at <= live.lead and side.first_at - story.first_at <= live.lead
    if bursting and any(counts.get(t, 0) >= top * share and rare(t) for t in held):
        return True
    # A version begun after the story's first post, in its first hours (a passenger retelling
    # one part of a long first post: 晕倒的老人现在怎么样了), naming a rare word the story's own
    # posts say, keeps joining while the story is live: its copies go on after the burst.
    begun = timedelta(0) <= side.first_at - story.first_at <= live.lead
    if begun and any(t in story.opening and strong(t) for t in held):
        return True
    # Or, counted over all its posts (copies and repost comments included: a story that grew by
    # copies), two rare words it says at least a quarter as often as its top word; or one such
    # word the brand's other posts hardly say (its damped idf still ≥ MIN_IDF: 修护 11.2, where
    # a dish of the takeaway chatter weighs 6.2) and a word the story says half as often as its
    # top word (精华, the skincare brand's product: everyday, but what the story is about).
    said = story.terms.most_common(1)[0][1] if story.terms else 0
    wide = [t for t in held if story.terms[t] >= said * WIDE_SHARE]
    if sum(map(rare, wide)) >= 2:
        return True
    rarest = {t for t in wide if strong(t)}
    return any(t not in rarest and story.terms[t] >= said * share for t in wide) and bool(rarest)


def voices(side: AnyCluster, story: Cluster, live: Live) -> bool:
    """True when the copy group `side` may be one of the live `story`'s voices: a text many
    people paste, begun in the story's first hours, told in words of its own (the education
    week's parents: 班主任上周还说只是临时装修…今天桌椅都搬空了; the airline's other passengers:
    同一天…也在飞机上等了三个多小时，全程一句解释都没有), sharing one everyday word with the
    story at most. The group began after the story's first post and within its first
    `live.lead` (when the brand's posts surge) and has VOICE_POSTS posts (the brand's routine
    copy-pasted complaints gather fewer in a week); `retells` then asks that it complains and
    shares a word the brand's other posts seldom say (VOICE_DAMPING)."""
    begun = side.first_at - story.first_at
    return timedelta(0) < begun <= live.lead and side.size >= VOICE_POSTS
