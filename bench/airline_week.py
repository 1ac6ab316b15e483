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
from datetime import timedelta
from typing import Any

from bench import airline_texts as t
from bench import week_kit as kit
from bench.week_story import Crisis, Milestones, Story, Truth, said, verified


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


OFFICIAL = verified("99200", t.OFFICIAL, 1_800_000)
STORY = Story(t, "dw", _fill, OFFICIAL)
TRUTH = STORY.truth
PREFIX = STORY.prefix
_post = STORY.post


def background(rng: random.Random, per_day: int) -> Iterator[dict[str, Any]]:
    """Seven days of everyday airline talk and complaints, the airline's replies to some Weibo
    complaints, and reposts of some Weibo posts."""
    return STORY.background(rng, per_day)


BLOGGER = verified("99100", "旅行家阿峰", 1_200_000)
MEDIA = verified("99300", "民航消费观察", 2_600_000)
DELAY = "delivery_logistics"
# minute of the incident → (text, author, reach, truth)
MILESTONES: Milestones = {
    60: (t.BLOGGER_POST, BLOGGER, 7400, said("blogger", True, DELAY, "critical")),
    130: (t.FIRST_STATEMENT, OFFICIAL, 3900, said("statement", False, "other", "low")),
    1160: (t.MEDIA_POST, MEDIA, 3300, said("media", True, "food_safety_health", "critical")),
    1250: (t.APOLOGY, OFFICIAL, 5100, said("apology", False, "other", "low")),
}


CRISIS = Crisis(
    t.INCIDENT_COMPLAINTS,
    "DW8853机上滞留五小时",
    [(text, "service_attitude", "medium") for text in t.AFTER_STATEMENT],
    t.INCIDENT_VOICES_DEV,
    t.INCIDENT_VOICES_TEST,
)


def incident(rng: random.Random) -> Iterator[dict[str, Any]]:
    """Day 3, 13:10: DW8853 held on the tarmac for five hours, about 400 posts over 22 hours."""
    at = kit.START + timedelta(days=2, hours=13, minutes=10)
    text = _fill(t.INCIDENT_SEED, rng)
    truth = Truth("crisis-seed", "dev", "negative", True, "food_safety_health", "critical")
    seed = _post(900_000, "weibo", text, at, rng, truth)
    who = {"id": "99001", "name": "爱旅行的小鹿", "followers": 3400, "verified": False}
    yield kit.seeded(seed, who, (5900, 3800, 21000), "https://example.com/video/dw8853.mp4")
    notes = ["转发微博", "太过分了", "必须道歉", "心疼老人", "关注", ""]
    post = kit.crisis_post(PREFIX, seed["native_id"], rng, notes, STORY.voice(CRISIS), 130)

    # the afternoon wave, a quieter night, the morning wave after the media post
    def rate(minute: int) -> float:
        return 1.3 if minute < 240 else 0.1 if minute < 1140 else 0.7 if minute < 1300 else 0.2

    yield from kit.wave(at, 22 * 60, rate, rng, post, STORY.milestone(rng, MILESTONES))


def main(argv: list[str]) -> int:
    """Write the week (and its truth) to argv[0], or score a classified week (--score)."""
    parts = [lambda rng: background(rng, 260), incident]
    return STORY.main(argv, "airline_week", 13, parts, "day-3")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
