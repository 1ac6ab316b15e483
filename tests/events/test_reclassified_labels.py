"""An event shows its mentions' current labels: after `yuqing reclassify` rewrites them, the
event's timeline and categories follow at once, without clustering again (real classifier,
real SQLite index and workflow store)."""

from __future__ import annotations

from sqlalchemy import select

from brand_events import detail
from brand_events.models import Event
from brand_events.tracker import EventTracker
from core.context import Context
from core.enums import Category, SentimentLabel
from core.models import Author
from core.pipeline.classifier import get_classifier
from core.pipeline.reclassify import reclassify_index
from tests.core.conftest import mention
from tests.support.stale import stale_labels

POSTS = [
    "鲜味坊外卖的汤里吃出虫子，恶心死了，要求赔偿",
    "鲜味坊外卖汤里有虫子，孩子喝了一口，已经投诉",
    "今天鲜味坊的外卖汤里也吃出虫子了，食品安全谁来管",
    "鲜味坊外卖汤里吃出虫子，客服只说退款，太敷衍",
    "又一个鲜味坊外卖汤里吃出虫子的，这家店卫生太差",
    "鲜味坊外卖汤里吃出虫子，拍了照片，打12315投诉",
]


def shown(ctx: Context) -> detail.EventDetail:
    with ctx.sessions() as session:
        event = session.scalars(select(Event).where(Event.visible.is_(True))).one()
        return detail.build(session, ctx.index, event)


def test_an_event_shows_the_labels_reclassify_wrote(ctx: Context) -> None:
    classifier = get_classifier("default")
    posts = [
        mention(str(n), text, minutes=5 * n, author=Author(id=f"u{n}", name=f"网友{n}"))
        for n, text in enumerate(POSTS)
    ]
    current = classifier.classify(posts)
    assert all(m.sentiment and m.sentiment.label == SentimentLabel.NEGATIVE for m in current)
    ctx.index.upsert_many([stale_labels(m) for m in current])
    ctx.index.refresh()
    EventTracker(ctx.sessions, ctx.config).track(current)

    before = shown(ctx)
    assert len(before.mentions) == len(POSTS)
    assert all(point.negative == 0 and point.complaint == 0 for point in before.timeline)
    assert before.categories == [(str(Category.OTHER), len(POSTS))]

    report = reclassify_index(ctx.index, classifier)
    assert report.written == len(POSTS)

    after = shown(ctx)
    same_event = [m.mention_id for m in before.members]
    assert [m.mention_id for m in after.members] == same_event
    assert all(point.negative == 1 and point.complaint == 1 for point in after.timeline)
    assert dict(after.categories).get(str(Category.FOOD_SAFETY_HEALTH), 0) >= len(POSTS) // 2
