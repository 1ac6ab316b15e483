"""A crisis's own people join it: its first author's updates, and others saying "me too".

The demo's food-poisoning crisis (its first post: 酸菜鱼里吃出了一只虫子…孩子食物中毒住院了)
left 14 of its 42 posts out of its event, each a one-post event no one sees. Two kinds:
- its first author's update a quarter of an hour later (更新：孩子还在医院，鲜味坊至今没有任何人
  联系我们…我们已经委托律师，准备起诉), sharing one word with the story (虫子);
- others telling their own version (不止我一个！前天在鲜味坊点的水煮鱼，吃完拉肚子到现在; 我也是
  鲜味坊受害者; 道歉有那么难吗？我也吃坏肚子了): their words are their own meal and symptoms, not
  the story's, so they share none of its rare words.

While a story is live and bursting-sized (`retell.Live`, BURST_SIZE), a post joins the largest
such story when nothing else placed it and
- its author started the story (the same source and author name, not the brand's own account)
  and it says a word of the story or calls itself an update (更新：, 【后续】), or
- it is a grievance (negative or a complaint) that says it happened to its author too
  (不止我一个, 我也是, 我也吃坏了, 我老公昨天吃完也是…, 也中招, 受害者 …).
Neither shapes the story's words or title: an update retells the story, a voice tells its own
meal. An everyday grievance that says no "me too" stays apart, as before.
"""

from __future__ import annotations

import re

from brand_events.cluster import Cluster, Post

# 我也是 said of the story (我也是！, 我也是受害者, 我也是昨天点的), not the idiom 我也是醉了
# (I give up), which everyday complaints say all the time (我也是醉了, 我也是服了, 我也是够无语的).
_SO_WAS_I = "是(?=[，,！!。\\s]|受害者|这样|一样|同样|昨天|前天|上周|刚)"
# "It happened to me too": the author counts themself among the story's people.
ME_TOO = re.compile(
    "不止我一(?:个|家|人)|不只我一(?:个|家|人)|"
    f"我(?:们家?)?也(?:{_SO_WAS_I}|被|遇到|碰到|中招|吃|喝|用|买|点)|"
    "(?:我家|我们家|老公|老婆|孩子|家人|朋友|室友|同事|我妈|我爸)[^，。！？]{0,6}也(?:是|被|中招|吃|喝)|"
    "也中招|同样的遭遇|一样的遭遇|受害者"
)

# An update by the author of a post (楼主更新): 更新：…, 【后续】…, 进展：…
UPDATE = re.compile(r"\s*[【\[#]?(?:更新|后续|最新进展|进展|补充|追更)[】\]#]?\s*[:：\s]")


def says_me_too(text: str) -> bool:
    """True when the text says what the story tells happened to its author too."""
    return ME_TOO.search(text) is not None


def follows_up(post: Post, story: Cluster) -> bool:
    """True when the post is the story's first author's own update: the same source and
    author name, and it says a word of the story's or calls itself an update (更新：…)."""
    if post.own or not post.author_name:
        return False
    if post.author_name != story.first_author or post.source != story.first_source:
        return False
    return (
        UPDATE.match(post.text) is not None
        or any(term in story.terms for term in post.terms)
        or any(term in post.text for term in story.opening)
    )


def voices_story(post: Post) -> bool:
    """True when the post may be a crisis's voice: a grievance saying "me too"."""
    return post.grievance and not post.own and says_me_too(post.text)
