"""补救后好评 in the report: the week's praise after a recovery against last week, the newest
three as masked quotes next to the case KPIs, and zero shown as zero."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from core.context import Context
from core.enums import SentimentLabel
from core.models import Complaint, Mention, Sentiment
from reports.config import Period
from reports.period import last_full
from reports.render import render_html
from reports.service import build_data, plain_text
from tests.reports.conftest import ContextFactory
from tests.reports.factories import NOW, PLAN, PREV_WEEK, TZ, WEEK

WINDOW = last_full(Period.WEEKLY, NOW, TZ)
TEXTS = [
    "上次投诉快递丢件，客服第二天就全额赔付了，还打电话道歉，处理得挺快",
    "异响的问题4S店当天就修好了，还回访了，服务很好",
    "投诉之后客服马上就处理好了，电话13812345678打来道歉，点赞",
    "售后免费换了新的，处理得很快，满意",
]


def praise(text: str, published: datetime, plan: str = PLAN) -> Mention:
    """Praise after a recovery, as the classifier marks these TEXTS (`yuqing classify`)."""
    return Mention(
        source="test",
        native_id=f"praise-{published.isoformat()}-{plan}",
        text=text,
        published_at=published,
        collected_at=published + timedelta(minutes=5),
        plans=[plan],
        sentiment=Sentiment(label=SentimentLabel.POSITIVE, score=0.95),
        complaint=Complaint(flag=False, probability=0.04, resolved=True),
    )


def add_praise(ctx: Context) -> None:
    """Four this week (the third the newest), one last week, one of another plan, one after."""
    days = (1, 2, 5, 3)
    mentions = [praise(text, WEEK + timedelta(days=d)) for d, text in zip(days, TEXTS, strict=True)]
    mentions += [
        praise(TEXTS[0], PREV_WEEK + timedelta(days=2)),
        praise(TEXTS[1], WEEK + timedelta(days=6), plan="other"),
        praise(TEXTS[1], NOW - timedelta(hours=1)),  # this Monday: after the reported week
    ]
    assert not ctx.index.upsert_many(mentions).errors


def recovery_html(html: str) -> str:
    found = re.search(r'<section id="recovery">(.*?)</section>', html, re.S)
    assert found, "no 补救后好评 section"
    return found.group(1)


def test_the_week_counts_its_praise_after_a_recovery_against_last_week(ctx: Context) -> None:
    add_praise(ctx)

    data = build_data(ctx, WINDOW, PLAN)

    assert (data.recovery.count, data.recovery.prev_count) == (4, 1)
    assert data.recovery.metric.change_text == "+300.0%"
    quotes = [q.text for q in data.recovery.quotes]
    assert len(quotes) == 3 and quotes[0].startswith("投诉之后客服马上就处理好了")  # newest first
    assert "138****5678" in quotes[0] and "13812345678" not in quotes[0]
    assert quotes[1:] == [TEXTS[3], TEXTS[1]]
    assert build_data(ctx, WINDOW).recovery.count == 5  # every plan
    # 1 → 4 is no "+300.0%": a comparison base of 1 praise is too thin (reports.comparison).
    assert "补救后好评：4（较上周 +3 条）" in plain_text(data)  # in 条 on a thin base


def test_the_report_shows_the_count_and_three_examples(ctx: Context) -> None:
    add_praise(ctx)

    section = recovery_html(render_html(build_data(ctx, WINDOW, PLAN), {}, TZ))

    assert "<h2>补救后好评</h2>" in section
    assert "本周 <b>4</b> 条，上周 1 条</p>" in section and "+300.0%" not in section
    assert section.count("<blockquote>") == 3 and "最新 3 条原声" in section
    assert "全额赔付" not in section  # the oldest of the four is left out
    assert "138****5678" in section and "13812345678" not in section


def test_a_week_without_praise_shows_zero(make_ctx: ContextFactory) -> None:
    data = build_data(make_ctx(), WINDOW, PLAN)

    section = recovery_html(render_html(data, {}, TZ))

    assert (data.recovery.count, data.recovery.quotes) == (0, [])
    assert "本周 <b>0</b> 条，上周 0 条</p>" in section
    assert "本周没有补救后好评的提及" in section and "<blockquote>" not in section
