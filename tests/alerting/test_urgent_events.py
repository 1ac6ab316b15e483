"""urgent_mention `group_by: event`: one crisis is one 高危舆情 alert named by its event.

The phone week: a battery fire's urgent posts were filed under 人身安全, 商品质量 and 售后, so
grouping by category opened one 「高危舆情：商品质量」 and so on per category, none naming the fire;
and the first message listed one 「已经向12315投诉了…」 copied by three people as three samples.
The posts run through the real pipeline: the event tracker forms the events, then the rule judges.
"""

from __future__ import annotations

from datetime import UTC, timedelta
from pathlib import Path

import pytest

from alerting import service
from alerting.engine import AlertEngine
from alerting.loader import parse_rule
from alerting.models import Alert
from alerting.rules import RuleContext
from bench.synthetic import make_mention
from brand_events.listing import read_events
from brand_events.models import Event
from core.context import Context
from core.enums import Category, Severity
from core.index.sqlite import SQLiteMentionIndex
from core.models import Mention
from tests.alerting.conftest import advance, make_ctx
from tests.alerting.test_incidents import NOON
from tests.alerting.test_lifecycle import ingest
from tests.support.receivers import HttpReceiver

FOOD, QUALITY, AFTER_SALES = (
    Category.FOOD_SAFETY_HEALTH,
    Category.PRODUCT_QUALITY,
    Category.AFTER_SALES_REFUND,
)
FIRE = [
    ("曜石X5充电时起火，宿舍桌子都烧黑了，室友拍了视频", FOOD),
    ("曜石X5充电起火了，我们宿舍差点烧起来，电池鼓包", QUALITY),
    ("室友的曜石X5充电时电池鼓包起火，宿舍烧黑一片", FOOD),
    ("曜石X5电池鼓包，充电起火，宿舍里全是烟", AFTER_SALES),
    ("曜石X5充电起火的视频看了吓人，宿舍电池鼓包烧黑", QUALITY),
    ("曜石X5充电起火，宿舍被烧黑，电池鼓包，要求退货", AFTER_SALES),
]
POISONING = [
    "曜石食堂的盒饭吃了上吐下泻，同事三个人食物中毒去医院",
    "曜石食堂盒饭食物中毒，上吐下泻送医院打点滴",
    "同事吃了曜石食堂盒饭也食物中毒了，上吐下泻",
    "曜石食堂盒饭害我们食物中毒进医院，上吐下泻一晚",
    "曜石食堂盒饭食物中毒的人越来越多，医院里全是同事",
]


@pytest.fixture(autouse=True)
def no_throttle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Apprise sleeps between requests to one service; not in tests."""
    from apprise.plugins.base import NotifyBase

    monkeypatch.setattr(NotifyBase, "request_rate_per_sec", 0)


def wired(data_dir: Path, receiver: HttpReceiver, group_by: str = "event") -> Context:
    """The built-in urgent-mention rule (critical posts), a webhook, the engine listening."""
    hook = {"name": "hook", "type": "webhook", "options": {"endpoint": receiver.url("/a")}}
    ctx = make_ctx(data_dir, NOON, notifiers=[hook])
    spec = {"name": "urgent-mention", "type": "urgent_mention", "title": "高危舆情"}
    rule = parse_rule({**spec, "min_urgency": "critical", "group_by": group_by}, "test")
    ctx.pipeline.add_listener(AlertEngine(ctx, [rule]).listen)
    return ctx


def urgent(key: str, text: str, category: Category, author: str) -> Mention:
    return make_mention(
        key, NOON, text, category=category, urgency=Severity.CRITICAL, author=author
    )


def post(ctx: Context, key: str, text: str, category: Category, author: str) -> None:
    """One critical post, published a few seconds ago, ingested on its own."""
    mention = urgent(key, text, category, author)
    ingest(ctx, [mention.model_copy(update={"published_at": ctx.clock() - timedelta(seconds=5)})])
    advance(ctx, timedelta(minutes=2))


def urgent_alerts(ctx: Context) -> list[Alert]:
    with ctx.sessions() as session:
        return sorted(service.get_all(session), key=lambda a: a.id)


def events(ctx: Context) -> list[Event]:
    with ctx.sessions() as session:
        return read_events(session)


def test_a_crisis_filed_under_three_categories_is_one_alert_named_by_its_event(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    """The fire's first post opens an alert by its category (no event yet); once the posts form
    an event, that alert takes the event's title and the later posts — 商品质量, 售后 — join it:
    one alert, one message, not one per category."""
    ctx = wired(data_dir, receiver)
    post(ctx, "f0", *FIRE[0], author="学生0")
    (first,) = urgent_alerts(ctx)
    assert first.title == "高危舆情：食品安全/人身安全"  # no event yet: its category
    for n, (text, category) in enumerate(FIRE[1:], start=1):
        post(ctx, f"f{n}", text, category, author=f"学生{n}")

    (event,) = events(ctx)
    (alert,) = urgent_alerts(ctx)
    assert alert.id == first.id and alert.count == len(FIRE)
    assert alert.title == f"高危舆情：{event.title}" and event.title
    assert alert.key == "food_safety_health"  # the first post's: later ones of its kind join
    assert len(receiver.requests) == 1


@pytest.mark.parametrize(
    ("category", "said"),
    # a police notice in no category (the ride and express weeks) is no 「其他类」 content
    [(AFTER_SALES, "发布售后/退换货类高危内容"), (Category.OTHER, "@学生5，粉丝 100 发布高危内容")],
)
def test_the_event_alert_says_the_category_in_its_summary(
    data_dir: Path, receiver: HttpReceiver, category: Category, said: str
) -> None:
    """An urgent post of an event already visible opens the event's alert at once; the summary
    says what kind of danger the top post is (nothing when it has no category)."""
    ctx = wired(data_dir, receiver)
    for n, (text, _) in enumerate(FIRE[:5]):
        mention = make_mention(f"p{n}", ctx.clock() - timedelta(seconds=5), text, author=f"人{n}")
        ingest(ctx, [mention])  # not urgent: the event forms, nothing fires
        advance(ctx, timedelta(minutes=1))
    (event,) = events(ctx)
    assert urgent_alerts(ctx) == []
    post(ctx, "f5", FIRE[5][0], category, author="学生5")

    (alert,) = urgent_alerts(ctx)
    assert alert.title == f"高危舆情：{event.title}"
    assert said in alert.summary and "其他类" not in alert.summary
    (message,) = receiver.requests
    assert event.title in message.json["title"]


def test_two_crises_are_two_alerts_even_in_one_category(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    """A phone fire and a canteen poisoning, both 食品安全/人身安全: by category they were one
    alert; by event they are two, each named by its own story."""
    ctx = wired(data_dir, receiver)
    for n in range(5):
        post(ctx, f"f{n}", FIRE[n][0], FOOD, author=f"学生{n}")
        post(ctx, f"p{n}", POISONING[n], FOOD, author=f"同事{n}")

    stories = events(ctx)
    alerts = urgent_alerts(ctx)
    assert len(stories) == 2
    assert sorted(a.title for a in alerts) == sorted(f"高危舆情：{e.title}" for e in stories)
    # the poisoning's first four posts, before its event was visible, joined the fire's
    # category alert (as by category); from its fifth, its event has its own alert
    assert [a.count for a in alerts] == [9, 1]


def test_grouped_by_category_the_two_crises_share_one_alert(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    """The old grouping, still available (`group_by: category`): one alert for both."""
    ctx = wired(data_dir, receiver, group_by="category")
    for n in range(5):
        post(ctx, f"f{n}", FIRE[n][0], FOOD, author=f"学生{n}")
        post(ctx, f"p{n}", POISONING[n], FOOD, author=f"同事{n}")
    (alert,) = urgent_alerts(ctx)
    assert alert.title == "高危舆情：食品安全/人身安全" and alert.count == 10


def test_the_samples_are_one_per_text_the_top_post_first(tmp_path: Path) -> None:
    """Three people posting the same 12315 complaint are one sample, not three."""
    copied = "已经向12315投诉了，曜石X5充电起火没人管"
    now = NOON + timedelta(minutes=1)
    top = urgent("top", "曜石X5充电起火，宿舍烧了，室友手被烫伤", FOOD, "学生")
    top = top.model_copy(update={"urgency": top.urgency.model_copy(update={"score": 99.0})})
    copies = [urgent(f"c{n}", copied, FOOD, f"网友{n}") for n in range(3)]
    other = urgent("o", "曜石X5电池鼓包，客服说等通知", FOOD, "车主")
    rule = parse_rule({"name": "urgent", "type": "urgent_mention", "min_urgency": "high"}, "t")
    index = SQLiteMentionIndex(tmp_path / "m.db")
    (finding,) = rule.on_mentions([*copies, other, top], RuleContext(index=index, tz=UTC, now=now))
    index.close()

    assert finding.sample_ids[0] == top.id
    assert len(finding.sample_ids) == 3 and finding.count == 5
    assert sum(i in {c.id for c in copies} for i in finding.sample_ids) == 1


ASIDE = "今晚的事太吓人了，大家一定注意安全"  # no word of the fire's: in no story


def batch(ctx: Context, posts: list[tuple[str, str, Category, str]]) -> None:
    """Critical posts published a few seconds ago, ingested in one batch (a file, a backfill)."""
    at = ctx.clock() - timedelta(seconds=5)
    found = [
        urgent(k, text, c, who).model_copy(update={"published_at": at}) for k, text, c, who in posts
    ]
    ingest(ctx, found)
    advance(ctx, timedelta(minutes=2))


def test_a_story_visible_at_once_keeps_its_category_for_the_posts_no_story_holds(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    """Ingested at once, the fire's event is visible when the rule first judges it; its alert
    still takes the category's key, so a later urgent post of that category the tracker left
    in no story joins it (round 29: the appliance week's blogger summary opened a second
    「高危舆情：食品安全/人身安全」 beside 「高危舆情：<event>」)."""
    ctx = wired(data_dir, receiver)
    batch(ctx, [(f"f{n}", text, FOOD, f"学生{n}") for n, (text, _) in enumerate(FIRE[:5])])
    (event,) = events(ctx)
    batch(ctx, [("aside", ASIDE, FOOD, "路人")])
    (alert,) = urgent_alerts(ctx)
    assert alert.title == f"高危舆情：{event.title}" and alert.count == 6


def test_a_crisis_does_not_join_an_earlier_alert_of_its_category_from_no_story(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    ctx = wired(data_dir, receiver)
    batch(ctx, [("aside", ASIDE, FOOD, "路人")])
    batch(ctx, [(f"f{n}", text, FOOD, f"学生{n}") for n, (text, _) in enumerate(FIRE[:5])])
    (event,) = events(ctx)
    alerts = urgent_alerts(ctx)
    assert [a.count for a in alerts] == [1, 5]
    assert alerts[1].title == f"高危舆情：{event.title}"
