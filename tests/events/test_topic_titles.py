"""A story the public named with a #topic# is titled by it. The gym chain's closure crisis
opened 「@悦动健身 你们的招牌挂在门口，会员的钱到底谁来退？#悦动健身长沙多店闭店#」 and
was titled by a clause of the backlash three hours later (总部把责任全推给加盟商);
the estate week's owners' protest by 说不签收房确认书就不给钥匙. The tag is what PR
staff search the platform for."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from brand_events.cluster import Cluster
from brand_events.features import BrandNames
from brand_events.titles import make_title, topic_title
from brand_events.tracker import EventTracker
from core.context import Context

BRAND = BrandNames(["悦动健身", "悦颜美容"], ["悦动"])
AT = datetime(2026, 11, 25, 9, tzinfo=UTC)
SEED = "@悦动健身 你们的招牌挂在门口，会员的钱到底谁来退？#悦动健身长沙多店闭店#"
BACKLASH = "总部把责任全推给加盟商，会员卡上印的可是悦动健身的logo"


def weight(term: str) -> float:
    return 9.0


def event(exemplars: list[str], used: dict[str, int], independent: int) -> Cluster:
    terms = Counter({"加盟商": 9, "闭店": 6, "会员": 5, **used})
    return Cluster(
        "e",
        AT,
        AT,
        size=independent * 8,
        terms=terms,
        used=Counter({"加盟商": 9, "闭店": 6, "会员": 5, **used}),
        independent=independent,
        exemplars=exemplars,
    )


def test_the_first_posts_topic_titles_the_story_as_written() -> None:
    cluster = event([SEED, BACKLASH], {"#悦动健身长沙多店闭店": 1}, independent=12)
    assert make_title(cluster, BRAND, weight) == "#悦动健身长沙多店闭店#"
    cluster = event([BACKLASH, BACKLASH], {}, independent=12)
    assert make_title(cluster, BRAND, weight) == "总部把责任全推给加盟商"  # no topic: a clause


def test_a_later_topic_needs_two_posts_and_a_tenth_of_them() -> None:
    tagged = "长沙五家店一夜关门，卡里还有六千 #悦动长沙闭店#"
    for count, independent, titled in ((1, 5, False), (2, 12, True), (2, 30, False), (3, 30, True)):
        cluster = event([BACKLASH, tagged], {"#悦动长沙闭店": count}, independent)
        assert (topic_title(cluster, BRAND) == "#悦动长沙闭店#") is titled, (count, independent)


def test_a_tag_of_the_brand_or_of_every_feed_names_no_story() -> None:
    for tag in ("悦动健身", "健身打卡", "黑猫投诉", "悦动健身日常分享", "5G"):
        first = f"今天练腿，教练很专业 #{tag}#"
        cluster = event([first, first], {"#" + tag.casefold(): 40}, independent=40)
        assert topic_title(cluster, BRAND) == "", tag
    owners = "一百多户业主都是这样，明天一起去售楼处讨说法 #安居翡翠湾业主维权#"
    cluster = event([owners], {"#安居翡翠湾业主维权": 2}, independent=12)
    assert topic_title(cluster, BrandNames(["安居地产"], ["安居"])) == "#安居翡翠湾业主维权#"


def test_the_tag_keeps_its_case() -> None:
    first = "充电时突然冒烟 #曜石X5Pro充电起火#"
    cluster = event([first], {"#曜石x5pro充电起火": 1}, independent=3)
    assert topic_title(cluster, BrandNames(["曜石"])) == "#曜石X5Pro充电起火#"


def test_a_settled_title_gives_way_once_to_the_topic_the_story_trends_under(ctx: Context) -> None:
    """Titled from its first 120 posts, before anyone tagged it; the #topic# came later."""
    tracker = EventTracker(ctx.sessions, ctx.config)
    kitchen = "后厨视频里老鼠在案板上跑 #鲜味坊后厨老鼠#"
    cluster = event(["鲜味坊后厨的视频太恶心了", kitchen], {}, independent=40)
    cluster.title, cluster.titled_size, cluster.size = "后厨的视频太恶心了", 120, 130
    cluster.author_count, cluster.hourly = 100, Counter({0: 60})
    assert tracker._visible(cluster) and cluster.title == "后厨的视频太恶心了"  # no topic yet
    cluster.used["#鲜味坊后厨老鼠"] = 5
    assert tracker._visible(cluster) and cluster.title == "#鲜味坊后厨老鼠#"
    assert cluster.titled_size == 120  # settled: only a topic retitles it
