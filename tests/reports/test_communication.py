"""沟通不畅 in the 周报: the share of the week's complaints that name a communication failure
(推诿, 无人回应, 未告知 …) beside the categories, against the week before — DOMAIN's second axis
(a third of dissatisfaction from the product or service itself, two thirds from communication)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest

from core.models import Complaint, Mention
from reports.config import Period
from reports.period import last_full
from reports.render import render_html
from reports.service import build_data, plain_text
from sentiment.cause import ComplaintCause, communication_cues, complaint_cause
from tests.reports.factories import NOW, PLAN, PREV_WEEK, TZ, WEEK

WINDOW = last_full(Period.WEEKLY, NOW, TZ)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("客服一直不回复，打了三次电话都打不通", ["无人回应", "联系不上"]),
        ("银行推脱说没有协商一说", ["推诿"]),
        ("在前期没有告知的情况下扣除违约金", ["未告知"]),
        ("客服态度也不好，说好的三天退款到现在没兑现", ["态度差", "承诺落空"]),
        ("打去客服无果，让我回去等通知", ["联系不上", "敷衍"]),
    ],
)
def test_a_complaint_naming_how_it_was_handled_is_put_down_to_communication(
    text: str, named: list[str]
) -> None:
    assert communication_cues(text) == named
    assert complaint_cause(text) == ComplaintCause.COMMUNICATION


@pytest.mark.parametrize(
    "text",
    [
        "充电器用了两天就坏了，不通电",
        "酸菜鱼里吃出虫子",
        "客服态度很好，很快就解决了",  # 态度 in praise
        "不管上不上征信都要还",  # 不管 = regardless
        "年费太贵了，还有隐形收费",
    ],
)
def test_a_complaint_about_the_thing_itself_is_not(text: str) -> None:
    assert communication_cues(text) == []
    assert complaint_cause(text) == ComplaintCause.PRODUCT_SERVICE


def complaint(text: str, n: int, week: Any, repost_of: str | None = None) -> Mention:
    published = week + timedelta(days=n % 7, hours=9 + n % 8)
    return Mention(
        source="test",
        native_id=f"{week:%m%d}-{n}",
        text=text,
        published_at=published,
        collected_at=published + timedelta(minutes=5),
        plans=[PLAN],
        complaint=Complaint(flag=True, probability=0.9),
        repost_of=repost_of,
    )


def test_the_weekly_report_says_how_many_complaints_name_a_communication_failure(
    make_ctx: Any,
) -> None:
    ctx = make_ctx()
    this_week = [
        complaint("门店推诿不给退款，客服一直不回复", 0, WEEK),
        complaint("电话打不通，投诉了也没人处理", 1, WEEK),
        complaint("说好的24小时内回电，到现在没兑现", 2, WEEK),
        complaint("外卖洒了一半，汤全漏了", 3, WEEK),
        complaint("米饭夹生，菜是凉的", 4, WEEK),
        complaint("转发微博", 5, WEEK, repost_of="test:x"),  # a repost: not read
    ]
    last_week = [
        complaint("客服不回复", 0, PREV_WEEK),
        complaint("菜里有头发", 1, PREV_WEEK),
        complaint("送错了地址", 2, PREV_WEEK),
        complaint("包装破了", 3, PREV_WEEK),
    ]
    ctx.index.upsert_many([*this_week, *last_week])

    data = build_data(ctx, WINDOW, PLAN)

    share = data.communication
    assert share is not None
    assert (share.read, share.naming) == (5, 3) and share.prev_share == 0.25
    assert [group for group, _ in share.top][:1] == ["无人回应"]
    assert share.text.startswith("投诉中提到沟通问题（无人回应、")
    assert "的占 60.0%（3/5 条），上周 25.0%；其余只谈产品或服务本身" in share.text
    assert "按本周全部投诉原帖的原话统计，不含转发" in share.text
    html = render_html(data, {}, TZ)
    section = re.search(r'<section id="categories">(.*?)</section>', html, re.S)
    assert section is not None and share.text in section.group(1)
    assert share.text in plain_text(data)


def test_a_week_without_complaints_says_nothing_about_it(make_ctx: Any) -> None:
    data = build_data(make_ctx(), WINDOW, PLAN)
    assert data.communication is None
    assert "沟通问题" not in render_html(data, {}, TZ) and "沟通问题" not in plain_text(data)


def test_a_rise_of_communication_failures_needs_attention(make_ctx: Any) -> None:
    ctx = make_ctx(reports={"attention": {"min_mentions": 4}})
    handled = ["客服一直不回复", "电话打不通", "推诿不处理", "说好的退款没兑现"]
    this_week = [complaint(t, n, WEEK) for n, t in enumerate([*handled, "菜是凉的"])]
    last_week = [
        complaint(t, n, PREV_WEEK)
        for n, t in enumerate(["客服不回复", "菜里有头发", "送错了地址", "包装破了"])
    ]
    ctx.index.upsert_many([*this_week, *last_week])

    data = build_data(ctx, WINDOW, PLAN)

    [item] = [a for a in data.attention if a.rule == "communication_share_rise"]
    assert item.text.startswith("投诉中提到沟通问题的占 80.0%，较上周上升 55.0 个百分点，多为「")
    assert item.text.endswith("：查客服响应、转交与告知环节。")
    quiet = build_data(make_ctx(reports={"attention": {"min_mentions": 6}}), WINDOW, PLAN)
    assert not [a for a in quiet.attention if a.rule == "communication_share_rise"]
