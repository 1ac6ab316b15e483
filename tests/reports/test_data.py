"""Report numbers on a fixed two-week dataset, checked against known labels and store queries."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.context import Context
from core.enums import Category, Channel, SentimentLabel
from core.index import SearchQuery
from reports.config import Period
from reports.period import ReportWindow, last_full
from reports.reputation import count_matrix, reputation_index
from reports.service import build_data
from tests.reports.conftest import ContextFactory
from tests.reports.factories import NOW, PLAN, TZ


@pytest.fixture
def window() -> ReportWindow:
    return last_full(Period.WEEKLY, NOW, TZ)


def test_headline_matches_labels_and_store(ctx: Context, window: ReportWindow) -> None:
    data = build_data(ctx, window, PLAN)
    head = data.headline
    assert (head.mentions, head.prev_mentions) == (40, 20)
    assert (head.negative, head.prev_negative) == (20, 8)
    assert (head.negative_share, head.prev_negative_share) == (0.5, 0.4)
    assert (head.critical, head.prev_critical) == (1, 0)
    week = SearchQuery(plans=[PLAN], since=window.start, until=window.end)
    assert head.mentions == ctx.index.count(week)
    assert head.negative == ctx.index.count(replace(week, sentiments=[SentimentLabel.NEGATIVE]))
    before = SearchQuery(plans=[PLAN], since=window.prev_start, until=window.start)
    assert head.prev_mentions == ctx.index.count(before)


def test_without_plan_every_plan_counts(ctx: Context, window: ReportWindow) -> None:
    data = build_data(ctx, window)
    assert data.headline.mentions == 41
    assert data.headline.mentions == ctx.index.count(
        SearchQuery(since=window.start, until=window.end)
    )


def test_reputation_index_definition(ctx: Context, window: ReportWindow) -> None:
    # Current week: negative weight 6×2 + 4×4 + 6×1 + 3×2 + 1×8 = 48, neutral 12, positive 8.
    data = build_data(ctx, window, PLAN)
    assert data.headline.reputation == round(50 * (1 + (8 - 48) / 68), 1) == 20.6
    # Previous week: negative 2 + 10 + 1 = 13, neutral 7, positive 5.
    assert data.headline.prev_reputation == round(50 * (1 + (5 - 13) / 25), 1) == 34.0
    empty = count_matrix(ctx.index, SearchQuery(plans=["nobody"]))
    assert reputation_index(empty) is None


def test_trend_is_gap_filled_per_day(ctx: Context, window: ReportWindow) -> None:
    data = build_data(ctx, window, PLAN)
    assert [p.start for p in data.trend] == [window.start + i * window.bucket for i in range(7)]
    assert sum(p.total for p in data.trend) == 40
    assert sum(p.negative for p in data.trend) == 20
    for point in data.trend:
        day = SearchQuery(plans=[PLAN], since=point.start, until=point.start + window.bucket)
        assert point.total == ctx.index.count(day)


def test_daily_trend_has_24_hourly_buckets(ctx: Context) -> None:
    window = last_full(Period.DAILY, NOW, TZ)
    data = build_data(ctx, window, PLAN)
    assert len(data.trend) == 24
    assert sum(p.total for p in data.trend) == data.headline.mentions > 0


def test_channels_and_categories_with_change(ctx: Context, window: ReportWindow) -> None:
    data = build_data(ctx, window, PLAN)
    channels = {r.key: r.count for r in data.channels}
    assert channels == {
        Channel.FORUM: 14,
        Channel.NEWS: 12,
        Channel.WEIBO: 10,
        Channel.COMPLAINT_PLATFORM: 4,
    }
    top = data.categories[0]
    assert (top.key, top.label, top.count, top.prev_count) == (
        Category.DELIVERY_LOGISTICS,
        "货物运输/物流",
        10,
        2,
    )
    assert top.share == 0.5 and top.prev_share == 0.25 and top.delta_pp == pytest.approx(25.0)
    assert sum(r.count for r in data.categories) == data.headline.negative


def test_topics_carry_masked_quotes(ctx: Context, window: ReportWindow) -> None:
    data = build_data(ctx, window, PLAN)
    first = data.topics[0]
    assert (first.keyword, first.count, first.prev_count) == ("快递", 10, 2)
    assert 0 < len(first.quotes) <= ctx.config.reports.quotes_per_keyword
    quotes = " ".join(q.text for t in data.topics for q in t.quotes)
    assert "13812345678" not in quotes and "建国路88号" not in quotes
    assert "110101199003071234" not in quotes
    assert "****" in quotes
    # The most urgent quote comes first: the high-urgency lost parcel before the medium delay.
    assert first.quotes[0].urgency == "严重"  # the one label of Severity.HIGH


def test_attention_rules_fire_on_the_dataset(ctx: Context, window: ReportWindow) -> None:
    rules = [item.rule for item in build_data(ctx, window, PLAN).attention]
    assert rules[:2] == ["critical_mentions", "safety_complaints"]
    assert {"negative_share_rise", "volume_spike", "reputation_low"} <= set(rules)
    # The category mix of the comparison week rests on 8 negative mentions: below MIN_BASE,
    # so no category "rose" (2 of 8 → 10 of 20 would read +25 个百分点).
    assert "category_share_rise" not in rules


def test_empty_week_has_zeros_not_errors(make_ctx: ContextFactory, window: ReportWindow) -> None:
    data = build_data(make_ctx(), window)
    assert data.empty and data.headline.reputation is None and data.headline.negative_share is None
    assert len(data.trend) == 7 and all(p.total == 0 for p in data.trend)
    assert data.channels == [] and data.categories == [] and data.topics == []
    assert data.attention == []


def test_typical_voices_are_not_copies_of_each_other(window: ReportWindow) -> None:
    """Twelve people posted the same complaint with 气死了 / 真的 in front (one similarity group):
    a topic quotes it once and then a different voice, and a later topic does not quote it
    again (the telecom outage's 断网 showed the same complaint twice)."""
    from bench.synthetic import make_mention
    from reports.data import _samples

    at = window.start + (window.end - window.start) / 2
    said = "准备向工信部申诉星联，大面积断网七个小时不通知不解释，必须给个说法"
    copies = [
        make_mention(f"c{i}", at, lead + said).model_copy(update={"group_id": "g1"})
        for i, lead in enumerate(["气死了，", "真的，", "离谱，"])
    ]
    other = make_mention("o", at, "外婆住院，星联的号一上午打不通，医生找不到家属签字")
    taken: set[str] = set()
    first = _samples([*copies, other], 2, window, taken)
    assert [q.text for q in first] == ["气死了，" + said, other.text]
    again = _samples(
        [copies[1], make_mention("n", at, "营业厅的人说断网不是我们造成的")], 2, window, taken
    )
    assert [q.text for q in again] == ["营业厅的人说断网不是我们造成的"]
