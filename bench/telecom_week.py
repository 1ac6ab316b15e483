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
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bench import telecom_crisis as crisis
from bench import telecom_texts as t
from bench import week_kit as kit
from bench.airline_score import score, write_truth
from bench.airline_week import Truth

TRUTH: dict[str, Truth] = {}
PREFIX = "xl"


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        brand=t.BRAND,
        official=t.OFFICIAL,
        rival=t.RIVAL,
        city=rng.choice(t.CITIES),
        district=rng.choice(t.DISTRICTS),
        plan=rng.choice(t.PLANS),
        money=rng.choice(t.MONEY),
        days=rng.choice(t.DAYS),
        hotline=t.HOTLINE,
    )


def _post(
    n: int, channel: str, text: str, at: datetime, rng: random.Random, truth: Truth
) -> dict[str, Any]:
    post = kit.record(PREFIX, n, channel, text, at, rng)
    TRUTH[post["native_id"]] = truth
    return post


def _verified(uid: str, name: str, followers: int) -> dict[str, Any]:
    return {"id": uid, "name": name, "followers": followers, "verified": True}


OFFICIAL = _verified("99200", t.OFFICIAL, 2_300_000)
KINDS = {kind: (cat, sent, dev, test) for kind, cat, sent, dev, test in t.EVERYDAY}


def _everyday(n: int, at: datetime, rng: random.Random) -> dict[str, Any]:
    kind = rng.choices(list(t.KIND_WEIGHTS), weights=list(t.KIND_WEIGHTS.values()))[0]
    category, sentiment, dev, test = KINDS[kind]
    split = "test" if rng.random() < len(test) / (len(dev) + len(test)) else "dev"
    template, urgency = rng.choice(test if split == "test" else dev)
    body = _fill(template, rng)
    complains = kind in t.COMPLAINT_KINDS
    truth = Truth(kind, split, sentiment, complains, category, urgency)
    if complains and rng.random() < 0.25:
        post = _post(n, "complaint_platform", body, at, rng, truth)
        post["title"] = f"投诉{t.OFFICIAL}：{t.COMPLAINT_TITLES[kind]}"
        return post
    if kind not in {"promo", "news"}:
        opening, closing = rng.choice(t.OPENINGS[complains]), rng.choice(t.CLOSINGS[complains])
        body = opening + body.rstrip("。！？") + closing
    channel = "news" if kind == "news" else "weibo" if rng.random() < 0.6 else "forum"
    post = _post(n, channel, body, at, rng, truth)
    if kind == "promo" and rng.random() < 0.5:
        post["author"] = dict(OFFICIAL)
    return post


def _maybe_reply(n: int, post: dict[str, Any], rng: random.Random) -> dict[str, Any] | None:
    """The operator's reply under 15 % of the Weibo complaints, 20–90 minutes later."""
    if not (TRUTH[post["native_id"]].complaint and post["channel"] == "weibo"):
        return None
    if rng.random() >= 0.15:
        return None
    at = datetime.fromisoformat(post["published_at"]) + timedelta(minutes=rng.randrange(20, 90))
    truth = Truth("official_reply", "dev", "neutral", False, "other", "low")
    reply = _post(n, "weibo", _fill(rng.choice(t.OFFICIAL_REPLIES), rng), at, rng, truth)
    reply["author"] = dict(OFFICIAL)
    reply["reply_to"] = post["native_id"]
    return reply


def background(rng: random.Random, per_day: int) -> Iterator[dict[str, Any]]:
    """Seven days of everyday operator talk and complaints, the operator's replies to some
    Weibo complaints, and reposts of some Weibo posts."""
    return kit.everyday_week(PREFIX, rng, per_day, 25, _everyday, _maybe_reply)


BLOGGER = _verified("99100", "数码老K", 1_500_000)
MEDIA = _verified("99300", "通信消费观察", 2_100_000)
CRISIS = "crisis-"


def _said(kind: str, complaint: bool, category: str, urgency: str) -> Truth:
    sentiment = "negative" if complaint else "neutral"
    return Truth(CRISIS + kind, "dev", sentiment, complaint, category, urgency)


# minute of the incident → (text, author, reach, truth)
MILESTONES: dict[int, tuple[str, dict[str, Any], int, Truth]] = {
    110: (crisis.BLOGGER_POST, BLOGGER, 8200, _said("blogger", True, crisis.PQ, "critical")),
    180: (crisis.FIRST_STATEMENT, OFFICIAL, 4100, _said("statement", False, "other", "low")),
    1460: (crisis.MEDIA_POST, MEDIA, 3600, _said("media", True, crisis.PQ, "critical")),
    1550: (crisis.APOLOGY, OFFICIAL, 5200, _said("apology", False, "other", "low")),
}


def _voice(n: int, when: datetime, rng: random.Random, after_statement: bool) -> dict[str, Any]:
    roll = rng.random()
    if roll < 0.1:
        index = rng.randrange(len(crisis.INCIDENT_COMPLAINTS))
        text, category, urgency = crisis.INCIDENT_COMPLAINTS[index]
        split = "test" if index == 1 else "dev"
        truth = Truth("crisis", split, "negative", True, category, urgency)
        post = _post(n, "complaint_platform", _fill(text, rng), when, rng, truth)
        post["title"] = f"投诉{t.OFFICIAL}：广州大面积断网"
        return post
    if after_statement and roll < 0.3:
        index = rng.randrange(len(crisis.AFTER_STATEMENT))
        category, urgency = crisis.AFTER_STATEMENT_TRUTH[index]
        truth = Truth("crisis-outrage", "dev", "negative", True, category, urgency)
        return _post(n, "weibo", _fill(crisis.AFTER_STATEMENT[index], rng), when, rng, truth)
    split = "test" if rng.random() < 0.45 else "dev"
    voices = crisis.INCIDENT_VOICES_TEST if split == "test" else crisis.INCIDENT_VOICES_DEV
    text, category, urgency = rng.choice(voices)
    text = _fill(text, rng)
    if rng.random() < 0.4:
        text = rng.choice(["", "真的，", "气死了，", "离谱，"]) + text
    channel = rng.choice(["weibo", "weibo", "forum"])
    truth = Truth("crisis", split, "negative", True, category, urgency)
    return _post(n, channel, text, when, rng, truth)


def incident(rng: random.Random) -> Iterator[dict[str, Any]]:
    """Day 4, 08:40: 广州 loses the network, about 450 posts over 26 hours."""
    at = kit.START + timedelta(days=3, hours=8, minutes=40)
    truth = Truth("crisis-seed", "dev", "negative", True, crisis.PQ, "high")
    seed = _post(900_000, "weibo", _fill(crisis.INCIDENT_SEED, rng), at, rng, truth)
    who = {"id": "99001", "name": "天河糖水铺阿珍", "followers": 2600, "verified": False}
    yield kit.seeded(seed, who, (6300, 4100, 18000), "https://example.com/video/xl-outage.mp4")
    notes = ["转发微博", "我这也没信号", "什么时候恢复", "同问", "关注", ""]
    post = kit.crisis_post(PREFIX, seed["native_id"], rng, notes, _voice, 180)

    def milestone(n: int, minute: int, when: datetime) -> dict[str, Any] | None:
        if minute not in MILESTONES:
            return None
        text, who, reach, truth = MILESTONES[minute]
        made = _post(n, "weibo", _fill(text, rng), when, rng, truth)
        return kit.by_account(made, dict(who), reach)

    # the outage morning, a quieter evening and night, the morning wave after the media post
    def rate(minute: int) -> float:
        return 1.3 if minute < 420 else 0.1 if minute < 1440 else 0.7 if minute < 1600 else 0.2

    yield from kit.wave(at, 26 * 60, rate, rng, post, milestone)


def main(argv: list[str]) -> int:
    """Write the week (and its truth) to argv[0], or score a classified week (--score)."""
    week = Path(argv[0] if argv and argv[0] != "--score" else "/tmp/telecom_week.jsonl")
    if "--score" in argv:
        return score(Path(argv[argv.index("--score") + 1]), week.with_suffix(".truth.jsonl"))
    parts = [lambda rng: background(rng, 250), incident]
    code = kit.week_main(argv, "telecom_week", 17, PREFIX, parts, "day-4")
    write_truth(week, TRUTH)
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
