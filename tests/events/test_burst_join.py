"""In a burst, a post sharing one rare, heavy word with the event joins it (even when no event
shares two words with the post); outside the burst one word is not enough."""

from __future__ import annotations

from datetime import timedelta

from brand_events.clustering import BURST_SPAN, Clusterer, Post
from brand_events.enums import JoinReason
from tests.events.test_clustering import T0


def _post(n: str, minutes: float, terms: set[str], parent: str | None = None) -> Post:
    return Post(
        id=n,
        source="weibo",
        native_id=n,
        published_at=T0 + timedelta(minutes=minutes),
        author=f"a-{n}",
        author_name=f"a-{n}",
        text="",
        terms=frozenset(terms),
        parent_id=parent,
    )


def _crisis() -> Clusterer:
    """A day of ordinary chatter, then a food-poisoning post, its reposts and two reports."""
    clusterer = Clusterer()
    for i in range(300):
        words = {f"日常{i % 40}", f"口味{i % 23}", f"配送{i % 17}"}
        clusterer.assign(_post(f"bg{i}", -24 * 60 + i * 4, words))
    clusterer.assign(_post("seed", 0, {"食物中毒", "酸菜鱼", "虫子", "住院"}))
    for i in range(9):
        clusterer.assign(_post(f"r{i}", 1 + i, {"转发"}, parent="seed"))
    for i in range(2):
        clusterer.assign(_post(f"t{i}", 12 + i, {"食物中毒", "虫子", f"报道{i}"}))
    return clusterer


def test_one_heavy_shared_word_joins_a_bursting_event() -> None:
    clusterer = _crisis()
    joined = clusterer.assign(_post("harm", 20, {"食物中毒", "胃疼", "中招"}))
    assert joined.reason == JoinReason.TOPIC and joined.cluster.id == "seed"


def test_after_the_burst_one_shared_word_is_not_enough() -> None:
    clusterer = _crisis()
    later = BURST_SPAN.total_seconds() / 60 + 5
    late = clusterer.assign(_post("late", later, {"食物中毒", "胃疼", "中招"}))
    assert late.reason == JoinReason.SEED
