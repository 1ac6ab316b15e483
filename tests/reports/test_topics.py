"""负面话题 are subjects people complain about: never the brand's name or its fragments, the
names in @mentions and repost chains, or tone words; a quote is shown under one topic only."""

from __future__ import annotations

from pathlib import Path

from app.config import AppConfig
from core.context import Context
from core.enums import Category, Channel, SentimentLabel, Severity
from core.models import Urgency
from reports.config import Period
from reports.period import last_full
from reports.render import render_html
from reports.service import build_data
from tests.reports.factories import NOW, PLAN, TZ, WEEK, Spec, spread

WINDOW = last_full(Period.WEEKLY, NOW, TZ)


def spec(n: int, keywords: tuple[str, ...], text: str) -> Spec:
    return Spec(
        n,
        SentimentLabel.NEGATIVE,
        Category.FOOD_SAFETY_HEALTH,
        Severity.HIGH,
        Channel.WEIBO,
        keywords,
        text,
    )


# The keywords the classifier stored for posts like those of the review (rep4_02.png).
POSTS = [
    spec(6, ("鲜味", "外卖", "异物", "发霉"), "鲜味坊外卖吃出异物，米饭还发霉了"),
    spec(4, ("鲜味", "不止", "拉肚子"), "不止我一个！前天在鲜味坊点的水煮鱼，吃完拉肚子"),
    spec(3, ("吓死", "厨娘", "小厨"), "吓死了，我昨天也点了//@江南小厨娘:转发，大家注意"),
    spec(2, ("官方", "退款"), "@鲜味坊官方 退款申请一周没人处理"),
]


def brand_config() -> AppConfig:
    """鲜味坊 with its plan keywords and its official account."""
    plan = {
        "id": PLAN,
        "name": "鲜味坊",
        "expression": "鲜味坊|鲜味坊外卖|XWF",
        "own_accounts": ["鲜味坊官方"],
    }
    return AppConfig.model_validate(
        {"brand": "鲜味坊", "timezone": "Asia/Shanghai", "plans": [plan]}
    )


def test_topics_are_subjects_not_names_or_fragments(tmp_path: Path) -> None:
    ctx = Context(config=brand_config(), data_dir=tmp_path / "var", clock=lambda: NOW)
    ctx.index.upsert_many(spread(POSTS, WEEK, "cur"))
    data = build_data(ctx, WINDOW, PLAN)
    ctx.close()

    keywords = [t.keyword for t in data.topics]
    # 鲜味 (of 鲜味坊), 外卖 (of the plan keyword 鲜味坊外卖), 官方 (of 鲜味坊官方), 不止 and 吓死
    # (tone, no subject), 厨娘 and 小厨 (of the repost-chain name //@江南小厨娘) are no topics.
    assert keywords == ["发霉", "异物", "拉肚子", "退款"]
    quotes = [q.text for t in data.topics for q in t.quotes]
    assert len(quotes) == len(set(quotes))  # 异物 does not repeat the quotes of 发霉
    by_keyword = {t.keyword: t for t in data.topics}
    assert by_keyword["异物"].quotes and by_keyword["异物"].count == 6
    assert not set(q.text for q in by_keyword["发霉"].quotes) & {
        q.text for q in by_keyword["异物"].quotes
    }
    html = render_html(data, {}, TZ)
    for word in ("鲜味", "外卖", "不止", "吓死", "厨娘", "小厨"):
        assert f'<span class="kw">{word}</span>' not in html


# Words the keyword table holds that name no subject: fragments where two words meet (都凉 of
# 心都凉了, 吃下 of 吃下去, 死得 of 死得很惨), an adverb (一直) and a pronoun (这家); beside
# them subjects that are a verb (退款), an adjective (发霉) and a noun (服务员).
SLANG = [
    spec(7, ("都凉", "服务员"), "等了一个小时，心都凉了，服务员还在玩手机"),
    spec(6, ("吃下", "发霉"), "吃下去才发现面包发霉了"),
    spec(5, ("死得", "一直"), "客服一直说在处理，等到死得了"),
    spec(4, ("这家", "退款"), "这家店退款拖了半个月"),
]


def test_a_topic_is_a_word_that_names_a_subject(tmp_path: Path) -> None:
    """都凉 (the 都凉 of the review), 吃下, 死得 — no dictionary words, fragments of two — and
    一直, 这家 (an adverb, a pronoun) head no topic however often they come; 服务员, 发霉 and
    退款 do, though 退款 is a verb to jieba and 发霉 an adjective."""
    config = AppConfig.model_validate({"brand": "鲜味坊", "timezone": "Asia/Shanghai"})
    ctx = Context(config=config, data_dir=tmp_path / "var", clock=lambda: NOW)
    ctx.index.upsert_many(spread(SLANG, WEEK, "cur"))
    data = build_data(ctx, WINDOW, PLAN)
    ctx.close()

    assert [t.keyword for t in data.topics] == ["服务员", "发霉", "退款"]
    html = render_html(data, {}, TZ)
    for word in ("都凉", "吃下", "死得", "一直", "这家"):
        assert f'<span class="kw">{word}</span>' not in html
    assert '<span class="kw">服务员</span>' in html


ADDRESSED = [
    spec(8, ("车友", "异响"), "各位车友，新车车门异响"),
    spec(6, ("姐妹", "过敏"), "姐妹们，这个面霜用了过敏"),
]


def test_how_posters_address_one_another_is_no_topic(tmp_path: Path) -> None:
    """车友 and 姐妹 open forum posts of every kind: they head no 负面话题; 异响, which jieba's
    dictionary lacks, does."""
    config = AppConfig.model_validate({"brand": "驰远汽车", "timezone": "Asia/Shanghai"})
    ctx = Context(config=config, data_dir=tmp_path / "var", clock=lambda: NOW)
    ctx.index.upsert_many(spread(ADDRESSED, WEEK, "cur"))
    data = build_data(ctx, WINDOW, PLAN)
    ctx.close()

    assert [t.keyword for t in data.topics] == ["异响", "过敏"]


def test_the_brands_own_statement_is_no_typical_voice(tmp_path: Path) -> None:
    """A statement of the brand's account is negative and urgent by its words (发霉, 退款) but
    is quoted under no topic: 典型原声 are the customers'."""
    posts = [
        spec(3, ("发霉",), "关于发霉米饭的情况说明：已下架同批次米饭，受影响顾客可全额退款"),
        spec(3, ("发霉",), "米饭发霉了还送来，吃了两口才发现"),
    ]
    mentions = spread(posts, WEEK, "cur")
    statement = mentions[0].author.model_copy(update={"name": "鲜味坊官方", "followers": 900_000})
    loud = Urgency(level=Severity.CRITICAL, score=90.0)  # its reach makes it the most urgent
    mentions[:3] = [
        m.model_copy(update={"author": statement, "urgency": loud}) for m in mentions[:3]
    ]
    ctx = Context(config=brand_config(), data_dir=tmp_path / "var", clock=lambda: NOW)
    ctx.index.upsert_many(mentions)
    data = build_data(ctx, WINDOW, PLAN)
    ctx.close()

    (topic,) = [t for t in data.topics if t.keyword == "发霉"]
    assert topic.quotes and all("情况说明" not in q.text for q in topic.quotes)


def test_a_model_name_topic_is_shown_as_people_spell_it(tmp_path: Path) -> None:
    """The phone week's daily report headed its largest topic 「x5」: the index keeps keywords
    lower-case, the owners wrote 曜石X5."""
    posts = [
        spec(5, ("x5", "鼓包"), "曜石X5充电时电池鼓包，吓得不敢充电"),
        spec(1, ("x5", "起火"), "我的x5也烫得不行，会不会起火"),
    ]
    ctx = Context(config=brand_config(), data_dir=tmp_path / "var", clock=lambda: NOW)
    ctx.index.upsert_many(spread(posts, WEEK, "cur"))
    data = build_data(ctx, WINDOW, PLAN)
    ctx.close()
    shown = {t.keyword: t.shown for t in data.topics}
    assert shown["x5"] == "X5" and shown["鼓包"] == "鼓包"
    html = render_html(data, {}, TZ)
    assert '<span class="kw">X5</span>' in html and '<span class="kw">x5</span>' not in html
