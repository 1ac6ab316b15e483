"""A title shared by unrelated texts (an e-mail subject, a fixed thread title) is a template:
it does not make those posts one event; a story told under one headline still is one."""

from __future__ import annotations

from collectors.demo.stream import background_texts
from core.context import Context
from core.enums import Channel
from core.models import Mention
from tests.events.test_clustering import events_of, members_of, post

# Ordinary customer e-mails: nothing in common but the form's subject line.
BODIES = [
    "送餐很快，味道也不错，下次还点",
    "米饭有点硬，希望改进一下",
    "骑手态度很好，给个好评",
    "分量比上次少了，价格没变",
    "包装很严实，汤没有洒出来",
    "能不能多加一点辣椒",
    "发票怎么开，找了半天没找到",
    "配送员打电话很有礼貌",
    "青菜有点老，其他都还行",
    "优惠券用不了，麻烦看一下",
    "红烧肉偏甜，孩子很喜欢",
    "饮料是常温的，希望能冰一点",
]


def titled(native_id: str, title: str, text: str, minutes: float, channel: Channel) -> Mention:
    """A post with a title on a channel (each by its own author)."""
    made = post(native_id, text, minutes, f"author-{native_id}", title=title)
    return made.model_copy(update={"channel": channel, "source": channel.value})


def chatter(count: int, minutes: float) -> list[Mention]:
    """Weibo posts of distinct real reviews, evenly over `minutes` (the stream's background)."""
    texts = background_texts()[:count]
    return [post(f"w{n}", text, n * minutes / count, f"w{n}") for n, text in enumerate(texts)]


def test_a_form_subject_over_unrelated_mails_makes_no_event(ctx: Context) -> None:
    subject = "关于鲜味坊订单的反馈"
    mails = [titled(f"m{n}", subject, text, n * 8, Channel.EMAIL) for n, text in enumerate(BODIES)]
    stream = sorted([*chatter(160, 96), *mails], key=lambda m: m.published_at)
    ctx.pipeline.process(stream)  # 12 mails among 160 posts in 1.5 hours
    assert events_of(ctx) == []


def test_one_story_under_one_headline_is_still_one_event(ctx: Context) -> None:
    story = "鲜味坊酸菜鱼里吃出蟑螂"
    bodies = [
        "酸菜鱼里吃出一只蟑螂，门店还不承认",
        "同一家店，我的酸菜鱼里也有蟑螂",
        "看到酸菜鱼蟑螂的帖子，吓得我退单了",
        "酸菜鱼蟑螂事件有后续吗，门店回应了没",
        "蟑螂酸菜鱼这事必须给个说法",
        "朋友也在这家店的酸菜鱼里见过蟑螂",
    ]
    posts = [titled(f"p{n}", story, body, n * 4, Channel.FORUM) for n, body in enumerate(bodies)]
    ctx.pipeline.process(sorted([*chatter(40, 24), *posts], key=lambda m: m.published_at))
    (event,) = events_of(ctx)
    assert members_of(ctx, event.id) == {f"p{n}" for n in range(len(bodies))}
