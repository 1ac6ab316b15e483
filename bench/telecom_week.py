"""A week of mentions about a telecom operator (星联移动), for reviews (not shipped).

Subscribers on Weibo, forums and 黑猫-style complaint entries, written for this week
(bench/telecom_texts.py, bench/telecom_crisis.py): praise (5G speed, helpful 营业厅 staff),
questions (套餐, 流量, 宽带, 携号转网 procedure), a competitor, promotions, news, the operator's
own replies under complaints, and everyday complaints that are mostly no product defect:
莫名扣费 and 增值业务 never ordered, bills above the plan, plans changed behind the subscriber's
back, 合约机/靠号 terms, 携号转网 and 销户 blocked, broadband installation and repair that drag
on, no signal or a dead line, rude staff, leaked data and 推销 calls, refunds that never arrive,
some taken to 工信部/12300. On day 4 (Thursday) at 08:40 a large part of 广州 loses the network
for about seven hours: a shop owner's video, a repost cascade, other subscribers (a 120 call that
cannot get through, a 维权群, 12300), a tech blogger (10:30), the statement blaming a cut fibre
cable (11:40), a media report the next morning (an upgrade error) and the apology (day 5, 10:30).

Dev and test: every everyday kind and the crisis voices have a *dev* list of templates, which
may be studied and tuned on, and a *test* list, which is only scored. Each post's truth names
its split; the seed, the milestones and the reactions to the statement are dev. The texts and
their truth were written and committed before any classifier output on them was read.

Beside the week, `OUT.truth.jsonl` holds each original post's truth as the operator's PR manager
would give it (DOMAIN.md): kind, split, sentiment, complaint, category and urgency level; bare
reposts are left out. `--score CLASSIFIED` compares a `yuqing classify` output with it.

    python -m bench.telecom_week /tmp/telecom_week.jsonl [--seed 17]
    python -m bench.telecom_week /tmp/telecom_week.jsonl --score /tmp/telecom_week.classified.jsonl
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from typing import Any

from bench import telecom_crisis as crisis
from bench import telecom_texts as t
from bench.week_spec import Milestone, WeekSpec, day_at, milestones, witness, written_crisis
from bench.week_story import Seed, said, story_of, verified

STORY = story_of(
    t,
    "xl",
    2_300_000,
    city=t.CITIES,
    district=t.DISTRICTS,
    plan=t.PLANS,
    money=t.MONEY,
    days=t.DAYS,
)
OFFICIAL = STORY.official

BLOGGER = verified("99100", "数码老K", 1_500_000)
MEDIA = verified("99300", "通信消费观察", 2_100_000)
MILESTONES = milestones(
    crisis,
    crisis.PQ,
    blogger=Milestone(110, BLOGGER, 8200),
    statement=Milestone(180, OFFICIAL, 4100),
    media=Milestone(1460, MEDIA, 3600),
    apology=Milestone(1550, OFFICIAL, 5200),
)


def rate(minute: int) -> float:
    """Incident posts a minute: the outage morning, a quieter evening and night, the morning
    wave after the media post."""
    return 1.3 if minute < 420 else 0.1 if minute < 1440 else 0.7 if minute < 1600 else 0.2


# Day 4, 08:40: 广州 loses the network, about 450 posts over 26 hours.
SPEC = WeekSpec(
    STORY,
    name="telecom_week",
    seed=17,
    per_day=250,
    incident_seed=Seed(
        day_at(4, 8, 40),
        crisis.INCIDENT_SEED,
        said("seed", True, crisis.PQ, "high"),
        witness("天河糖水铺阿珍", 2600),
        (6300, 4100, 18000),
        "https://example.com/video/xl-outage.mp4",
        ["转发微博", "我这也没信号", "什么时候恢复", "同问", "关注", ""],
    ),
    crisis=written_crisis(crisis, "广州大面积断网"),
    milestones=MILESTONES,
    hours=26,
    rate=rate,
)

LOCAL_SHARE = 0.8  # of the outage's ordinary voices posting from 广东


def incident(rng: random.Random) -> Iterator[dict[str, Any]]:
    """The spec's incident as posted from 广州: the seed from 广东, most other posts too."""
    posts = SPEC.incident(rng)
    yield {**next(posts), "region": "广东"}
    yield from map(_in_guangzhou, posts)


def _in_guangzhou(item: dict[str, Any]) -> dict[str, Any]:
    """Most people posting about the outage are in 广东 (IP属地): the map of a regional outage
    lit 山东 before 广东. Drawn from the post's own id, so the rest of the week is unchanged;
    verified accounts (media, bloggers, the operator) keep theirs."""
    if item["author"].get("verified") or random.Random(item["native_id"]).random() >= LOCAL_SHARE:
        return item
    return {**item, "region": "广东"}


def main(argv: list[str]) -> int:
    """Write the week (and its truth) to argv[0], or score a classified week (--score)."""
    return SPEC.main(argv, incident)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
