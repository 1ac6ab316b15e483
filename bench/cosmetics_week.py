"""A week of mentions about a skincare brand (花颜), for reviews (not shipped).

Real cosmetics e-commerce reviews (cosmetics_aspects.csv, the shop's masked brand *** made 花颜)
dressed as Weibo posts and forum threads, plus a few hundred everyday Weibo/forum/黑猫 posts
(种草, 空瓶, 物流, 客服, 价格), with a daily rhythm and reposts. On day 4 (Thursday) at 20:10 a
花颜 精华 batch is said to cause 过敏/烂脸: a seed post, a repost cascade, other customers with
the same batch (red faces, hospital visits, a 维权群, 12315 complaints), a beauty blogger with
800,000 followers posting photos, the brand's first reply denying any problem (22:30), a media
account the next morning and the brand's apology (day 5, 15:00).

    python -m bench.cosmetics_week /tmp/cosmetics_week.jsonl [--seed 7]
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from bench.week_kit import (
    DATA,
    START,
    by_account,
    cascade_repost,
    moment,
    record,
    reposts,
    rows,
    seeded,
    wave,
    week_main,
)

BRAND = "花颜"
OFFICIAL = "花颜官方旗舰店"
MASK = re.compile(r"\*{2,}")
PRODUCTS = ["精华", "面霜", "水乳套装", "面膜", "洁面", "防晒", "眼霜", "精华水"]

EVERYDAY = [
    "{brand}{product}空瓶了，回购第三次，保湿真的可以，冬天救星",
    "种草{brand}的{product}，有姐妹用过吗？敏感肌能用吗",
    "{brand}{product}双十一囤的货到了，赠品给了好多小样，开心",
    "{brand}的{product}味道有点重，用了一周没感觉有什么效果，还在观望",
    "姐妹们{brand}{product}和另外一个牌子的比哪个好用？求推荐",
    "{brand}直播间买的{product}，价格比旗舰店便宜了40，有点心动",
    "{brand}{product}包装升级了，新瓶子好看多了",
    "用了一个月{brand}{product}，闭口少了一点，继续观察",
    "{brand}客服回复挺快的，问了成分表很耐心地解释了",
    "{brand}{product}物流太慢了，下单五天还没发货，催了客服也只说在排队",
    "在{brand}旗舰店买的{product}少发了一支，客服说要拍开箱视频才给补，离谱",
    "{brand}{product}降价了，刚买三天就便宜了60，申请价保被拒，以后不在这买了",
    "{brand}的{product}是不是换配方了？这次买的质地明显变稀了",
    "{brand}{product}退货申请了一周客服一直没处理，说好的七天无理由呢",
    "今天的护肤打卡：{brand}{product}+防晒，上妆不搓泥",
    "{brand}{product}假货多吗？某宝上便宜一半的能买吗",
    "柜姐推荐的{brand}{product}，用着还行，就是有点贵",
    "{brand}会员日满300减50，又剁手了",
    "{brand}{product}开盖就有一股怪味，是放久了吗，生产日期是去年的",
    "学生党表示{brand}{product}性价比挺高的",
]
COMPLAINTS = [
    ("{brand}{product}发错货，联系客服三天不回复", "服务态度"),
    ("{brand}旗舰店{product}降价不给价保，要求退差价", "价格"),
    ("{brand}{product}退货退款一直不到账，要求尽快退款", "退换货"),
    ("{brand}{product}快递破损漏液，商家拒绝补发", "物流"),
    ("{brand}直播间宣传买一送一，收到只有一件，要求按宣传发货", "宣传"),
]

INCIDENT_SEED = (
    "用了{brand}新买的修护精华第三天，整张脸又红又肿又痒，起了一片小疙瘩，像被烫过一样，烂脸了！"
    "今天去医院皮肤科，医生说是接触性皮炎，开了药还要打针。批号HY2411B，大家赶紧查一下自己的。"
    "@{official} 你们这个精华到底加了什么？#{brand}精华烂脸#"
)
INCIDENT_VOICES = [
    "我也是！{brand}精华批号HY2411B，用了两天脸就开始刺痛发红，现在脖子上都是红疹"
    " #{brand}精华烂脸#",
    "不止我一个，{brand}修护精华用完脸肿得眼睛都睁不开，今天去医院挂了急诊",
    "{brand}精华害我过敏烂脸，皮肤科医生说屏障受损要恢复好几个月，医药费谁出？",
    "看了热搜吓死了，我昨天刚给我妈买了{brand}精华，赶紧让她停了，她已经脸红发痒了",
    "建了个{brand}精华过敏维权群，用了HY2411B批次烂脸的姐妹一起集体维权",
    "已经向12315投诉{brand}精华导致过敏，要求退款并赔偿医药费，大家保留好购买记录和病历",
    "{brand}精华用了之后满脸红肿脱皮，怀疑是不是加了激素，求检测 #{brand}精华烂脸#",
    "我是敏感肌，{brand}精华刚涂上就火辣辣的疼，现在脸上一块一块的红斑，已经住院两天了",
    "{brand}客服说是我自己皮肤问题，让我停用观察，烂脸了还让我观察？？",
    "买{brand}精华的姐妹快看看批号，我闺蜜也过敏了，脸上起水泡",
    "{brand}精华过敏的人这么多，市场监管局管不管？已经打了12345和12315",
    "女儿用了{brand}精华脸肿了，带她去医院花了八百多，{brand}必须给个说法",
]
INCIDENT_COMPLAINT = (
    "使用{brand}修护精华（批号HY2411B）后面部红肿过敏，已就医，要求退款并赔偿医药费",
    "{brand}精华导致过敏烂脸，商家拒不承认质量问题",
)
BLOGGER_POST = (
    "【图】这是我粉丝发给我的照片，还有十几个私信说用了{brand}修护精华过敏烂脸的，批号都是HY2411B。"
    "我自己试用了半瓶也泛红刺痛。已经把所有私信整理好了，{brand}必须给消费者一个交代！"
    "用了的姐妹立刻停用，保留病历和购买记录。#{brand}精华烂脸#"
)
FIRST_REPLY = (
    "关于网友反映的使用问题，{brand}所有产品均经过严格检测，符合国家标准，不存在质量问题。"
    "个别消费者出现不适可能与个人肤质有关，建议停用并咨询专业医生。请勿轻信不实信息。"
)
MEDIA_POST = (
    "【多名消费者称用{brand}精华后过敏烂脸 品牌方回应：产品合格】"
    "近日，多名网友发帖称使用{brand}修护精华（批号HY2411B）后出现面部红肿、刺痛等过敏症状，部分人就医治疗，有消费者已向12315投诉并组建维权群。"
    "{brand}官方回应称产品符合国家标准。记者将继续关注。#{brand}精华烂脸#"
)
APOLOGY = (
    "致歉声明：对于部分消费者使用{brand}修护精华（批号HY2411B）后出现的皮肤不适，我们深表歉意。"
    "此前的回复不够严谨，我们向大家道歉。即日起该批次全部下架并召回，已送第三方机构检测，"
    "使用该批次出现不适的消费者可联系客服，我们承担全部退款和就医费用。客服热线：400-XXX-XXXX"
)


def _brand(text: str, rng: random.Random) -> str:
    """A review about the invented brand: the shop's masked name becomes it, or it is named."""
    named, count = MASK.subn(BRAND, text)
    if count:
        return named
    lead = rng.choice([f"{BRAND}", f"{BRAND}{rng.choice(PRODUCTS)}", f"{BRAND}旗舰店"])
    return f"{lead}：{named}" if rng.random() < 0.5 else f"{named}（{lead}）"


def _record(
    n: int, channel: str, text: str, at: datetime, rng: random.Random, **extra: Any
) -> dict[str, Any]:
    return record("hy", n, channel, text, at, rng, **extra)


def _words(rng: random.Random) -> dict[str, str]:
    return {"brand": BRAND, "official": OFFICIAL, "product": rng.choice(PRODUCTS)}


def background(rng: random.Random, per_day: int) -> Iterator[dict[str, Any]]:
    """Seven days of reviews and everyday posts, with reposts of some Weibo posts."""
    reviews = rows(DATA / "sentiment/cosmetics_aspects.csv", "polarities")
    rng.shuffle(reviews)
    n = 0
    for day in range(7):
        for _ in range(per_day + rng.randrange(-30, 30)):
            n += 1
            at = moment(day, rng)
            roll = rng.random()
            if roll < 0.04:
                text, label = rng.choice(COMPLAINTS)
                title = f"投诉{BRAND}：{label}"
                body = text.format(**_words(rng))
                yield _record(n, "complaint_platform", body, at, rng, title=title)
                continue
            if roll < 0.2:
                text = rng.choice(EVERYDAY).format(**_words(rng))
            else:
                text = _brand(reviews.pop()[0], rng)
            channel = "weibo" if rng.random() < 0.55 else "forum"
            post = _record(n, channel, text, at, rng)
            yield post
            for repost in reposts("hy", n, post, rng):
                n += 1
                yield repost


def _account(
    n: int, text: str, at: datetime, rng: random.Random, who: dict[str, Any], reach: int
) -> dict[str, Any]:
    return by_account(_record(n, "weibo", text, at, rng), who, reach)


def incident(rng: random.Random) -> Iterator[dict[str, Any]]:
    """Day 4, 20:10: the 精华 过敏 story, about 450 posts over 22 hours."""
    words = {"brand": BRAND, "official": OFFICIAL}
    at = START + timedelta(days=3, hours=20, minutes=10)
    seed = _record(900_000, "weibo", INCIDENT_SEED.format(**words), at, rng)
    who = {"id": "88001", "name": "小鹿爱护肤", "followers": 3600, "verified": False}
    yield seeded(seed, who, (4100, 2600, 18000), "https://example.com/img/hy-face-1.jpg")
    reposters: list[str] = []

    def post(n: int, minute: int, when: datetime) -> dict[str, Any]:
        roll = rng.random()
        if roll < 0.55:
            notes = ["转发微博", "太吓人了", "支持维权", "已停用", "同批号", ""]
            return cascade_repost("hy", n, seed["native_id"], when, rng, reposters, notes)
        if roll < 0.88:
            voice = rng.choice(INCIDENT_VOICES).format(**words)
            if rng.random() < 0.5:
                voice = rng.choice(["", "真的", "气死了，", "救命，"]) + voice
            return _record(n, rng.choice(["weibo", "weibo", "forum"]), voice, when, rng)
        text = rng.choice(INCIDENT_COMPLAINT).format(**words)
        title = f"投诉{BRAND}：精华过敏，已投诉12315"
        return _record(n, "complaint_platform", text, when, rng, title=title)

    def milestone(n: int, minute: int, when: datetime) -> dict[str, Any] | None:
        brand = {"id": "88200", "name": OFFICIAL, "followers": 1_200_000, "verified": True}
        if minute == 80:
            blogger = {"id": "88100", "name": "护肤博主Lily", "followers": 800_000}
            found = _account(n, BLOGGER_POST.format(**words), when, rng, blogger, 6300)
            found["author"]["verified"] = True
            found["media"] = [f"https://example.com/img/hy-fan-{i}.jpg" for i in range(1, 7)]
            return found
        if minute == 140:
            return _account(n, FIRST_REPLY.format(**words), when, rng, brand, 900)
        if minute == 800:
            media = {"id": "88300", "name": "消费日报", "followers": 3_100_000, "verified": True}
            return _account(n, MEDIA_POST.format(**words), when, rng, media, 2400)
        if minute == 1130:
            return _account(n, APOLOGY.format(**words), when, rng, brand, 3100)
        return None

    # the evening wave, a lull at night, the morning wave after the media post
    def rate(minute: int) -> float:
        return 1.6 if minute < 200 else 0.15 if minute < 660 else 0.9 if minute < 900 else 0.2

    yield from wave(at, 22 * 60, rate, rng, post, milestone)


def main(argv: list[str]) -> int:
    """Write the week to argv[0] (default /tmp/cosmetics_week.jsonl), in publication order."""
    parts = [lambda rng: background(rng, 330), incident]
    return week_main(argv, "cosmetics_week", 7, "hy", parts, "day-4")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
