"""The clusterer's state: the active events, their terms and member owners, and the term
weights they give (`brand_events/clustering.py` decides where each post goes).

Changing the state (a post counted in an event, two events folded, quiet events forgotten)
keeps the postings, document frequencies and owner map in step with the events.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta

from brand_events.cluster import MAX_AUTHORS, MAX_EXEMPLARS, MIN_SIZE, AnyCluster, Cluster, Post
from brand_events.features import background_damping, damped_idf, term_idf
from brand_events.join_thresholds import BURST_SIZE
from brand_events.readings import Readings
from brand_events.seed import Seed
from brand_events.term_runs import TermRuns


class ClusterState:
    """Active events, postings (term → event ids), term usage and mention owners."""

    def __init__(self, window: timedelta) -> None:
        self.window = window
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
        # Ids of clusters that may be listed (MIN_SIZE posts; a superset, pruned as they age):
        # the young stories a crisis's first "me too" may join (`LiveStories._young_story`).
        self.listed: set[str] = set()
        self.readings = Readings()  # what the post being placed says of itself

    def adopt(self, cluster: AnyCluster, members: list[str]) -> None:
        """Load an event (and its member ids) persisted earlier."""
        self.clusters[cluster.id] = cluster
        if cluster.size >= BURST_SIZE:
            self.large.add(cluster.id)
        if cluster.size >= MIN_SIZE:
            self.listed.add(cluster.id)
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
        self.listed.discard(cluster.id)
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
            opening=cluster.words,
            projects=set(cluster.projects),
            merged_into=cluster.merged_into,
        )
        if self.clusters.get(cluster.id) is cluster:
            self.clusters[cluster.id] = grown
        return grown

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
        if keep.size >= MIN_SIZE:
            self.listed.add(keep.id)
        fold.merged_into = keep.id

    def _add(self, cluster: Cluster, post: Post, independent: bool) -> None:
        """Count the post in the cluster; only independent posts count as background usage."""
        cluster.size += 1
        if cluster.size >= BURST_SIZE:
            self.large.add(cluster.id)
        if cluster.size == MIN_SIZE:
            self.listed.add(cluster.id)
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
        cluster.projects |= self.readings.named(post)
        if cluster.size == 1 or post.published_at < cluster.first_at:
            cluster.first_at, cluster.first_id = post.published_at, post.id
            cluster.first_source, cluster.first_native_id = post.source, post.native_id
            cluster.first_author, cluster.opening = post.author_name, post.terms
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
