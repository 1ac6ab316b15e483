"""bench/week_adapt.py: staff corrections simulated from a week's truth as `human_labels` reads
them back, and the stream `train adapt` would anchor on."""

from __future__ import annotations

from bench.week_adapt import Gold, Week, corrections, decided, scores, stream
from bench.week_examples import WeekPost
from core.enums import Category, Channel, SentimentLabel
from sentiment.decisions import COMPLAINT_THRESHOLD
from sentiment.model import load_models
from tests.core.conftest import mention

# (text, channel, truth). The hard sell's truth is one no rule gives it (隐私/欺诈), so a
# category is always to correct, with the gym rules merged or not: the bookkeeping is tested.
POSTS = [
    (
        "悦动健身教练一直跟着推销私教课，不买就甩脸色",
        Channel.WEIBO,
        Gold(SentimentLabel.NEGATIVE, True, Category.PRIVACY_FRAUD),
    ),
    (
        "请问悦动健身年卡多少钱",
        Channel.WEIBO,
        Gold(SentimentLabel.NEUTRAL, False, Category.OTHER),
    ),
    (
        "悦动健身闭店了，年卡余额三千元不退",
        Channel.COMPLAINT_PLATFORM,
        Gold(SentimentLabel.NEGATIVE, True, Category.AFTER_SALES_REFUND),
    ),
]


def _week() -> Week:
    posts = [
        WeekPost(
            "gym",
            f"p{i}",
            text,
            "dev",
            gold.complaint,
            str(gold.category),
            mention(f"p{i}", text, i, channel=channel),
        )
        for i, (text, channel, gold) in enumerate(POSTS)
    ]
    return Week("gym", posts, [gold for _, _, gold in POSTS])


def test_staff_correct_only_the_fields_the_classifier_got_wrong() -> None:
    week = _week()
    rows = week.half("dev")
    d = decided(week, rows, load_models())
    fixed = corrections(week, rows, rows, d)
    wrong_category = [
        week.posts[i].text for k, i in enumerate(rows) if d.categories[k] != week.gold[i].category
    ]
    assert wrong_category  # the hard sell's
    assert [t for t, _ in fixed.category] == wrong_category
    # a category other than `other` also says "is a complaint" (human_labels) where the model
    # had filed the post under 其他, not where it took it for a complaint already
    said = dict(fixed.complaint)
    model = {week.posts[i].text: d.categories[k] for k, i in enumerate(rows)}
    threshold = COMPLAINT_THRESHOLD
    flagged = {week.posts[i].text: d.p_complaint[k] >= threshold for k, i in enumerate(rows)}
    for text, category in fixed.category:
        if category != Category.OTHER and model[text] == Category.OTHER:
            assert said[text], text
        elif flagged[text] and category != Category.OTHER:
            assert text not in said, text  # no confirmation of a flag nobody doubted
    assert fixed.filed <= {POSTS[2][0]}
    # the stream: uncorrected posts, none filed on a complaint platform
    own = stream(week, rows, fixed)
    assert all("闭店" not in t for t in own)
    assert len(own) == sum(1 for i in rows if i not in fixed.corrected and not week.filed(i))
    assert set(scores(week, rows, d)) >= {"category", "caught", "false_flag", "neutral_negative"}


def test_a_fully_right_draw_stores_nothing() -> None:
    week = _week()
    rows = week.half("dev")
    d = decided(week, rows, load_models())
    right = [
        i
        for k, i in enumerate(rows)
        if d.categories[k] == week.gold[i].category
        and d.labels[k] == week.gold[i].sentiment
        and (d.p_complaint[k] >= COMPLAINT_THRESHOLD) == week.gold[i].complaint
    ]
    assert right  # the question is no complaint
    fixed = corrections(week, right, rows, d)
    assert not (fixed.sentiment or fixed.complaint or fixed.category or fixed.corrected)
