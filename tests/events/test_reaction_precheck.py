"""`reacts_to` answers without the story's top count when neither way can hold, and `may_react`
(checked once per post) is False only for posts that react to no story: the same answers as
the rule written out in full (`brand_events/reactions.py`), over every combination below."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import UTC, datetime

from brand_events.cluster import Cluster
from brand_events.reactions import may_react, names_news, reacts_to
from brand_events.retell import MIN_IDF, WIDE_SHARE

AT = datetime(2026, 12, 1, tzinfo=UTC)
IDF = {"星河": 12.0, "刹车": 9.5, "用户": 6.8, "#星河刹车#": 11.0, "#别的#": 11.0}
TEXTS = (
    "刚提的星河S7，看了新闻想退车",  # the news
    "星河S7的车机又死机了",  # no news
    "",
)
TERM_SETS = (
    ("星河",),
    ("星河", "用户"),
    ("#星河刹车#", "刹车"),
    ("#别的#", "星河"),
    ("用户",),
    (),
)
STORY_TERMS: tuple[Counter[str], ...] = (
    Counter({"星河": 40, "刹车": 30, "#星河刹车#": 12, "用户": 50}),
    Counter({"刹车": 40, "#星河刹车#": 2, "星河": 3}),
    Counter({"刹车": 40, "星河": 6, "#星河刹车#": 5}),  # together a quarter, neither alone
    Counter({"用户": 1}),
    Counter({"星河": 0}),
    Counter(),
)
OPENINGS = (("#星河刹车#", "刹车"), ("星河",), ())


def idf(term: str) -> float:
    return IDF.get(term, 5.0)


def reference(text: str, terms: tuple[str, ...], story: Cluster) -> bool:
    """The rule as written before the early answer: the top count first, then both ways (a
    #topic# of the opening said widely; the news and the story's rare words it names said,
    together, widely)."""
    said = story.terms.most_common(1)[0][1] if story.terms else 0
    wide = [t for t in terms if said and story.terms[t] >= said * WIDE_SHARE]
    if any(t.startswith("#") and t in story.opening for t in wide):
        return True
    rare = sum(story.terms[t] for t in terms if idf(t) >= MIN_IDF)
    return bool(said) and rare >= said * WIDE_SHARE and names_news(text)


def test_reacts_to_answers_as_the_full_rule_and_may_react_only_rules_out_non_reactions() -> None:
    checked = reacting = 0
    for text, terms in itertools.product(TEXTS, TERM_SETS):
        for story_terms, opening in itertools.product(STORY_TERMS, OPENINGS):
            story = Cluster(id="e", first_at=AT, last_at=AT, terms=Counter(story_terms))
            story.opening = opening
            expected = reference(text, terms, story)
            news = names_news(text)
            assert reacts_to(news, terms, story, idf) is expected, (text, terms, story_terms)
            if expected:
                assert may_react(news, terms), (text, terms)
                reacting += 1
            checked += 1
    assert checked == len(TEXTS) * len(TERM_SETS) * len(STORY_TERMS) * len(OPENINGS)
    assert reacting > 0  # both answers occur


def test_may_react_needs_the_news_or_a_topic() -> None:
    assert may_react(names_news("看了热搜吓死了"), ("精华",))
    assert may_react(names_news("车展现场"), ("#星河刹车#",))
    assert not may_react(names_news("星河S7的车机又死机了"), ("星河", "车机"))


def test_the_news_joins_on_the_storys_words_said_widely_together() -> None:
    # The ride week's police notice: 尾随 40 and 猥亵 14 against 司机 170 (a quarter is 42.5);
    # neither word alone is said that often, both together are.
    story = Cluster(
        id="e", first_at=AT, last_at=AT, terms=Counter({"司机": 170, "尾随": 40, "猥亵": 14})
    )
    notice = ("供认不讳", "猥亵", "尾随", "报警")
    assert reacts_to(True, notice, story, lambda t: 10.0)
    assert not reacts_to(True, ("猥亵", "报警"), story, lambda t: 10.0)
    assert not reacts_to(False, notice, story, lambda t: 10.0)  # no news named
    assert not reacts_to(True, ("司机", "报警"), story, lambda t: 6.8)  # everyday words only
