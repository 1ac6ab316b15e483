"""An event's title tells what happened, not the tone a clause ends on. In a car week 刹车 and
方向盘 are in posts every hour, so the clusterer weighs them as routine, and test drives that all
ended 「其他还行」 were titled 其他还行: 还行 was the heaviest term left."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from brand_events.cluster import Cluster
from brand_events.features import BrandNames
from brand_events.titles import SETTLED, clauses, escalation, make_title, title_due
from sentiment.word_kinds import names_a_subject

DRIVE = "试驾驰远极光EV半小时，刹车脚感偏硬，方向盘有点虚，其他还行"
ROUTINE = {"刹车": 2.0, "方向盘": 2.0}  # damped: in the brand's posts every hour


def weight(term: str) -> float:
    return ROUTINE.get(term, 9.0)


def test_a_tone_clause_does_not_title_the_event() -> None:
    at = datetime(2026, 11, 29, tzinfo=UTC)
    terms = Counter(
        {"极光": 6, "还行": 6, "刹车": 6, "方向盘": 6, "半小时": 6, "有点": 6, "其他": 6}
    )
    cluster = Cluster("e", at, at, size=6, terms=terms, exemplars=[DRIVE] * 3)
    title = make_title(cluster, BrandNames(["驰远", "星河S7", "远航L6", "极光EV"]), weight)
    assert title != "其他还行"
    assert "方向盘" in title or "刹车" in title, title


def test_tone_words_name_no_subject() -> None:
    assert not {w for w in ("还行", "其他", "有点", "各位", "三天", "半小时") if names_a_subject(w)}
    named = {w for w in ("方向盘", "刹车", "异响", "退款", "12378") if names_a_subject(w)}
    assert named == {"方向盘", "刹车", "异响", "退款", "12378"}


def test_a_title_made_from_many_posts_stays() -> None:
    """Retitled as it doubles while young; once made from SETTLED posts, the name people have
    read in alerts and reports stays however the event grows."""
    at = datetime(2026, 12, 3, tzinfo=UTC)

    def cluster(size: int, titled_size: int) -> Cluster:
        return Cluster("e", at, at, size=size, title="校区突然关门", titled_size=titled_size)

    assert title_due(Cluster("e", at, at, size=3))  # untitled
    assert title_due(cluster(24, 12)) and not title_due(cluster(23, 12))
    assert title_due(cluster(2 * (SETTLED - 1), SETTLED - 1))
    assert not title_due(cluster(400, SETTLED)) and not title_due(cluster(4_000, 192))


def test_a_forum_opening_does_not_title_the_event() -> None:
    """Posts comparing the brand's and a rival's 冷链 (a product line: a name fragment), one of
    them opened 请教一下，: the event was titled 请教一下. Without a term that can name it the
    first post's first clause titles it, not 未命名事件."""
    at = datetime(2026, 12, 4, tzinfo=UTC)
    posts = [
        "迅达和顺途速运的冷链都用过，各有各的好",
        "请教一下，迅达和顺途速运的冷链都用过，各有各的好",
        "【快递】迅达和顺途速运的冷链都用过，各有各的好！",
    ]
    terms = Counter({"冷链": 4, "顺途速运": 4, "请教": 1})
    cluster = Cluster("e", at, at, size=4, terms=terms, exemplars=posts)
    brand = BrandNames(["迅达", "迅达快递", "迅达冷链", "顺途速运"])
    assert not names_a_subject("请教") and not names_a_subject("请问")
    title = make_title(cluster, brand, lambda term: 9.0)
    assert title == "冷链都用过", title


def test_a_project_named_after_the_brand_leaves_no_dot_and_rights_are_no_title() -> None:
    # The property week: 「安居·学府里又发通知推迟交付，业主们已经在准备一起维权了」 titled its
    # crisis 业主们已经在准备一起维权 (what the owners will do), then ·学府里又发通知推迟交付.
    found = clauses("安居·学府里又发通知推迟交付，业主们已经在准备一起维权了", BrandNames(["安居"]))
    assert found[0] == "学府里又发通知推迟交付"
    assert escalation("业主们已经在准备一起维权") and not escalation("学府里又发通知推迟交付")
