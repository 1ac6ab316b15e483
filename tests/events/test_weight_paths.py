"""The written-out weighing paths (damped_idf, support, rank cache) give the original values."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest

from brand_events.cluster import Cluster
from brand_events.features import (
    BrandNames,
    background_damping,
    damped_idf,
    mention_terms,
    term_idf,
)
from brand_events.seed import Seed
from brand_events.synthetic import build_stream

AT = datetime(2026, 5, 1, 12, tzinfo=UTC)


def test_damped_idf_is_idf_times_background_damping_bit_for_bit() -> None:
    terms = ["外卖", "配送", "#鲜味坊翻车#", "虫子", "iphone15", "没见过的词"]
    df = {"外卖": 900, "配送": 40, "虫子": 0, "iphone15": 3, "没见过的词": 5000}
    for total in (0, 7, 1000, 123457):
        got = damped_idf(terms, total, df)
        want = {t: term_idf(t) * background_damping(total, df.get(t, 0)) for t in terms}
        assert list(got) == terms
        assert got == want  # floats compared exactly: the same arithmetic


@pytest.mark.parametrize("independent", [0, 3])
@pytest.mark.parametrize("share", [1.0, 0.5])
def test_support_is_the_sum_of_weight_times_profile(independent: int, share: float) -> None:
    cluster = Cluster(
        id="c",
        first_at=AT,
        last_at=AT,
        size=5,
        independent=independent,
        terms=Counter({"虫子": 5, "酸菜鱼": 2, "外卖": 1, "退款": 4}),
        used=Counter({"虫子": 3, "酸菜鱼": 1, "外卖": 0, "退款": 2}),
    )
    weights = {"虫子": 7.25, "酸菜鱼": 3.5, "退款": 0.1, "陌生": 9.0}
    terms = list(weights)
    want = sum([weights[t] * cluster.profile(t, share) for t in terms if t in cluster.terms])
    cluster.top = 0  # as found before the first use
    assert cluster.support(weights, terms, share) == want
    seed = Seed("s", AT, ("虫子", "陌生"), "a", "a", "weibo", "1", "")
    assert seed.support(weights, terms, share) == weights["虫子"] + weights["陌生"]


def test_mention_terms_are_the_same_with_a_warm_rank_cache() -> None:
    mentions = build_stream(seed=5, hours=12, per_hour=30).mentions
    names = (["鲜味坊"], ["鲜味坊外卖", "XWF"])
    cold = mention_terms(mentions, BrandNames(*names))
    warm = BrandNames(*names)
    mention_terms(mentions[: len(mentions) // 2], warm)  # half the words judged already
    again = mention_terms(mentions, warm)
    assert warm.judged and warm.ranks
    assert [list(t) for t in again] == [list(t) for t in cold]  # same sets, same set order
    assert not any(warm.is_fragment(w) for w in warm.ranks)
