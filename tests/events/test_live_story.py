"""A skincare brand's 精华 story (`brand_events/retell.py`): the cosmetics week split one 过敏/烂脸
incident into the story and nine side events. Its retellings share 精华 — the product, in a
quarter of the brand's everyday posts — and 过敏/烂脸, which only the story made common (its own
posts were a tenth of the recent ones); and the morning wave came twelve hours after the first
post, while the story was still being talked about."""

from __future__ import annotations

from datetime import datetime, timedelta

from brand_events.cluster import Cluster, Post
from brand_events.clustering import Clusterer
from brand_events.features import term_idf
from brand_events.retell import Live, retells
from brand_events.synthetic import T0

START = T0 + timedelta(hours=6)  # after six hours of everyday posts
STORY = ("精华", "过敏", "烂脸", "批号", "接触性皮炎")
# Another customer's version, copy-pasted by many: the everyday 精华 and the story's 过敏.
VOICE = ("精华", "过敏", "脖子", "红疹", "刺痛", "眼睛")
# A different story about the same product the same evening: a leaking delivery.
LEAK = ("精华", "快递", "破损", "漏液", "客服", "补发")


def at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


def post(name: str, minutes: float, words: tuple[str, ...], **extra: str) -> Post:
    return Post(name, "weibo", name, at(minutes), name, name, "", words, **extra)  # type: ignore[arg-type]


def story(clusterer: Clusterer, hours: int = 2) -> None:
    """300 everyday posts (a quarter say 精华), then the story: a first post, 60 customers in
    its own words within two hours (one in six says 客服), and reposts every 20 minutes for
    `hours` hours."""
    for i in range(300):
        words = (f"w{i}a", f"w{i}b", f"w{i}c") + (("精华",) if i % 4 == 0 else ())
        clusterer.assign(post(f"b{i}", -300 + i, words))
    posts = [post("s", 0, STORY)]
    said = [("精华", "过敏", "烂脸", f"x{i}") + ("客服",) * (i % 6 == 0) for i in range(60)]
    posts += [post(f"v{i}", 1 + i * 2, words) for i, words in enumerate(said)]
    posts += [post(f"r{i}", 5 + 20 * i, (), parent_id="s") for i in range(hours * 3)]
    for item in sorted(posts, key=lambda p: p.published_at):
        clusterer.assign(item)


def copies(clusterer: Clusterer, words: tuple[str, ...], name: str, start: float) -> set[str]:
    """A copy group of seven posts from `start`; returns the events they end up in."""
    group = [post(f"{name}{i}", start + 5 * i, words, group_id=f"{name}0") for i in range(7)]
    for item in group:
        clusterer.assign(item)
    return {clusterer.resolve(clusterer.owner[p.id]).id for p in group}  # type: ignore[union-attr]


def test_retellings_sharing_the_everyday_product_word_and_the_storys_own_word_join() -> None:
    clusterer = Clusterer()
    story(clusterer)
    assert clusterer.resolve(clusterer.owner["v59"]).id == "s"  # type: ignore[union-attr]
    assert copies(clusterer, VOICE, "c", 30) == {"s"}


def test_a_retelling_the_next_morning_joins_the_story_still_being_talked_about() -> None:
    clusterer = Clusterer()
    story(clusterer, hours=14)  # reposts all night
    assert copies(clusterer, VOICE, "m", 12.5 * 60) == {"s"}  # 08:40 after a 20:10 story


def test_a_retelling_after_the_story_went_quiet_is_a_new_event() -> None:
    clusterer = Clusterer()
    story(clusterer)  # last post after two hours
    assert copies(clusterer, VOICE, "q", 10 * 60) == {"q0"}


def test_another_story_about_the_same_product_the_same_evening_stays_apart() -> None:
    clusterer = Clusterer()
    story(clusterer)
    assert copies(clusterer, LEAK, "k", 30) == {"k0"}


def test_a_story_grown_by_copies_is_judged_by_what_all_its_posts_say() -> None:
    # The cosmetics week at 22:50: 13 independent posts among 195, 精华 said in 62 of them.
    story = Cluster(id="s", first_at=START, last_at=at(150), size=195, independent=13)
    story.used.update({"精华": 10, "批号": 7, "修护": 3, "退款": 2, "要求": 2})
    story.terms.update({"精华": 62, "批号": 55, "修护": 16, "退款": 20, "要求": 20, "医院": 9})
    side = Cluster(id="v", first_at=at(12), last_at=at(150), size=16)
    live = Live(timedelta(hours=6), timedelta(hours=24), timedelta(hours=2))

    def judge(terms: tuple[str, ...]) -> bool:
        everyday = {"精华": 5.0}  # in a tenth of the brand's other posts
        weight = lambda t, _: everyday.get(t, term_idf(t))  # noqa: E731
        return retells(terms, side, story, at(160), live, 0.5, term_idf, weight)

    assert judge(("不止", "修护", "精华", "脸肿", "睁不开", "医院", "急诊"))
    assert not judge(("面霜", "退款", "一直", "到账", "要求"))  # a refund, said by the story too
    assert not judge(("精华", "快递", "破损", "漏液", "医院"))  # only the product in common
