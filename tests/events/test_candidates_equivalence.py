"""Fast paths (candidate search, incremental expiry, seeds) decide what the originals did."""

from __future__ import annotations

from datetime import datetime, timedelta

from brand_events.cluster import Cluster, Post
from brand_events.clustering import Clusterer
from brand_events.features import HASHTAG, SCAN, TERMS, BrandNames, mention_terms, term_idf
from brand_events.seed import Seed
from brand_events.synthetic import build_stream
from brand_events.tracker import from_cluster
from core.models import mention_id
from sentiment.keywords import extract_keywords_batch


class ReferenceClusterer(Clusterer):
    """The candidate search as first written: a Python loop per holder, every check per hit."""

    def _candidates(self, post: Post) -> list[tuple[float, Cluster]]:
        hits: dict[str, int] = {}
        for term in post.terms:
            holders = self.postings.get(term)
            if holders and len(holders) <= 64:
                step = 2 if term.startswith("#") else 1
                for holder in holders:
                    hits[holder] = hits.get(holder, 0) + step
        scored: list[tuple[float, Cluster]] = []
        if not hits or max(hits.values()) < 2:
            return scored
        weights = {t: self.weight(t) for t in post.terms}
        norm = sum(weights.values())
        for cluster_id, count in hits.items():
            cluster = self.clusters.get(cluster_id)
            if cluster is None or cluster.merged_into is not None or self._late(cluster, post):
                continue
            burst = self._bursting(cluster, post)
            if count < 2 and not burst:
                continue
            shared = [t for t in post.terms if t in cluster.terms]
            mass = sum(weights[t] * cluster.profile(t) for t in shared)
            floor = 0.15 if burst else 0.34
            if norm and mass >= 9.0 and mass / norm >= floor:
                scored.append((mass / norm, cluster))
        scored.sort(key=lambda pair: (-pair[0], pair[1].first_at))
        return scored


def _posts() -> list[Post]:
    stream = build_stream(seed=11, hours=36, per_hour=40)
    mentions = stream.mentions
    terms = mention_terms(mentions, BrandNames(["鲜味坊"], ["鲜味坊外卖", "XWF"]))
    return [
        Post(
            id=m.id,
            source=m.source,
            native_id=m.native_id,
            published_at=m.published_at,
            author=m.author.id or m.author.name,
            author_name=m.author.name,
            text=m.full_text,
            terms=t,
            parent_id=mention_id(m.source, m.repost_of) if m.repost_of else None,
        )
        for m, t in zip(mentions, terms, strict=True)
    ]


def test_every_decision_matches_the_reference_on_a_replay_stream() -> None:
    posts = _posts()
    fast, reference = Clusterer(), ReferenceClusterer()
    topic_joins = merges = 0
    for post in posts:
        a, b = fast.assign(post), reference.assign(post)
        assert (a.cluster.id, a.reason, [c.id for c in a.merged]) == (
            b.cluster.id,
            b.reason,
            [c.id for c in b.merged],
        ), post.native_id
        topic_joins += a.reason == "topic"
        merges += len(a.merged)
    assert topic_joins > 50  # the stream exercises the candidate search, not only links
    assert fast.owner == reference.owner
    sizes = {c.id: (c.size, c.author_count, dict(c.terms)) for c in fast.clusters.values()}
    assert sizes == {
        c.id: (c.size, c.author_count, dict(c.terms)) for c in reference.clusters.values()
    }


class ScanExpiry(Clusterer):
    """Expiry as first written: scan every cluster, rebuild the owner map."""

    def expire(self, horizon: datetime) -> list[Cluster]:
        cutoff = horizon - self.window * 2
        gone = [c for c in self.clusters.values() if c.last_at < cutoff]
        for cluster in gone:
            del self.clusters[cluster.id]
            if cluster.merged_into is None:
                for term in cluster.terms:
                    self._unpost(term, cluster.id, cluster.used.get(term, 0))
                self.total -= cluster.independent
        ids = {c.id for c in gone}
        self.owner = {m: c for m, c in self.owner.items() if c not in ids}
        return gone

    def _unpost(self, term: str, cluster_id: str, count: int) -> None:
        """One term's use leaves df and the cluster leaves its posting."""
        self.df[term] -= count
        if self.df[term] <= 0:
            self.df.pop(term, None)
        holders = self.postings.get(term)
        if holders is not None:
            holders.discard(cluster_id)
            if not holders:
                del self.postings[term]


def test_incremental_expiry_forgets_what_a_full_scan_forgets() -> None:
    posts = _posts()
    window = timedelta(hours=3)  # the 36-hour stream expires many times over
    fast, reference = Clusterer(window), ScanExpiry(window)
    expired = 0
    for start in range(0, len(posts), 50):
        batch = posts[start : start + 50]
        for post in batch:
            a, b = fast.assign(post), reference.assign(post)
            assert (a.cluster.id, [c.id for c in a.merged]) == (
                b.cluster.id,
                [c.id for c in b.merged],
            )
        horizon = max(p.published_at for p in batch)
        gone = sorted(c.id for c in fast.expire(horizon))
        assert gone == sorted(c.id for c in reference.expire(horizon))
        expired += len(gone)
        assert fast.owner == reference.owner
        assert set(fast.clusters) == set(reference.clusters)
        assert (fast.df, fast.total) == (reference.df, reference.total)
    assert expired > 500  # most clusters of the stream were forgotten on the way


class FullClusters(Clusterer):
    """Every new event as a full Cluster from its first post, as first written (no seeds)."""

    def _seed(self, post: Post) -> Cluster:  # type: ignore[override]
        cluster = Cluster(id=post.id, first_at=post.published_at, last_at=post.published_at)
        self.clusters[cluster.id] = cluster
        self._add(cluster, post, True)
        return cluster


def _rows(clusterer: Clusterer) -> dict[str, dict[str, object]]:
    rows = {}
    for cluster in clusterer.clusters.values():
        row = from_cluster(cluster, False)
        row.pop("updated_at")
        rows[cluster.id] = {**row, "terms": list(row["terms"].items())}  # type: ignore[attr-defined]
    return rows


def test_one_post_events_read_and_grow_like_full_clusters() -> None:
    posts = _posts()
    window = timedelta(hours=3)
    compact, full = Clusterer(window), FullClusters(window)
    for start in range(0, len(posts), 50):
        batch = posts[start : start + 50]
        for post in batch:
            a, b = compact.assign(post), full.assign(post)
            assert (a.cluster.id, a.reason, [c.id for c in a.merged]) == (
                b.cluster.id,
                b.reason,
                [c.id for c in b.merged],
            )
            assert compact.similarity(a.cluster, a.cluster) == full.similarity(b.cluster, b.cluster)
        horizon = max(p.published_at for p in batch)
        assert sorted(c.id for c in compact.expire(horizon)) == sorted(
            c.id for c in full.expire(horizon)
        )
        assert _rows(compact) == _rows(full)
    seeds = [c for c in compact.clusters.values() if isinstance(c, Seed)]
    assert seeds and len(seeds) < len(compact.clusters)  # both forms were compared


def test_mention_terms_are_the_best_words_and_topics_best_first() -> None:
    brand = BrandNames(["鲜味坊"], ["鲜味坊外卖", "XWF"])
    mentions = build_stream(seed=11, hours=36, per_hour=40).mentions
    # no word across the brand's edge, as mention_terms reads them
    texts = [brand.mask_core(m.full_text[:SCAN].casefold()) for m in mentions]
    ranked = extract_keywords_batch(texts, top_k=TERMS + 4, exclude=brand.names)
    for mention, words, terms in zip(mentions, ranked, mention_terms(mentions, brand), strict=True):
        plain = {w for w in words if not brand.is_fragment(w)}
        plain = set(sorted(plain, key=lambda w: (-term_idf(w), w))[:TERMS])
        for tag in HASHTAG.findall(mention.full_text):
            if len(brand.strip(tag.strip())) >= 2:
                plain.add("#" + tag.strip().casefold())
        # One defined order (not a set's), so sums and ties are the same under any hash seed.
        assert terms == tuple(sorted(plain, key=lambda w: (-term_idf(w), w)))
