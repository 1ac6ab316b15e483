"""A repost that adds no words of its own says what the post it passes on says
(core/pipeline/reposts.py)."""

from __future__ import annotations

from core.context import Context
from core.enums import Category, SentimentLabel, UrgencySignal
from core.models import Author
from tests.core.conftest import mention

PRAISE = "鲜味坊的酸菜鱼真好吃，分量足，送得也快，已经回购五次了"
HARM = "在鲜味坊点的外卖吃出了虫子，孩子食物中毒住院了，已经打了12315"


def test_a_bare_repost_carries_its_original_s_labels_not_a_negative_complaint_of_its_own(
    ctx: Context,
) -> None:
    """The cosmetics week: 190 转发微博 reposts of praise counted as negative 商品质量 and
    '转发微博' read 发微博 (媒体曝光): the weekly report put 商品质量 first, 61 % of negatives."""
    first = ctx.pipeline.process([mention("p1", PRAISE), mention("h1", HARM)])
    assert {m.native_id for m in first.new} == {"p1", "h1"}
    second = ctx.pipeline.process(
        [
            mention("r1", "转发微博", 5, repost_of="p1", author=Author(name="甲")),
            mention("r2", "//@乙: 转发微博", 6, repost_of="h1", author=Author(name="丙")),
            mention("r3", "转发微博", 7, repost_of="gone", author=Author(name="丁")),
            mention("r4", "太过分了，支持维权", 8, repost_of="p1", author=Author(name="戊")),
            # a repost in the same batch as its original
            mention("h2", HARM.replace("虫子", "苍蝇"), 9),
            mention("r5", "转发微博", 10, repost_of="h2", author=Author(name="己")),
        ]
    )
    got = {m.native_id: m for m in second.new}
    praise_repost, harm_repost, orphan = got["r1"], got["r2"], got["r3"]
    assert praise_repost.sentiment is not None and harm_repost.sentiment is not None
    assert praise_repost.sentiment.label == SentimentLabel.POSITIVE
    assert praise_repost.category == Category.OTHER
    assert harm_repost.sentiment.label == SentimentLabel.NEGATIVE
    assert harm_repost.category == Category.FOOD_SAFETY_HEALTH
    assert got["r5"].category == Category.FOOD_SAFETY_HEALTH
    assert harm_repost.complaint is not None and harm_repost.complaint.flag
    assert orphan.sentiment is not None and orphan.sentiment.label == SentimentLabel.NEUTRAL
    assert orphan.category == Category.OTHER
    for repost in (praise_repost, harm_repost, orphan):
        assert repost.urgency is not None
        codes = {r.code for r in repost.urgency.reasons}
        assert UrgencySignal.MEDIA_EXPOSURE not in codes, repost.urgency.reasons
        assert UrgencySignal.HARM_TO_PEOPLE not in codes  # the original carries the harm
    # a repost with words of its own is read as they are
    words = got["r4"]
    assert words.sentiment is not None and words.sentiment.label == SentimentLabel.NEGATIVE
    stored = ctx.index.get(praise_repost.id)
    assert stored is not None and stored.category == Category.OTHER


def test_reclassify_keeps_a_bare_repost_with_its_original(ctx: Context) -> None:
    """`yuqing reclassify` with the same model changes nothing: it does not read the bare
    repost on its own again (negative, 商品质量) and write that back."""
    from core.pipeline.reclassify import reclassify_index

    ctx.pipeline.process([mention("p1", PRAISE)])
    ctx.pipeline.process([mention("r1", "转发微博", 5, repost_of="p1", author=Author(name="甲"))])
    report = reclassify_index(ctx.index, ctx.classifier)
    assert report.classified == 2
    assert sum(report.changes.values()) == 0, report.changes
    (repost,) = [m for m in ctx.index.since(None, limit=10)[0] if m.native_id == "r1"]
    assert repost.sentiment is not None and repost.sentiment.label == SentimentLabel.POSITIVE


def test_a_short_repost_of_a_complaint_is_filed_under_its_category(ctx: Context) -> None:
    """ "太吓人了" or "已停用" under a harm post is that harm story (the model said 商品质量)."""
    ctx.pipeline.process([mention("h1", HARM), mention("p1", PRAISE)])
    report = ctx.pipeline.process(
        [
            mention("s1", "太吓人了//@乙:", 5, repost_of="h1", author=Author(name="甲")),
            mention("s2", "已停用", 6, repost_of="h1", author=Author(name="丙")),
            mention("s3", "买买买", 7, repost_of="p1", author=Author(name="丁")),
        ]
    )
    got = {m.native_id: m for m in report.new}
    for key in ("s1", "s2"):
        assert got[key].category == Category.FOOD_SAFETY_HEALTH, got[key].category
    scared = got["s1"]
    assert scared.sentiment is not None and scared.sentiment.label == SentimentLabel.NEGATIVE
    assert got["s3"].category == Category.OTHER


def test_a_repost_that_only_passes_the_post_on_says_what_its_original_says(ctx: Context) -> None:
    """关注, 扩散 or +1 under a complaint is no praise (the model read 关注 as 正面)."""
    ctx.pipeline.process([mention("h1", HARM)])
    report = ctx.pipeline.process(
        [
            mention("k1", "关注", 5, repost_of="h1", author=Author(name="甲")),
            mention("k2", "求扩散！//@乙:", 6, repost_of="h1", author=Author(name="丙")),
            mention("k3", "+1", 7, repost_of="h1", author=Author(name="丁")),
        ]
    )
    for passed in report.new:
        assert passed.sentiment is not None, passed.native_id
        assert passed.sentiment.label == SentimentLabel.NEGATIVE, passed.native_id
        assert passed.category == Category.FOOD_SAFETY_HEALTH, passed.native_id
