"""Reactions to a running crisis join it: 看了新闻想退车, 看了热搜吓死了, a post under its #topic#.

Once a crisis is in the news, people react to the story as news: 刚提的星河S7，看了新闻想退车;
看了热搜吓死了，我昨天刚给我妈买了花颜精华…; 看完视频吓出一身冷汗，我家星河S7… They name the
product the story is about and their own fear or demand, never the failure's words, so they
share one word with the story (the product, which the brand's customers say every day) and
started events of their own (the car week: 8 + 5 posts in side events and 11 in none; the
skincare week: 8 + 3). A post at the scene under the story's own #topic# (a protest at a motor
show: #驰远星河S7刹车失灵#) tells a new part of the story in new words.

A post joins the largest live story (`retell.Live`) it reacts to, when nothing else placed it:
- it speaks of the story as news (看了新闻, 上热搜, 看完视频, 媒体报道 …) and names words of the
  story that are no everyday language (jieba's idf ≥ retell.MIN_IDF: 星河 12.0, 精华 8.2; 用户
  6.8 of repost notes is not) and that the story's posts say, together, at least a quarter as
  often as its top word (the ride week's police notice: 尾随 40 and 猥亵 14 against 司机 170;
  one word alone missed it once eleven copies of a reaction had said 司机 again), or
- it carries a #topic# of the story's first post that the story's posts say that often.
An authority's notice (杭州市公安局警情通报：…冒充快递客服…) and a reporter's findings
(记者暗访发现…) are the story as news too: they name the case, seldom the brand's words for
it, and opened events and 高危舆情 alerts of their own (the express and ride-hailing weeks'
police notices).
A copy group of such a reaction is merged into the story at its next copy. A complaint of the
same product that does not speak of the news (车机又死机了) is no reaction.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from brand_events.cluster import Cluster
from brand_events.retell import MIN_IDF, WIDE_SHARE

# The story as news: what people saw (新闻, 热搜, 视频, 报道) before they react, or the news
# itself: an authority's notice (警情通报：) or a reporter's findings (记者调查, 记者暗访).
NEWS = re.compile(
    "(?:看了|看到|看完|刷到|刚看|听说)(?:这个|那个|这条|那条)?(?:新闻|热搜|视频|报道|曝光)|"
    "上了?热搜|热搜上|新闻里|新闻上|媒体报道|被曝光|"
    "(?:警情|情况)通报|通报[：:]|记者(?:调查|暗访|实测|走访|采访|了解到|获悉|从[^，。]{1,12}获悉)"
)


def names_news(text: str) -> bool:
    """True when the text speaks of a story in the news (看了新闻, 上热搜, 看完视频 …)."""
    return NEWS.search(text) is not None


def may_react(news: bool, terms: tuple[str, ...]) -> bool:
    """False when a post (`news`: whether it names the news; its terms) reacts to no story
    whatever the story: it neither speaks of the news nor carries a #topic#. Checked once per
    post before any story is."""
    return news or any(t.startswith("#") for t in terms)


def reacts_to(
    news: bool, terms: tuple[str, ...], story: Cluster, idf: Callable[[str], float]
) -> bool:
    """True when a post (`news`: whether its text names the news, found once per post by
    names_news; its terms) reacts to `story`: its #topic#, or the news of it and a word it is
    about (`idf`: a word's idf)."""
    if not news and not any(t.startswith("#") and t in story.opening for t in terms):
        return False  # neither way can hold: the story's top count need not be found
    counts = story.terms
    said = counts.most_common(1)[0][1] if counts else 0
    if not said:
        return False
    wide = said * WIDE_SHARE
    if any(t.startswith("#") and t in story.opening and counts[t] >= wide for t in terms):
        return True
    return news and sum([counts[t] for t in terms if counts[t] and idf(t) >= MIN_IDF]) >= wide
