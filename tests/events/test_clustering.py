"""Event assignment, merging, splitting in time and titles, through the real pipeline."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from app.config import AppConfig
from brand_events import service
from brand_events.cluster import Cluster
from brand_events.features import BrandNames
from brand_events.listing import EventRow, read_events
from brand_events.titles import clauses, make_title
from core.context import Context
from core.models import Author, Mention

T0 = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)


def post(native_id: str, text: str, minutes: float, author: str, **fields: object) -> Mention:
    return Mention(
        source="weibo",
        channel="weibo",
        native_id=native_id,
        text=text,
        published_at=T0 + timedelta(minutes=minutes),
        author=Author(id=author, name=author),
        **fields,  # type: ignore[arg-type]
    )


def events_of(ctx: Context) -> list[EventRow]:
    return read_events(ctx)


def members_of(ctx: Context, event_id: str) -> set[str]:
    with ctx.sessions() as session:
        return {m.native_id for m in service.members(session, event_id=event_id)}


def test_reposts_copies_and_topic_posts_join_the_seed_event(ctx: Context) -> None:
    seed = post("s", "鲜味坊外卖的酸菜鱼里吃出一只蟑螂，门店还不承认", 0, "victim")
    reposts = [post(f"r{i}", "转发微博", 1 + i, f"r{i}", repost_of="s") for i in range(4)]
    copies = [
        post(f"c{i}", "#鲜味坊# 酸菜鱼里吃出一只蟑螂，门店还不承认", 10 + i, f"c{i}")
        for i in range(2)
    ]
    topical = [post("t", "鲜味坊蟑螂事件：酸菜鱼吃出蟑螂，后厨卫生太差", 30, "t")]
    other = post("o", "今天鲜味坊的黄焖鸡分量很足，好吃", 31, "o")
    ctx.pipeline.process([seed, *reposts, *copies, *topical, other])
    events = events_of(ctx)
    assert len(events) == 1
    event = events[0]
    assert members_of(ctx, event.id) == {"s", "r0", "r1", "r2", "r3", "c0", "c1", "t"}
    assert (event.first_native_id, event.first_author) == ("s", "victim")
    assert "蟑螂" in event.title and "鲜味" not in event.title


def test_a_reply_arriving_in_a_later_batch_finds_its_event(ctx: Context) -> None:
    seed = post("s", "鲜味坊骑手把汤洒了一地还骂人，投诉三次没人管", 0, "victim")
    ctx.pipeline.process(
        [seed, *(post(f"r{i}", "转发", i + 1, f"u{i}", repost_of="s") for i in range(5))]
    )
    ctx.pipeline.process([post("late", "太过分了", 60, "late", reply_to="s")])
    (event,) = events_of(ctx)
    assert "late" in members_of(ctx, event.id) and event.mention_count == 7


def test_ordinary_chatter_does_not_become_one_giant_event(ctx: Context) -> None:
    dishes = ["酸菜鱼", "黄焖鸡", "牛肉面", "煲仔饭", "小龙虾"]
    opinions = ["味道不错", "送得挺快", "分量少了点", "有点咸", "包装很好", "性价比一般"]
    batch = [
        post(f"c{i}", f"鲜味坊的{dishes[i % 5]}{opinions[(i // 5) % 6]}，外卖体验还行", i, f"u{i}")
        for i in range(300)
    ]
    ctx.pipeline.process(batch)
    biggest = max((e.mention_count for e in events_of(ctx)), default=0)
    assert biggest < 300 * 0.2


def test_two_events_about_the_same_thing_merge_and_old_ids_still_resolve(ctx: Context) -> None:
    a = post("a", "鲜味坊酸菜鱼吃出蟑螂", 0, "a")
    b = post("b", "鲜味坊门店后厨蟑螂乱爬，卫生太差", 1, "b")
    ctx.pipeline.process(
        [a, *(post(f"ra{i}", "转发", 2 + i, f"ra{i}", repost_of="a") for i in range(5))]
    )
    ctx.pipeline.process(
        [b, *(post(f"rb{i}", "转发", 9 + i, f"rb{i}", repost_of="b") for i in range(5))]
    )
    assert len(read_events(ctx)) == 2
    bridge = [
        post(f"x{i}", "鲜味坊酸菜鱼吃出蟑螂，门店卫生太差", 20 + i, f"x{i}") for i in range(3)
    ]
    ctx.pipeline.process(bridge)
    events = events_of(ctx)
    assert len(events) == 1 and events[0].mention_count == 15
    with ctx.sessions() as session:
        for old in ("a", "b"):
            old_id = next(m.id for m in [a, b] if m.native_id == old)
            resolved = service.get(session, event_id=old_id)
            assert resolved is not None and resolved.id == events[0].id
    assert len(members_of(ctx, events[0].id)) == 15


def test_the_same_topic_after_a_long_quiet_is_a_new_event(ctx: Context) -> None:
    def burst(tag: str, start: float) -> list[Mention]:
        seed = post(f"{tag}s", "鲜味坊外卖酸菜鱼吃出蟑螂", start, f"{tag}s")
        return [
            seed,
            *(
                post(f"{tag}{i}", "转发", start + i, f"{tag}{i}", repost_of=f"{tag}s")
                for i in range(5)
            ),
        ]

    ctx.pipeline.process(burst("a", 0))
    ctx.pipeline.process(burst("b", 60 * 24 * 4))
    ctx.pipeline.process(
        [post("z", "鲜味坊酸菜鱼又吃出蟑螂了，还是那家门店", 60 * 24 * 4 + 10, "z")]
    )
    events = sorted(events_of(ctx), key=lambda e: e.started_at)
    assert [e.mention_count for e in events] == [6, 7]


def test_titles_never_are_brand_fragments() -> None:
    config = AppConfig.model_validate(
        {
            "brand": "鲜味坊",
            "plans": [{"id": "x", "name": "鲜味坊", "expression": "鲜味坊|鲜味坊外卖|XWF"}],
        }
    )
    brand = BrandNames.from_config(config)
    assert brand.is_fragment("鲜味") and brand.is_fragment("鲜味坊") and brand.is_fragment("xwf")
    assert not brand.is_fragment("外卖") and not brand.is_fragment("味道")
    cluster = Cluster(id="e", first_at=T0, last_at=T0, size=3)
    cluster.terms.update({"鲜味": 3, "退款": 3, "客服": 2})
    cluster.exemplars = ["鲜味坊！！", "@鲜味坊官方 鲜味坊的退款一直不到账，客服也不理人", "鲜味坊"]
    title = make_title(cluster, brand, lambda term: 8.0)
    assert title == "退款一直不到账"
    empty = Cluster(id="e", first_at=T0, last_at=T0, size=2, exemplars=["鲜味坊", "鲜味坊！"])
    empty.terms.update({"鲜味": 2})
    assert make_title(empty, brand, lambda term: 8.0) == "未命名事件"


def test_an_event_folded_once_is_not_folded_again_by_the_same_post() -> None:
    """A post linked to a small event T that strongly matches a bigger A folds T into A once,
    even when T itself is also among the post's candidates after A."""
    from brand_events.cluster import Decision, Post
    from brand_events.clustering import Clusterer
    from brand_events.enums import JoinReason

    def cluster(cid: str, size: int, author: str) -> Cluster:
        return Cluster(
            id=cid,
            first_at=T0,
            last_at=T0,
            first_id=cid,
            size=size,
            independent=size,
            terms=Counter({"蟑螂": size, "酸菜鱼": size}),
            used=Counter({"蟑螂": size, "酸菜鱼": size}),
            authors={author},
            author_count=1,
        )

    clusterer = Clusterer()
    big, small = cluster("A", 5, "a"), cluster("T", 2, "t")
    clusterer.clusters.update({"A": big, "T": small})
    incoming = Post(
        id="p",
        source="weibo",
        native_id="p",
        published_at=T0,
        author="p",
        author_name="p",
        text="酸菜鱼蟑螂",
        terms=frozenset({"蟑螂", "酸菜鱼"}),
        parent_id="T",
    )
    decision = Decision(small, JoinReason.LINK)
    clusterer._merge_matches(incoming, decision, 0.5, [(0.9, big), (0.8, small)])

    assert decision.cluster is big and [c.id for c in decision.merged] == ["T"]
    assert big.size == 7 and big.author_count == 2 and big.terms["蟑螂"] == 7
    assert small.merged_into == "A"


def test_a_title_says_what_happened_not_where_it_was_reported() -> None:
    """The 12378 hotline and 银保监 are rare, heavy words, but 已经打了12378银保监投诉 is what the
    customer did about it; the PR manager reads the story from the grievance clause."""
    config = AppConfig.model_validate(
        {"brand": "招财银行", "plans": [{"id": "b", "name": "招财银行", "expression": "招财银行"}]}
    )
    brand = BrandNames.from_config(config)
    cluster = Cluster(id="e", first_at=T0, last_at=T0, size=3)
    cluster.terms.update({"12378": 3, "银保监": 3, "催收": 3, "爸妈": 2, "报警": 1})
    cluster.exemplars = [
        "招财银行催收把电话打到我爸妈那里，已经打了12378银保监投诉，也准备报警",
        "招财银行催收骚扰我爸妈",
    ]
    weights = {"12378": 9.0, "银保监": 9.0, "报警": 6.0, "催收": 4.0, "爸妈": 3.0}
    title = make_title(cluster, brand, lambda term: weights.get(term, 1.0))
    assert title == "催收把电话打到我爸妈那里"
    # With nothing else to say, the report itself still titles the event.
    lone = Cluster(id="e", first_at=T0, last_at=T0, size=2, exemplars=["已向12378实名举报招财银行"])
    lone.terms.update({"12378": 2})
    assert make_title(lone, brand, lambda term: 9.0) == "已向12378实名举报"


def test_a_title_keeps_who_said_it() -> None:
    """Trimming particles must not turn reported speech into a confession: 说我欠钱不还是老赖
    (what the collector called the customer) is not 我欠钱不还是老赖; 说好的 is not 好的."""
    brand = BrandNames.from_config(AppConfig.model_validate({"brand": "招财银行", "plans": []}))
    assert clauses("催收打给我爸妈，说我欠钱不还是老赖", brand)[-1] == "说我欠钱不还是老赖"
    assert clauses("说好的半价没兑现", brand) == ["说好的半价没兑现"]


def test_a_title_is_what_a_demand_asks_about() -> None:
    """The game week's crisis was titled 请解释为什么实际概率不到公示的一半 (its first post's
    demand to the brand): the title is what it asks about. A dare (敢不敢公布) keeps its words,
    and so does a question left too short without them."""
    brand = BrandNames.from_config(AppConfig.model_validate({"brand": "星游互娱", "plans": []}))
    asked = clauses("@星游互娱 请解释为什么实际概率不到公示的一半？数据都在图里", brand)
    assert asked[0] == "实际概率不到公示的一半"
    assert clauses("为什么充值了不到账", brand) == ["充值了不到账"]
    assert clauses("那敢不敢公布网点账号的查询记录", brand) == ["那敢不敢公布网点账号的查询记录"]
    assert clauses("凭什么封号", brand) == ["凭什么封号"]


def test_a_product_name_inside_a_clause_ends_it() -> None:
    """Taking a model name out of the middle of a clause must not glue its two sides together
    (我的星河S7上个月… is not 我的上个月…)."""
    config = AppConfig.model_validate(
        {
            "brand": "驰远汽车",
            "plans": [{"id": "c", "name": "驰远汽车", "expression": "驰远|星河S7"}],
        }
    )
    brand = BrandNames.from_config(config)
    found = clauses("我的星河S7上个月也出现过刹车踏板变硬，驰远星河S7刹车失灵必须召回", brand)
    assert found == ["上个月也出现过刹车踏板变硬", "刹车失灵必须召回"]
