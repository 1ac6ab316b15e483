"""An influential author joining an open urgent-mention alert is news: 事态更新 naming them.

The cosmetics week: a beauty blogger with 80万 fans posted photos 80 minutes into the crisis and
a media account the next morning; both were counted into the open 高危舆情 alert without a word,
and its 持续扩大 messages kept naming the first poster (粉丝 3,600)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from alerting import service
from alerting.engine import AlertEngine
from alerting.loader import parse_rule
from app.config import AppConfig
from bench.synthetic import make_mention
from core.context import Context
from core.enums import Category, Severity
from core.models import Mention
from core.timeutil import SimulatedClock
from tests.alerting.conftest import MONDAY, PassThroughClassifier, advance
from tests.alerting.test_lifecycle import ingest
from tests.support.receivers import HttpReceiver

NOON = MONDAY + timedelta(hours=12)


@pytest.fixture(autouse=True)
def no_throttle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Apprise sleeps between requests to one service; not in tests."""
    from apprise.plugins.base import NotifyBase

    monkeypatch.setattr(NotifyBase, "request_rate_per_sec", 0)


def wired(
    data_dir: Path, receiver: HttpReceiver, group_by: str = "event"
) -> tuple[Context, AlertEngine]:
    """The built-in urgent-mention settings, the brand's own Weibo account, a webhook."""
    hook = {"name": "hook", "type": "webhook", "options": {"endpoint": receiver.url("/a")}}
    config = AppConfig.model_validate(
        {
            "brand": "花颜",
            "own_accounts": {"weibo": ["花颜官方旗舰店"]},
            "dashboard": {"public_url": "http://dash.example"},
            "alerting": {"eval_interval": "1m", "notifiers": [hook]},
        }
    )
    ctx = Context(config=config, data_dir=data_dir, clock=SimulatedClock(NOON))
    ctx.__dict__["classifier"] = PassThroughClassifier()
    rule = parse_rule(
        {
            "name": "urgent-mention",
            "type": "urgent_mention",
            "min_urgency": "critical",
            "min_followers": 100_000,
            "influencer_min_urgency": "medium",
            "group_by": group_by,
        },
        "test",
    )
    engine = AlertEngine(ctx, [rule])
    ctx.pipeline.add_listener(engine.listen)
    return ctx, engine


def post(ctx: Context, key: str, text: str, urgency: Severity, **author: object) -> Mention:
    mention = make_mention(
        key,
        ctx.clock() - timedelta(seconds=5),
        text,
        category=Category.FOOD_SAFETY_HEALTH,
        urgency=urgency,
        **author,  # type: ignore[arg-type]
    )
    return mention


def test_a_blogger_joining_the_alert_is_announced_by_name(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    ctx, _engine = wired(data_dir, receiver)
    seed = "用了精华烂脸了，去医院皮肤科说是皮炎"
    ingest(ctx, [post(ctx, "seed", seed, Severity.CRITICAL, followers=3600, author="小鹿")])
    advance(ctx, timedelta(minutes=10))
    ingest(ctx, [post(ctx, "me2", "我也烂脸了", Severity.CRITICAL, followers=50)])
    assert len(receiver.requests) == 1  # another ordinary voice: counted, quiet
    advance(ctx, timedelta(minutes=10))
    blogger = post(
        ctx,
        "kol",
        "粉丝私信说用了精华过敏烂脸",
        Severity.HIGH,
        followers=800_000,
        verified=True,
        author="护肤博主Lily",
    )
    ingest(ctx, [blogger])
    assert len(receiver.requests) == 2
    update = receiver.requests[1].json
    assert update["title"].startswith("【紧急】事态更新："), update["title"]
    assert "@护肤博主Lily" in update["message"] and "粉丝 80 万" in update["message"]
    first_sample = next(line for line in update["message"].splitlines() if line.startswith("1. "))
    assert "@护肤博主Lily" in first_sample, update["message"]
    with ctx.sessions() as session:
        (alert,) = service.get_all(session)
    assert "@护肤博主Lily" in alert.summary and alert.count == 3

    # the same blogger again within the hour is no new news
    advance(ctx, timedelta(minutes=5))
    again = blogger.model_copy(update={"native_id": "kol2", "text": "还有十几个私信"})
    ingest(ctx, [again.model_copy(update={"id": ""})])
    assert len(receiver.requests) == 2


def test_the_brand_s_own_statement_is_no_urgent_mention(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    """Its reactions are own-post-reaction's to watch; 高危舆情 is about others' posts."""
    ctx, _engine = wired(data_dir, receiver)
    statement = post(
        ctx,
        "own",
        "关于网友反映的使用问题，产品均符合国家标准",
        Severity.HIGH,
        followers=1_200_000,
        verified=True,
        author="花颜官方旗舰店",
    )
    ingest(ctx, [statement])
    with ctx.sessions() as session:
        assert service.get_all(session) == []
    assert receiver.requests == []


def told(receiver: HttpReceiver) -> list[str]:
    """Who each message names first (the summary's @author)."""
    return [r.json["message"].split("@", 1)[1].split("，", 1)[0] for r in receiver.requests]


def as_account(mention: Mention, account: str, name: str) -> Mention:
    """The mention by one account (author id) under a display name."""
    author = mention.author.model_copy(update={"id": account, "name": name})
    return mention.model_copy(update={"author": author})


def test_each_author_is_named_once_per_alert_group_across_restarts(
    data_dir: Path, receiver: HttpReceiver
) -> None:
    """The demo crisis named its 大V twice in 13 minutes: A opened, B joined, A posted again.
    Grouped by category, so the service-attitude posts open a second alert of the group (by
    event they would be the first alert's: the posts are one event); the media account opening
    it is named as one joining an alert would be (it was not, until round 29)."""
    ctx, _engine = wired(data_dir, receiver, group_by="category")
    kol = dict(followers=1_260_000, verified=True)
    media = dict(followers=2_100_000, verified=True)

    def say(key: str, account: str, name: str, fans: dict, category: Category) -> None:
        mention = post(ctx, key, f"鲜味坊外卖吃出虫子 {key}", Severity.CRITICAL, **fans)
        ingest(ctx, [as_account(mention.model_copy(update={"category": category}), account, name)])
        advance(ctx, timedelta(minutes=3))

    food, service_ = Category.FOOD_SAFETY_HEALTH, Category.SERVICE_ATTITUDE
    say("a1", "u-a", "吃货小王大王", kol, food)  # opens the alert: names A
    say("b1", "u-b", "财经观察者", media, food)  # 事态更新: B
    say("a2", "u-a", "吃货小王大王", kol, food)  # A again: already named
    now = ctx.clock()
    ctx, _engine = wired(data_dir, receiver, group_by="category")  # a restart
    assert isinstance(ctx.clock, SimulatedClock)
    ctx.clock.advance_to(now)
    say("a3", "u-a", "吃货小王大王（已认证）", kol, food)  # A renamed: the same account
    say("c1", "u-c", "都市快报", media, service_)  # another alert of the group opens: names C
    say("d1", "u-d", "消费日报", media, service_)  # 事态更新 in it: D
    say("a4", "u-a", "吃货小王大王", kol, service_)  # A in that alert: named by the group
    with ctx.sessions() as session:
        alerts = service.get_all(session)
    assert len(alerts) == 2 and len({a.incident_id for a in alerts}) == 1
    assert told(receiver) == ["吃货小王大王", "财经观察者", "都市快报", "消费日报"]
