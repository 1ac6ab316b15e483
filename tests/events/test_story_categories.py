"""An event's category mix counts a repost under the story it passes on: "太过分了//@…" on a
暴力催收 post is part of the 催收 story, whatever a classifier makes of three words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from brand_events.detail import story_categories
from core.enums import Category
from core.models import Author, Mention

T0 = datetime(2026, 11, 27, 11, 40, tzinfo=UTC)


def post(native_id: str, text: str, category: Category, **fields: object) -> Mention:
    return Mention(
        source="weibo_search",
        channel="weibo",
        native_id=native_id,
        text=text,
        published_at=T0 + timedelta(minutes=len(native_id)),
        author=Author(id=native_id, name=native_id),
        category=category,
        **fields,  # type: ignore[arg-type]
    )


def test_reposts_count_under_the_category_of_the_post_they_pass_on() -> None:
    seed = post("s", "催收把电话打到我爸妈和领导那里", Category.PRIVACY_FRAUD)
    reposts = [
        post("r1", "太过分了", Category.PRODUCT_QUALITY, repost_of="s"),
        post("r2", "转发微博", Category.OTHER, repost_of="s"),
        post("r22", "吓人", Category.PRODUCT_QUALITY, repost_of="r1"),  # a repost of a repost
    ]
    own_words = post("v", "年费没经过同意就扣了", Category.CONTRACT_PRICING)
    outside = post("x", "转发微博", Category.OTHER, repost_of="not-a-member")
    counted = story_categories([seed, *reposts, own_words, outside])
    assert counted == [
        (str(Category.PRIVACY_FRAUD), 4),
        (str(Category.CONTRACT_PRICING), 1),
        (str(Category.OTHER), 1),
    ]
