"""Online clustering of mentions into events, in memory (the tracker persists the result).

Evidence, strongest first: a repost of / reply to a member (LINK); the same text as a member
(COPY, the similarity group); salient terms and #topics# shared with an event active within the
window (TOPIC). A term's weight is its idf damped by how common it is among recent posts, so the
brand's everyday words ("外卖", "味道") cannot pull ordinary chatter into one giant event. A post
that matches two events about the same thing merges them; an event quiet for longer than the
window is closed, and later posts on the same topic start a new event (a split in time).
"""

from __future__ import annotations

from datetime import timedelta

from brand_events.answers import (
    ANSWER_SPAN,
    is_statement,
    names_answer,
    quotes,
    quotes_answer,
    remembered,
)
from brand_events.cluster import AnyCluster, Cluster, Decision, Post, is_visible
from brand_events.enums import JoinReason
from brand_events.features import background_damping, term_idf
from brand_events.join_thresholds import (
    BURST_SCORE,
    BURST_SHARE,
    BURST_SIZE,
    BURST_SPAN,
    JOIN_MASS,
    JOIN_SCORE,
    MERGE_SCORE,
    MERGE_SIMILARITY,
    POSTING_CAP,
    TOPIC_SPAN,
    WINDOW,
)
from brand_events.live_stories import LiveStories
from brand_events.outage import Told
from brand_events.projects import apart
from brand_events.retell import OUTSIDE_SAMPLE, WIDE_SHARE, retells

# Joins on the post's own words: the post counts as independent use of its terms. A reaction to
# a story in the news (REACTION) tells how people take it, not the story: it shapes neither the
# story's words nor its title.
INDEPENDENT = (JoinReason.TOPIC, JoinReason.OUTAGE, JoinReason.ANSWER)


class Clusterer(LiveStories):
    """Assigns posts one by one: a link or copy of a member, shared words with an active
    event, or the brand's statement on a bursting one; else the post starts a new event."""

    def __init__(self, window: timedelta = WINDOW) -> None:
        super().__init__(window)

    # assignment -------------------------------------------------------------------------
    def assign(self, post: Post) -> Decision:
        """Put the post into an event (new or existing) and return the decision."""
        decision = (
            self._linked(post)
            or self._by_topic(post)
            or self._statement(post)
            or self._outage(post)
            or self._reaction(post)
            or self._reacting(post)
            or self._witness(post)
            or self._headed(post)
        )
        if decision is None:
            return Decision(self._seed(post), JoinReason.SEED)
        cluster = decision.cluster = self._grown(decision.cluster)
        if post.own and cluster.first_author != post.author_name:
            # The brand answered someone's story (not its own promotion's follow-up): reactions
            # to its answer follow.
            cluster.answered_at = max(cluster.answered_at or post.published_at, post.published_at)
            if post.text:
                cluster.answers = remembered(cluster.answers, post.text)
        self._add(cluster, post, decision.reason in INDEPENDENT and not decision.echo)
        return decision

    def _linked(self, post: Post) -> Decision | None:
        for ref, reason in ((post.parent_id, JoinReason.LINK), (post.group_id, JoinReason.COPY)):
            if ref is None or ref == post.id or ref not in self.owner:
                continue
            cluster = self.resolve(self.owner[ref])
            if cluster is not None and reason == JoinReason.COPY and self._stale(cluster, post):
                continue  # the same text days later is a new occurrence; a repost is not
            if cluster is not None:
                decision = Decision(cluster, reason)
                self._merge_matches(post, decision, MERGE_SCORE)
                if reason == JoinReason.COPY:
                    self._retold(post, decision)
                return decision
        return None

    def _retold(self, post: Post, decision: Decision) -> None:
        """Merge a copy group into the bursting story it retells (`brand_events/retell.py`)."""
        side = decision.cluster
        # Only the large events holding one of its words (never a scan of every large event).
        # (each word's holders cut to the large ones first: a set intersection walks the
        # smaller set, and a common word's holders are many more than the large events)
        large, postings = self.large, self.postings
        held = set().union(*(large.intersection(postings.get(t, ())) for t in post.terms))
        stories = [self.clusters.get(i) for i in sorted(held)]
        at, live = post.published_at, self.live
        found = [
            story
            for story in stories
            if isinstance(story, Cluster)
            and story.merged_into is None
            and story.id != side.id
            and retells(
                post.terms,
                side,
                story,
                at,
                live,
                BURST_SHARE,
                term_idf,
                self._outside,
                post.grievance,
            )
            and not self.readings.apart(post, story)
            and not apart(side.projects, story.projects)
        ]
        if not found and self.readings.told(post) == Told.OUTAGE:
            outage = self._outage_story(post, side)
            found = [outage] if outage is not None else []
        if not found:
            reacted = self._reacted_story(post, side)
            found = [reacted] if reacted is not None else []
        if found:
            story = max(found, key=lambda c: (c.size, -c.first_at.timestamp()))
            self._fold(story, side)
            decision.cluster = story
            decision.merged.append(side)

    def _outside(self, term: str, story: Cluster) -> float:
        """A word's idf damped by its use in recent posts outside the story: a story's own
        posts do not make its words the brand's everyday words. Fewer than OUTSIDE_SAMPLE
        other posts tell nothing of what is everyday: all recent posts are counted then (300
        copies of 30 everyday takeaway texts are not 30 stories whose words are rare)."""
        total, df = self.total - story.independent, self.df[term] - story.used[term]
        if total < OUTSIDE_SAMPLE:
            total, df = self.total, self.df[term]
        return term_idf(term) * background_damping(total, max(0, df))

    def _outage(self, post: Post) -> Decision | None:
        """A post telling an outage joins the largest live outage story in its city
        (`brand_events/outage.py`): the same failure told in other words."""
        if self.readings.told(post) != Told.OUTAGE:
            return None
        story = self._outage_story(post)
        return Decision(story, JoinReason.OUTAGE) if story is not None else None

    def _reaction(self, post: Post) -> Decision | None:
        """A post speaking of the brand's answer (声明, 甩锅 …) or quoting its words joins the
        largest live story the brand posted in within ANSWER_SPAN (`brand_events/answers.py`);
        the brand's own post naming its answer (致歉信: 我们此前的情况说明不够坦诚) joins it
        while it is live."""
        text = post.text
        if not text:
            return None
        named = names_answer(text)
        if not named and not quotes(text):
            return None
        at = post.published_at
        span = self.live.span if post.own else ANSWER_SPAN

        def answered(story: Cluster) -> bool:
            return (
                story.answered_at is not None
                and timedelta(0) <= at - story.answered_at <= span
                and (named or quotes_answer(text, story.answers))
            )

        best = self._largest_live(at, None, answered)
        return Decision(best, JoinReason.ANSWER, echo=not named) if best is not None else None

    def _reacting(self, post: Post) -> Decision | None:
        """A post reacting to a live story (看了新闻想退车, its #topic#) joins the largest one
        (`brand_events/reactions.py`)."""
        story = self._reacted_story(post)
        return Decision(story, JoinReason.REACTION) if story is not None else None

    def _witness(self, post: Post) -> Decision | None:
        """The story's first author's update, or a grievance saying "me too", joins the largest
        live story (`brand_events/witnesses.py`)."""
        story = self._witnessed_story(post)
        return Decision(story, JoinReason.WITNESS) if story is not None else None

    def _by_topic(self, post: Post) -> Decision | None:
        scored = [(s, c) for s, c in self._candidates(post) if not self.readings.apart(post, c)]
        if not scored:
            return None
        best_score, best = scored[0]
        decision = Decision(best, JoinReason.TOPIC)
        self._merge_matches(post, decision, max(MERGE_SCORE, best_score * 0.8), scored[1:])
        return decision

    def _statement(self, post: Post) -> Decision | None:
        """A post by the brand's own account joins the largest live, bursting-sized event whose
        central word (used at least half as often as its top word) it uses: a statement answers
        the story people see in its own words ("高度重视", "专项小组") and rarely reposts it, so
        the share of its weight a customer's post needs is not asked."""
        if not post.own:
            return None
        holders = set().union(*(self.postings.get(term, ()) for term in post.terms))
        weights, at = self.weights(post.terms), post.published_at
        named = self.readings.named(post)
        best: tuple[int, float, AnyCluster] | None = None
        for cluster_id in sorted(holders):
            cluster = self.clusters.get(cluster_id)
            if (
                cluster is None
                or cluster.merged_into is not None
                or cluster.size < BURST_SIZE
                or apart(named, cluster.projects)  # its promotion of another 楼盘
            ):
                continue
            counts = cluster.used or cluster.terms
            peak = max(counts.values(), default=0)
            said = cluster.terms.most_common(1)[0][1] if cluster.terms else 0
            if (
                not self.live.holds(cluster, at)
                or at - cluster.first_at > self.window
                or not any(
                    counts.get(t, 0) >= peak * BURST_SHARE or cluster.terms[t] >= said * WIDE_SHARE
                    for t in post.terms
                )
            ):
                continue
            mass = cluster.support(weights, post.terms)
            if mass > 0 and (best is None or (cluster.size, mass) > best[:2]):
                best = (cluster.size, mass, cluster)
        return Decision(best[2], JoinReason.TOPIC) if best else None

    def _headed(self, post: Post) -> Decision | None:
        """The brand's post headed as a statement (关于网传…的情况说明：, 致…的道歉：) that
        nothing else placed answers the largest live story someone else started
        (`brand_events/answers.py`)."""
        if not post.own or not post.text or not is_statement(post.text):
            return None
        story = self._largest_live(
            post.published_at, None, lambda c: c.first_author != post.author_name
        )
        return Decision(story, JoinReason.TOPIC) if story is not None else None

    def _candidates(self, post: Post) -> list[tuple[float, AnyCluster]]:
        """Active events the post would join, best first."""
        seen: set[str] = set()
        paired: set[str] = set()  # holders of two shared words, or of one shared #topic#
        for term in post.terms:
            holders = self.postings.get(term)
            if holders and len(holders) <= POSTING_CAP:
                paired |= holders if term.startswith("#") else seen & holders
                seen |= holders
        # Set algebra in C instead of a count per hit: most hits share one word with a small
        # cluster (not bursting), which can never qualify.
        scored: list[tuple[float, AnyCluster]] = []
        weights: dict[str, float] = {}  # the post's term weights, once an event qualifies
        norm = 0.0
        clusters, at = self.clusters, post.published_at
        # `_bursting` and `_late` as bounds on the cluster's times, computed once per post
        # (the same comparisons: datetime arithmetic is exact), not two calls per hit.
        burst_from, last_from = at - BURST_SPAN, at - self.gap
        first_from, first_until = at - TOPIC_SPAN, at + self.window
        live_from = at - self.window  # a live story (≥ BURST_SIZE) takes posts all its day
        for cluster_id in paired | (seen & self.large) if seen else ():
            cluster = clusters.get(cluster_id)
            if cluster is None or cluster.merged_into is not None:
                continue
            single = cluster_id not in paired
            large = cluster.size >= BURST_SIZE
            if single and not large:
                continue  # one shared word, and too small to be bursting
            first = cluster.first_at
            burst = large and first >= burst_from
            if single and not burst:
                continue
            if cluster.last_at < last_from or first > first_until:
                continue  # `_late`
            if first < (live_from if large else first_from):
                continue  # `_late`, except for a live story (the next morning's media report)
            if not weights:
                weights = self.weights(post.terms)
                norm = sum(weights.values())
            mass = cluster.support(weights, post.terms, BURST_SHARE if burst else 1.0)
            floor = BURST_SCORE if burst else JOIN_SCORE
            if norm and mass >= JOIN_MASS and mass / norm >= floor:
                scored.append((mass / norm, cluster))
        # Ties go to the earlier event, then the smaller id: never a set's (hash) order.
        scored.sort(key=lambda pair: (-pair[0], pair[1].first_at, pair[1].id))
        return scored

    @staticmethod
    def _bursting(cluster: AnyCluster, post: Post) -> bool:
        """True when the event drew many independent posts and the post is in its first hours."""
        return cluster.size >= BURST_SIZE and post.published_at - cluster.first_at <= BURST_SPAN

    def _stale(self, cluster: AnyCluster, post: Post) -> bool:
        """True when a copy no longer joins the cluster: `_late`, unless the cluster is a
        story still live (a copy of it the next morning is still the story) or an event
        already listed that the text was said in within the window: the same voice said
        again that night after hours of quiet is not a second event under the same title
        (a copy group that never grew into a listed event still starts afresh)."""
        if not self._late(cluster, post):
            return False
        at = post.published_at
        if is_visible(cluster) and at - cluster.last_at <= self.window:
            return False
        return cluster.size < BURST_SIZE or not self.live.holds(cluster, at)

    def _late(self, cluster: AnyCluster, post: Post) -> bool:
        """True when shared words or text no longer tie the post to the cluster (time apart)."""
        return (
            post.published_at - cluster.last_at > self.gap
            or post.published_at - cluster.first_at > TOPIC_SPAN
            or cluster.first_at - post.published_at > self.window
        )

    def _merge_matches(
        self,
        post: Post,
        decision: Decision,
        floor: float,
        scored: list[tuple[float, AnyCluster]] | None = None,
    ) -> None:
        """Merge into decision.cluster the other events this post strongly matches too."""
        others = self._candidates(post) if scored is None else scored
        for score, listed in others:
            target = decision.cluster
            other = self.clusters.get(listed.id, listed)  # its current form (a seed may have grown)
            if (
                other.merged_into is not None  # folded earlier in this loop (e.g. the first target)
                or other.id == target.id  # (by id: the target may have grown out of its seed)
                or score < floor
                or self.readings.apart(post, other)
                or apart(target.projects, other.projects)
                or self.similarity(target, other) < MERGE_SIMILARITY
            ):
                continue
            keep, fold = (target, other) if target.size >= other.size else (other, target)
            keep = self._grown(keep)
            self._fold(keep, fold)
            decision.cluster = keep
            decision.merged.append(fold)
