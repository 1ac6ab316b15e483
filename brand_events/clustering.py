"""Online clustering of mentions into events, in memory (the tracker persists the result).

Evidence, strongest first: a repost of / reply to a member (LINK); the same text as a member
(COPY, the similarity group); salient terms and #topics# shared with an event active within the
window (TOPIC). A term's weight is its idf damped by how common it is among recent posts, so the
brand's everyday words ("外卖", "味道") cannot pull ordinary chatter into one giant event. A post
that matches two events about the same thing merges them; an event quiet for longer than the
window is closed, and later posts on the same topic start a new event (a split in time).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta

from brand_events.cluster import MAX_AUTHORS, MAX_EXEMPLARS, AnyCluster, Cluster, Decision, Post
from brand_events.enums import JoinReason
from brand_events.features import background_damping, damped_idf, term_idf
from brand_events.retell import OUTSIDE_SAMPLE, WIDE_SHARE, Live, retells
from brand_events.seed import Seed
from brand_events.term_runs import TermRuns

WINDOW = timedelta(hours=24)
# Posts join an event on shared words only in its first hours: what is still being said days
# later without a repost/copy link is a recurring theme (or a new event), not this event.
TOPIC_SPAN = timedelta(hours=12)
TOPIC_GAP = timedelta(hours=6)  # and only while it is still being talked about
JOIN_SCORE = 0.34  # share of the post's term weight the event supports
JOIN_MASS = 9.0  # and at least this much absolute support (about one rare and one fair term)
# A bursting event (many posts in its first hours) takes posts on fewer but rarer shared words:
# in a crisis, independent complaints and media reports each tell it in their own words.
BURST_SIZE = 10  # posts (reposts too) within BURST_SPAN of its first post
BURST_SPAN = timedelta(hours=2)
BURST_SCORE = 0.15
BURST_SHARE = 0.5  # and counts a word used half as often as its top word as central
MERGE_SCORE = 0.5
MERGE_SIMILARITY = 0.15  # profiles must overlap a little: the post alone is the main evidence
POSTING_CAP = 64  # a term in more active events than this is chatter: not used to find candidates


class Clusterer:
    """Assigns posts one by one; state is the active events, their terms and member owners."""

    def __init__(self, window: timedelta = WINDOW) -> None:
        self.window = window
        self.gap = min(window, TOPIC_GAP)  # longest silence a topic join bridges
        # A story a copy group retells or the brand's statement answers: still being talked
        # about, and begun within the window (`brand_events/retell.py`).
        self.live = Live(self.gap, window, BURST_SPAN)
        self.clusters: dict[str, AnyCluster] = {}
        self.postings: dict[str, set[str]] = {}
        self.df: Counter[str] = Counter()
        self.total = 0
        self.owner: dict[str, str] = {}  # mention id → cluster id
        # Mentions owned by a cluster other than its own first post, so expiry drops their
        # owner entries without scanning the whole map.
        self.others: dict[str, list[str]] = {}
        # (last_at, cluster id), one per change of a cluster's last_at: expiry pops the quiet
        # ones instead of scanning every cluster (stale entries are skipped on the way).
        self.quiet: list[tuple[datetime, str]] = []
        self.runs = TermRuns()  # words used hour after hour weigh less
        # Ids of clusters that may have reached BURST_SIZE (a superset: checked again when used),
        # so the candidate search skips the many one-word hits of small clusters in one pass.
        self.large: set[str] = set()

    # state ------------------------------------------------------------------------------
    def adopt(self, cluster: Cluster, members: list[str]) -> None:
        """Load an event (and its member ids) persisted earlier."""
        self.clusters[cluster.id] = cluster
        if cluster.size >= BURST_SIZE:
            self.large.add(cluster.id)
        heapq.heappush(self.quiet, (cluster.last_at, cluster.id))
        for term in cluster.terms:
            self.postings.setdefault(term, set()).add(cluster.id)
        self.df.update(cluster.used)
        self.total += cluster.independent
        for member in members:
            self.own(member, cluster.id)

    def own(self, mention_id: str, cluster_id: str) -> None:
        """Record that a mention belongs to a cluster (by the id it had then)."""
        self.owner[mention_id] = cluster_id
        if mention_id != cluster_id:
            self.others.setdefault(cluster_id, []).append(mention_id)

    def resolve(self, cluster_id: str) -> AnyCluster | None:
        """The live cluster an id now stands for (following merges)."""
        cluster = self.clusters.get(cluster_id)
        while cluster is not None and cluster.merged_into is not None:
            cluster = self.clusters.get(cluster.merged_into)
        return cluster

    def expire(self, horizon: datetime) -> list[AnyCluster]:
        """Forget events quiet since before horizon − window; returns them."""
        cutoff = horizon - self.window * 2
        gone: list[AnyCluster] = []
        while self.quiet and self.quiet[0][0] < cutoff:
            cluster = self.clusters.get(heapq.heappop(self.quiet)[1])
            if cluster is not None and cluster.last_at < cutoff:
                self._forget(cluster)
                gone.append(cluster)
        return gone

    def _forget(self, cluster: AnyCluster) -> None:
        del self.clusters[cluster.id]
        self.large.discard(cluster.id)
        self._disown(cluster.id)
        if cluster.merged_into is not None:
            return
        # Each term's use leaves df and the cluster leaves its posting (one pass: expiry
        # forgets a cluster for every post that started one, most of them one-post seeds).
        counts: Iterable[tuple[str, int]]
        if isinstance(cluster, Seed):
            counts = dict.fromkeys(cluster.words, 1).items()  # its terms, each used once
        else:
            used = cluster.used
            counts = [(term, used.get(term, 0)) for term in cluster.terms]
        df, postings, cluster_id = self.df, self.postings, cluster.id
        for term, count in counts:
            left = df[term] - count
            if left > 0:
                df[term] = left
            else:
                df.pop(term, None)
            holders = postings.get(term)
            if holders is not None:
                holders.discard(cluster_id)
                if not holders:
                    del postings[term]
        self.total -= cluster.independent

    def _disown(self, cluster_id: str) -> None:
        """Drop the owner entries that still name this cluster."""
        if self.owner.get(cluster_id) == cluster_id:
            del self.owner[cluster_id]
        for mention in self.others.pop(cluster_id, ()):
            if self.owner.get(mention) == cluster_id:
                del self.owner[mention]

    # assignment -------------------------------------------------------------------------
    def assign(self, post: Post) -> Decision:
        """Put the post into an event (new or existing) and return the decision."""
        decision = self._linked(post) or self._by_topic(post) or self._statement(post)
        if decision is None:
            return Decision(self._seed(post), JoinReason.SEED)
        cluster = decision.cluster = self._grown(decision.cluster)
        self._add(cluster, post, decision.reason == JoinReason.TOPIC)
        return decision

    def _seed(self, post: Post) -> Seed:
        """A new one-post event, in its compact form."""
        seed = Seed(
            post.id,
            post.published_at,
            post.terms,
            post.author,
            post.author_name,
            post.source,
            post.native_id,
            post.text[:200] if post.text else "",
        )
        self.clusters[seed.id] = seed
        heapq.heappush(self.quiet, (seed.first_at, seed.id))
        self._count(seed.id, post, True)
        return seed

    def _grown(self, cluster: AnyCluster) -> Cluster:
        """The full form of a cluster about to change (it replaces the seed in the state)."""
        if isinstance(cluster, Cluster):
            return cluster
        grown = Cluster(
            id=cluster.id,
            first_at=cluster.first_at,
            last_at=cluster.first_at,
            first_id=cluster.id,
            first_source=cluster.first_source,
            first_native_id=cluster.first_native_id,
            first_author=cluster.first_author,
            size=1,
            terms=cluster.terms,
            used=cluster.used,
            independent=1,
            authors=cluster.authors,
            author_count=1,
            hourly=cluster.hourly,
            exemplars=cluster.exemplars,
            merged_into=cluster.merged_into,
        )
        if self.clusters.get(cluster.id) is cluster:
            self.clusters[cluster.id] = grown
        return grown

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
        held = set().union(*(self.postings.get(t, ()) for t in post.terms)) & self.large
        stories = [self.clusters.get(i) for i in sorted(held)]
        at, live = post.published_at, self.live
        found = [
            story
            for story in stories
            if isinstance(story, Cluster)
            and story.merged_into is None
            and story.id != side.id
            and retells(post.terms, side, story, at, live, BURST_SHARE, term_idf, self._outside)
        ]
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

    def _by_topic(self, post: Post) -> Decision | None:
        scored = self._candidates(post)
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
        weights = self.weights(post.terms)
        best: tuple[int, float, AnyCluster] | None = None
        for cluster_id in sorted(holders):
            cluster = self.clusters.get(cluster_id)
            if cluster is None or cluster.merged_into is not None or cluster.size < BURST_SIZE:
                continue
            counts = cluster.used or cluster.terms
            peak = max(counts.values(), default=0)
            said = cluster.terms.most_common(1)[0][1] if cluster.terms else 0
            if not self.live.holds(cluster, post.published_at) or not any(
                counts.get(t, 0) >= peak * BURST_SHARE or cluster.terms[t] >= said * WIDE_SHARE
                for t in post.terms
            ):
                continue
            mass = cluster.support(weights, post.terms)
            if mass > 0 and (best is None or (cluster.size, mass) > best[:2]):
                best = (cluster.size, mass, cluster)
        return Decision(best[2], JoinReason.TOPIC) if best else None

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
            if cluster.last_at < last_from or first < first_from or first > first_until:
                continue  # `_late`
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
        story still live (a copy of it the next morning is still the story)."""
        if not self._late(cluster, post):
            return False
        return cluster.size < BURST_SIZE or not self.live.holds(cluster, post.published_at)

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
                or self.similarity(target, other) < MERGE_SIMILARITY
            ):
                continue
            keep, fold = (target, other) if target.size >= other.size else (other, target)
            keep = self._grown(keep)
            self._fold(keep, fold)
            decision.cluster = keep
            decision.merged.append(fold)

    def weight(self, term: str) -> float:
        """idf damped by how many recent posts use the term, and again if used hour after hour."""
        weight = term_idf(term) * background_damping(self.total, self.df.get(term, 0))
        return self.runs.weight(term, weight)

    def weights(self, terms: Iterable[str]) -> dict[str, float]:
        """`weight` of each term, in the terms' order."""
        return self.runs.damp(damped_idf(terms, self.total, self.df))

    def similarity(self, a: AnyCluster, b: AnyCluster) -> float:
        """Weighted cosine of two events' term profiles."""
        shared = set(a.terms) & set(b.terms)
        if not shared:
            return 0.0

        def vec(c: AnyCluster) -> dict[str, float]:
            top = c.terms.most_common(40)
            weights = self.weights([t for t, _ in top])
            return {t: weights[t] * n for t, n in top}

        va, vb = vec(a), vec(b)
        dot = sum(v * vb.get(t, 0.0) for t, v in va.items() if t in shared)  # (va's order)
        na = math.sqrt(sum(v * v for v in va.values()))
        nb = math.sqrt(sum(v * v for v in vb.values()))
        return dot / (na * nb) if na and nb else 0.0

    def _fold(self, keep: Cluster, fold: AnyCluster) -> None:
        """Merge fold into keep (fold stays as a pointer so its old id still resolves)."""
        for term in fold.terms:
            holders = self.postings.get(term)
            if holders is not None:
                holders.discard(fold.id)
                holders.add(keep.id)
        if keep.absorb(fold):
            heapq.heappush(self.quiet, (keep.last_at, keep.id))
        if keep.size >= BURST_SIZE:
            self.large.add(keep.id)
        fold.merged_into = keep.id

    def _add(self, cluster: Cluster, post: Post, independent: bool) -> None:
        """Count the post in the cluster; only independent posts count as background usage."""
        cluster.size += 1
        if cluster.size >= BURST_SIZE:
            self.large.add(cluster.id)
        cluster.independent += independent
        hour = int(post.published_at.timestamp() // 3600)
        for term in post.terms:
            cluster.terms[term] += 1
            cluster.used[term] += independent
            if cluster.top:  # else computed on next use
                counts = cluster.used if cluster.independent else cluster.terms
                cluster.top = max(cluster.top, counts[term])
        if post.author and post.author not in cluster.authors:
            if len(cluster.authors) < MAX_AUTHORS:
                cluster.authors.add(post.author)
            cluster.author_count += 1
        elif not post.author:
            cluster.author_count += 1
        cluster.hourly[hour] += 1
        # Titles come from what people said on their own, not from one-word repost comments.
        room = len(cluster.exemplars) < (MAX_EXEMPLARS if independent else 3)
        if room and post.text:
            cluster.exemplars.append(post.text[:200])
        if cluster.size == 1 or post.published_at < cluster.first_at:
            cluster.first_at, cluster.first_id = post.published_at, post.id
            cluster.first_source, cluster.first_native_id = post.source, post.native_id
            cluster.first_author = post.author_name
        if cluster.size == 1 or post.published_at > cluster.last_at:
            cluster.last_at = max(cluster.last_at, post.published_at)
            heapq.heappush(self.quiet, (cluster.last_at, cluster.id))
        self._count(cluster.id, post, independent)

    def _count(self, cluster_id: str, post: Post, independent: bool) -> None:
        """The clusterer's side of a post joining a cluster: usage, postings, owner."""
        self.total += independent
        if independent:
            self.runs.use(post.terms, int(post.published_at.timestamp() // 3600))
        df, postings = self.df, self.postings
        for term in post.terms:
            df[term] += independent
            holders = postings.get(term)
            if holders is None:
                postings[term] = {cluster_id}
            else:
                holders.add(cluster_id)
        self.own(post.id, cluster_id)
