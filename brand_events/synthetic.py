"""Synthetic replay streams with ground truth for event tests and benchmarks.

Background chatter (real takeaway reviews), a promotion burst and an incident whose reposts
follow a Weibo-like cascade (preferential attachment, `repost_of` = the original, "//@name:"
chains naming the repost they came from).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from collectors.demo.stream import background_texts
from core.enums import Channel
from core.models import Author, Mention, Metrics

T0 = datetime(2026, 11, 16, 0, 0, tzinfo=UTC)  # Monday 08:00 Asia/Shanghai
DRESSING = ["#鲜味坊# {text}", "{text} @鲜味坊官方", "在鲜味坊点的外卖，{text}", "鲜味坊：{text}"]
PROMO = "鲜味坊双十二满50减20，全场酸菜鱼第二份半价，转发抽三位送免单券！#鲜味坊双十二#"
PROMO_REPOSTS = ["转发微博", "冲冲冲", "抽我抽我", "想要免单券", "已转，求中奖", "满减真香"]
SEED = "在鲜味坊外卖的酸菜鱼里吃出一只蟑螂！！已经拍照留证，门店还不承认，要求赔偿"
INCIDENT_REPOSTS = [
    "转发微博",
    "太恶心了",
    "吃出蟑螂也太离谱了",
    "支持维权",
    "后厨卫生必须查",
    "以后不敢点了",
    "门店还不承认？",
    "求后续",
    "蟑螂酸菜鱼，吐了",
    "已举报给市场监管局",
]
INCIDENT_POSTS = [
    "刚看到鲜味坊酸菜鱼吃出蟑螂的事，我上周也在这家吃出过虫子",
    "鲜味坊蟑螂事件有人跟进吗？门店卫生到底怎么管的",
    "鲜味坊酸菜鱼蟑螂，门店不承认，建议大家打12315投诉",
    "看了鲜味坊吃出蟑螂的视频，后厨卫生太差了",
]


@dataclass
class Stream:
    """The mentions (in published order) and which native ids belong to what."""

    mentions: list[Mention] = field(default_factory=list)
    incident: set[str] = field(default_factory=set)
    promotion: set[str] = field(default_factory=set)
    chatter: set[str] = field(default_factory=set)


def _author(rng: random.Random, prefix: str, n: int) -> Author:
    followers = int(rng.paretovariate(1.1) * 80)
    return Author(id=f"{prefix}{n}", name=f"{prefix}用户{n}", followers=min(followers, 5_000_000))


def _mention(native_id: str, text: str, at: datetime, author: Author, **extra: object) -> Mention:
    metrics = Metrics(reposts=int(str(extra.pop("reposts", 0))), comments=1, likes=2)
    return Mention(
        source="weibo-search",
        channel=Channel.WEIBO,
        native_id=native_id,
        text=text,
        published_at=at,
        author=author,
        metrics=metrics,
        **extra,  # type: ignore[arg-type]
    )


def chatter(rng: random.Random, stream: Stream, hours: int, per_hour: int) -> None:
    """Everyday posts about the brand (real takeaway reviews, dressed as posts) over `hours`."""
    texts = background_texts()
    for i in range(hours * per_hour):
        at = T0 + timedelta(seconds=rng.uniform(0, hours * 3600))
        text = rng.choice(DRESSING).format(text=rng.choice(texts))
        native = f"c{i}"
        stream.mentions.append(_mention(native, text, at, _author(rng, "c", rng.randrange(4000))))
        stream.chatter.add(native)


def promotion(rng: random.Random, stream: Stream, start: datetime, reposts: int) -> None:
    """The brand's own promo post and a burst of reposts and copy-paste entries."""
    own = Author(id="xwf-official", name="鲜味坊官方", followers=120_000, verified=True)
    text = PROMO
    stream.mentions.append(_mention("p0", text, start, own, reposts=reposts))
    stream.promotion.add("p0")
    for i in range(1, reposts + 1):
        at = start + timedelta(minutes=rng.expovariate(1 / 40))
        author = _author(rng, "p", i)
        if rng.random() < 0.3:  # copy-paste entries to the lucky draw
            mention = _mention(f"p{i}", text, at, author)
        else:
            mention = _mention(f"p{i}", rng.choice(PROMO_REPOSTS), at, author, repost_of="p0")
        stream.mentions.append(mention)
        stream.promotion.add(f"p{i}")


def incident(rng: random.Random, stream: Stream, start: datetime, reposts: int) -> None:
    """A complaint going viral: a Weibo-like repost cascade plus independent posts about it."""
    seed_author = Author(id="victim", name="吃货小王", followers=3_200)
    stream.mentions.append(_mention("i0", SEED, start, seed_author, reposts=reposts))
    stream.incident.add("i0")
    nodes: list[tuple[str, str, datetime, int]] = [("i0", seed_author.name or "", start, 1)]
    for i in range(1, reposts + 1):
        weights = [fans for _, _, _, fans in nodes]
        parent, parent_name, parent_at, _ = rng.choices(nodes, weights=weights)[0]
        at = parent_at + timedelta(minutes=rng.expovariate(1 / 25))
        author = _author(rng, "r", i)
        if i % 37 == 0:
            author = Author(id=f"kol{i}", name=f"美食大V{i}", followers=800_000, verified=True)
        comment = rng.choice(INCIDENT_REPOSTS)
        text = comment if parent == "i0" else f"{comment}//@{parent_name}:"
        stream.mentions.append(_mention(f"r{i}", text, at, author, repost_of="i0"))
        stream.incident.add(f"r{i}")
        fans = 1 + (author.followers or 0) // 1000
        nodes.append((f"r{i}", author.name or "", at, fans))
    for i, text in enumerate(INCIDENT_POSTS * 3):
        at = start + timedelta(minutes=30 + i * 17)
        stream.mentions.append(_mention(f"s{i}", text, at, _author(rng, "s", i)))
        stream.incident.add(f"s{i}")


def build_stream(seed: int = 7, hours: int = 48, per_hour: int = 30) -> Stream:
    """Chatter over `hours`, a promotion at hour 10, the incident at hour 20."""
    rng = random.Random(seed)
    stream = Stream()
    chatter(rng, stream, hours, per_hour)
    promotion(rng, stream, T0 + timedelta(hours=10), 150)
    incident(rng, stream, T0 + timedelta(hours=20), 200)
    stream.mentions.sort(key=lambda m: (m.published_at, m.native_id))
    return stream
