"""In a burst, a post sharing one rare, heavy word with the event joins it (even when no event
shares two words with the post); outside the burst one word is not enough."""

from __future__ import annotations

from datetime import timedelta

from brand_events.cluster import Post
from brand_events.clustering import Clusterer
from brand_events.enums import JoinReason
from brand_events.join_thresholds import BURST_SHARE, BURST_SPAN
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


def test_a_bursting_event_counts_words_used_half_as_often_as_its_top_word_fully() -> None:
    clusterer = _crisis()
    event = clusterer.clusters["seed"]
    assert event.used["食物中毒"] == 3 and event.used["酸菜鱼"] == 1
    assert event.profile("虫子") == 1.0 and event.profile("酸菜鱼") == 1 / 3
    assert event.profile("酸菜鱼", BURST_SHARE) == 1 / 1.5
    # "酸菜鱼" alone (1/3 of the top word) is now enough to join the burst with a heavy word
    joined = clusterer.assign(_post("fish", 25, {"酸菜鱼", "味道不对", "拉肚子"}))
    assert joined.cluster.id == "seed"
