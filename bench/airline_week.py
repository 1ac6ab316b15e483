"""A week of mentions about an airline (东方之翼航空), for reviews (not shipped).

Passengers on Weibo, travel forums and 黑猫-style complaint entries, written for this week
(bench/airline_texts.py): praise, questions (check-in, miles, seat selection, baggage allowance),
competitor comparisons, promotions, news, the airline's own replies under complaints, and
everyday complaints (delay without notice, cancellations, 退改签 fees, 超售, lost or broken
luggage, refunds that never arrive, rude crew, broken seats, meals, leaked booking data), with a
daily rhythm and reposts. On day 3 (Wednesday) at 13:10 a passenger's video of DW8853 held on
the tarmac for five hours (no air conditioning, an old man fainting, a flight attendant's
不想坐可以自己下去) goes viral: a repost cascade, other passengers, a 维权群, a travel blogger
with 1.2 million followers (14:10), the airline's statement blaming the weather (15:20), a
media account the next morning and the apology (day 4, 10:00).

Dev and test: every everyday kind and the crisis voices have a *dev* list of templates, which
may be studied and tuned on, and a *test* list, which is only scored (airline_texts.py). Each
post's truth names its split; the seed, the milestones and the reactions to the statement are
dev. Both parts were written before any classifier output was read.

Beside the week, `OUT.truth.jsonl` holds each original post's truth as an airline's PR manager
would give it (DOMAIN.md): kind, split, sentiment, complaint, category and urgency level; bare
reposts are left out. `--score CLASSIFIED` compares a `yuqing classify` output with it, per
kind and per part.

    python -m bench.airline_week /tmp/airline_week.jsonl [--seed 13]
    python -m bench.airline_week /tmp/airline_week.jsonl --score /tmp/airline_week.classified.jsonl
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bench import airline_texts as t
from bench import week_kit as kit
from bench.airline_score import score, write_truth


@dataclass(frozen=True)
class Truth:
    """What the PR manager says about one post."""

    kind: str
    split: str
    sentiment: str
    complaint: bool
    category: str
    urgency: str


TRUTH: dict[str, Truth] = {}
PREFIX = "dw"


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        brand=t.BRAND,
        official=t.OFFICIAL,
        rival=t.RIVAL,
        flight=rng.choice(t.FLIGHTS),
        route=rng.choice(t.ROUTES),
        city=rng.choice(t.CITIES),
        airport=rng.choice(t.AIRPORTS),
        days=rng.choice(t.DAYS),
        money=rng.choice(t.MONEY),
        hours=rng.choice(t.HOURS),
    )


def _post(
    n: int, channel: str, text: str, at: datetime, rng: random.Random, truth: Truth
) -> dict[str, Any]:
    post = kit.record(PREFIX, n, channel, text, at, rng)
    TRUTH[post["native_id"]] = truth
    return post


def _verified(uid: str, name: str, followers: int) -> dict[str, Any]:
    return {"id": uid, "name": name, "followers": followers, "verified": True}


OFFICIAL = _verified("99200", t.OFFICIAL, 1_800_000)


def _everyday(n: int, at: datetime, rng: random.Random) -> dict[str, Any]:
    kinds = {kind: (cat, sent, dev, test) for kind, cat, sent, dev, test in t.EVERYDAY}
    kind = rng.choices(list(t.KIND_WEIGHTS), weights=list(t.KIND_WEIGHTS.values()))[0]
    category, sentiment, dev, test = kinds[kind]
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


def _reply(n: int, post: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The airline's own reply under a complaint, 20–90 minutes later."""
    at = datetime.fromisoformat(post["published_at"]) + timedelta(minutes=rng.randrange(20, 90))
    text = _fill(rng.choice(t.OFFICIAL_REPLIES), rng)
    truth = Truth("official_reply", "dev", "neutral", False, "other", "low")
    reply = _post(n, "weibo", text, at, rng, truth)
    reply["author"] = dict(OFFICIAL)
    reply["reply_to"] = post["native_id"]
    return reply


def _maybe_reply(n: int, post: dict[str, Any], rng: random.Random) -> dict[str, Any] | None:
    """The airline's reply under 15 % of the Weibo complaints."""
    complains = TRUTH[post["native_id"]].complaint and post["channel"] == "weibo"
    return _reply(n, post, rng) if complains and rng.random() < 0.15 else None


def background(rng: random.Random, per_day: int) -> Iterator[dict[str, Any]]:
    """Seven days of everyday airline talk and complaints, the airline's replies to some Weibo
    complaints, and reposts of some Weibo posts."""
    return kit.everyday_week(PREFIX, rng, per_day, 25, _everyday, _maybe_reply)


BLOGGER = _verified("99100", "旅行家阿峰", 1_200_000)
MEDIA = _verified("99300", "民航消费观察", 2_600_000)
DELAY = "delivery_logistics"
# minute of the incident → (text, author, reach, truth)
CRISIS = "crisis-"


def _said(kind: str, complaint: bool, category: str, urgency: str) -> Truth:
    sentiment = "negative" if complaint else "neutral"
    return Truth(CRISIS + kind, "dev", sentiment, complaint, category, urgency)


MILESTONES: dict[int, tuple[str, dict[str, Any], int, Truth]] = {
    60: (t.BLOGGER_POST, BLOGGER, 7400, _said("blogger", True, DELAY, "critical")),
    130: (t.FIRST_STATEMENT, OFFICIAL, 3900, _said("statement", False, "other", "low")),
    1160: (t.MEDIA_POST, MEDIA, 3300, _said("media", True, "food_safety_health", "critical")),
    1250: (t.APOLOGY, OFFICIAL, 5100, _said("apology", False, "other", "low")),
}


def _voice(n: int, when: datetime, rng: random.Random, after_statement: bool) -> dict[str, Any]:
    roll = rng.random()
    if roll < 0.1:
        index = rng.randrange(len(t.INCIDENT_COMPLAINTS))
        text, category, urgency = t.INCIDENT_COMPLAINTS[index]
        split = "test" if index == 1 else "dev"
        truth = Truth("crisis", split, "negative", True, category, urgency)
        post = _post(n, "complaint_platform", _fill(text, rng), when, rng, truth)
        post["title"] = f"投诉{t.OFFICIAL}：DW8853机上滞留五小时"
        return post
    if after_statement and roll < 0.3:
        text = _fill(rng.choice(t.AFTER_STATEMENT), rng)
        truth = Truth("crisis-outrage", "dev", "negative", True, "service_attitude", "medium")
        return _post(n, "weibo", text, when, rng, truth)
    split = "test" if rng.random() < 0.45 else "dev"
    voices = t.INCIDENT_VOICES_TEST if split == "test" else t.INCIDENT_VOICES_DEV
    text, category, urgency = rng.choice(voices)
    text = _fill(text, rng)
    if rng.random() < 0.4:
        text = rng.choice(["", "真的，", "气死了，", "离谱，"]) + text
    channel = rng.choice(["weibo", "weibo", "forum"])
    truth = Truth("crisis", split, "negative", True, category, urgency)
    return _post(n, channel, text, when, rng, truth)


def incident(rng: random.Random) -> Iterator[dict[str, Any]]:
    """Day 3, 13:10: DW8853 held on the tarmac for five hours, about 400 posts over 22 hours."""
    at = kit.START + timedelta(days=2, hours=13, minutes=10)
    text = _fill(t.INCIDENT_SEED, rng)
    truth = Truth("crisis-seed", "dev", "negative", True, "food_safety_health", "critical")
    seed = _post(900_000, "weibo", text, at, rng, truth)
    who = {"id": "99001", "name": "爱旅行的小鹿", "followers": 3400, "verified": False}
    yield kit.seeded(seed, who, (5900, 3800, 21000), "https://example.com/video/dw8853.mp4")
    notes = ["转发微博", "太过分了", "必须道歉", "心疼老人", "关注", ""]
    post = kit.crisis_post(PREFIX, seed["native_id"], rng, notes, _voice, 130)

    def milestone(n: int, minute: int, when: datetime) -> dict[str, Any] | None:
        if minute not in MILESTONES:
            return None
        text, who, reach, truth = MILESTONES[minute]
        made = _post(n, "weibo", _fill(text, rng), when, rng, truth)
        return kit.by_account(made, dict(who), reach)

    # the afternoon wave, a quieter night, the morning wave after the media post
    def rate(minute: int) -> float:
        return 1.3 if minute < 240 else 0.1 if minute < 1140 else 0.7 if minute < 1300 else 0.2

    yield from kit.wave(at, 22 * 60, rate, rng, post, milestone)


def main(argv: list[str]) -> int:
    """Write the week (and its truth) to argv[0], or score a classified week (--score)."""
    week = Path(argv[0] if argv and argv[0] != "--score" else "/tmp/airline_week.jsonl")
    if "--score" in argv:
        return score(Path(argv[argv.index("--score") + 1]), week.with_suffix(".truth.jsonl"))
    parts = [lambda rng: background(rng, 260), incident]
    code = kit.week_main(argv, "airline_week", 13, PREFIX, parts, "day-3")
    write_truth(week, TRUTH)
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
