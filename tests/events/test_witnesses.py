"""A crisis's own people join it (`brand_events/witnesses.py`): its first author's update and
others saying it happened to them too. The demo's food-poisoning crisis left 14 of its 42 posts
out of its event, each a one-post event no one sees. The idiom 我也是醉了 of an everyday
complaint, a "me too" that is no grievance and a grievance saying no "me too" stay apart."""

from __future__ import annotations

import random

import pytest

from brand_events import service
from brand_events.enums import JoinReason
from brand_events.synthetic import Stream, chatter
from brand_events.tracker import EventTracker
from brand_events.witnesses import says_me_too
from core.context import Context
from core.models import Author, Mention, SentimentLabel
from tests.events.test_retold_copies import mention, said

NEGATIVE, POSITIVE = SentimentLabel.NEGATIVE, SentimentLabel.POSITIVE
VICTIM = Author(id="victim", name="吃货小王大王")
SEED = "昨晚在鲜味坊点的外卖，酸菜鱼里吃出了一只虫子，半夜全家上吐下泻，孩子食物中毒住院了！"
UPDATE = (
    "更新：鲜味坊至今没有任何人联系我们，客服电话永远占线，我们已经委托律师准备起诉，孩子还在医院"
)
VOICE = "鲜味坊吃完胃疼了一晚上，本来以为是自己肠胃不好，看了热搜才知道不止我一个"
SPOUSE = "鲜味坊太恶心了，我老公昨天吃完也是吐了一晚上，再也不点了"
IDIOM = "在鲜味坊点的外卖，送了两个小时才到，我也是醉了"  # an everyday complaint
GLAD = "我也点了鲜味坊的新品，挺好吃的"  # "me too", no grievance
ALONE = "鲜味坊的米饭太硬了，菜也咸"  # a grievance, no "me too"


def _members(ctx: Context, story: Mention) -> dict[str, str]:
    with ctx.sessions() as session:
        return {m.native_id: m.reason for m in service.members(session, event_id=story.id)}


def test_the_first_authors_update_and_others_me_too_join_the_crisis(ctx: Context) -> None:
    tracker = EventTracker(ctx.sessions, ctx.config)
    stream = Stream()
    chatter(random.Random(3), stream, 6, 30)  # six hours of everyday posts before the story
    tracker.track(stream.mentions)
    seed = said("s", SEED, 0, NEGATIVE, author=VICTIM)
    reposts = [mention(f"r{m}", "转发微博", m, repost_of="s") for m in range(1, 12)]
    posts = [
        said("voice", VOICE, 14, NEGATIVE),
        said("spouse", SPOUSE, 15, NEGATIVE),
        said("update", UPDATE, 16, NEGATIVE, author=VICTIM),
        said("idiom", IDIOM, 17, NEGATIVE),
        said("glad", GLAD, 18, POSITIVE),
        said("alone", ALONE, 19, NEGATIVE),
    ]
    tracker.track([seed, *reposts, *posts])
    members = _members(ctx, seed)
    witness = JoinReason.WITNESS
    assert (members.get("voice"), members.get("spouse"), members.get("update")) == (witness,) * 3
    assert not {"idiom", "glad", "alone"} & members.keys()


def test_another_authors_words_are_no_update_and_a_quiet_story_takes_no_voice(
    ctx: Context,
) -> None:
    tracker = EventTracker(ctx.sessions, ctx.config)
    seed = said("s", SEED, 0, NEGATIVE, author=VICTIM)
    reposts = [mention(f"r{m}", "转发微博", m, repost_of="s") for m in range(1, 12)]
    stranger = said("stranger", UPDATE, 16, NEGATIVE)  # the same words by someone else
    late = said("late", VOICE, 8 * 60, NEGATIVE)  # hours after the story went quiet
    tracker.track([seed, *reposts, stranger, late])
    members = _members(ctx, seed)
    assert members.get("stranger") != JoinReason.WITNESS
    assert "late" not in members


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("不止我一个！前天在鲜味坊点的水煮鱼，吃完拉肚子到现在", True),
        ("我也是鲜味坊受害者，上个月吃出头发", True),
        ("道歉有那么难吗？我也吃坏肚子了", True),
        ("我也是！昨天刚点过", True),
        ("送了两个小时才到，我也是醉了", False),
        ("我也是够无语的", False),
        ("米饭太硬了", False),
    ],
)
def test_me_too_is_read_from_the_words(text: str, says: bool) -> None:
    assert says_me_too(text) is says


def test_a_me_too_in_a_crisis_first_minutes_joins_it_once_listed(ctx: Context) -> None:
    """The demo's 我老公昨天吃完也是上吐下泻 (04:05) and the 受害者 who started a 维权群 (04:03)
    came while the story had 5–9 posts: listed, not yet bursting-sized, so each stayed a post
    no one sees. A young listed story takes them; one begun over half an hour ago does not."""
    tracker = EventTracker(ctx.sessions, ctx.config)
    seed = said("s", SEED, 0, NEGATIVE, author=VICTIM)
    reposts = [mention(f"r{m}", "转发微博", m, repost_of="s") for m in range(1, 5)]
    tracker.track([seed, *reposts, said("spouse", SPOUSE, 6, NEGATIVE)])
    assert _members(ctx, seed).get("spouse") == JoinReason.WITNESS
    tracker.track([said("voice", VOICE, 45, NEGATIVE)])  # still 6 posts, begun 45 min ago
    assert "voice" not in _members(ctx, seed)
