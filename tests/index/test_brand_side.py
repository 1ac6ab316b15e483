"""The brand's side (SearchQuery.brand_side) on every backend: every mention but a competitor's,
those of no plan included, in searches, counts (rollup windows too), histograms and terms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.index.protocol import BrandSide, MentionIndex, SearchQuery, SplitField
from tests.index.corpus import make_mention

T0 = datetime(2026, 5, 4, 8, tzinfo=UTC)
SIDE = BrandSide(own=("xianweifang", "waimai"), rivals=("xiangmanlou",))
PLANS = {
    "own": ["xianweifang"],
    "delivery": ["waimai"],
    "both": ["xianweifang", "xiangmanlou"],  # names both brands: the brand's
    "reply": [],  # a reply that names no brand
    "rival": ["xiangmanlou"],
    "rival_again": ["xiangmanlou"],
}
BRANDS = {"own", "delivery", "both", "reply"}


def _load(index: MentionIndex) -> None:
    mentions = [
        make_mention(name, f"汤里有头发 {name}", T0 + timedelta(minutes=10 * n), plans=plans)
        for n, (name, plans) in enumerate(PLANS.items())
    ]
    assert not index.upsert_many(mentions).errors
    index.refresh()


def _found(index: MentionIndex, **query: object) -> set[str]:
    hits = index.search(SearchQuery(brand_side=SIDE, limit=100, **query)).mentions  # type: ignore[arg-type]
    return {m.native_id for m in hits}


def test_the_brand_side_leaves_out_only_a_competitors_mentions(index: MentionIndex) -> None:
    _load(index)

    assert _found(index) == BRANDS
    assert _found(index, text="头发") == BRANDS
    window = {"since": T0 - timedelta(hours=1), "until": T0 + timedelta(hours=3)}  # whole hours
    assert index.count(SearchQuery(brand_side=SIDE, **window)) == 4  # type: ignore[arg-type]
    minutes = SearchQuery(brand_side=SIDE, since=T0, until=T0 + timedelta(minutes=25))
    assert index.count(minutes) == 3
    days = index.histogram(SearchQuery(brand_side=SIDE), timedelta(days=1))
    assert sum(b.total for b in days) == 4
    assert dict(index.top_terms(SearchQuery(brand_side=SIDE), SplitField.PLAN)) == {
        "xianweifang": 2,
        "waimai": 1,
        "xiangmanlou": 1,
    }
    only_unplanned = BrandSide(own=(), rivals=("xianweifang", "waimai", "xiangmanlou"))
    assert index.count(SearchQuery(brand_side=only_unplanned)) == 1
