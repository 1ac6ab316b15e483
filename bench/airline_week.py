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

import sys

from bench import airline_texts as t
from bench.week_spec import Milestone, WeekSpec, day_at, milestones, witness
from bench.week_story import Crisis, Seed, Story, filler, said, verified

_fill = filler(
    t,
    {},
    flight=t.FLIGHTS,
    route=t.ROUTES,
    city=t.CITIES,
    airport=t.AIRPORTS,
    days=t.DAYS,
    money=t.MONEY,
    hours=t.HOURS,
)
OFFICIAL = verified("99200", t.OFFICIAL, 1_800_000)
STORY = Story(t, "dw", _fill, OFFICIAL)

BLOGGER = verified("99100", "旅行家阿峰", 1_200_000)
MEDIA = verified("99300", "民航消费观察", 2_600_000)
DELAY = "delivery_logistics"
MILESTONES = milestones(
    t,
    DELAY,
    blogger=Milestone(60, BLOGGER, 7400),
    statement=Milestone(130, OFFICIAL, 3900),
    media=Milestone(1160, MEDIA, 3300, "food_safety_health"),
    apology=Milestone(1250, OFFICIAL, 5100),
)


def rate(minute: int) -> float:
    """Incident posts a minute: the afternoon wave, a quieter night, the morning wave after the
    media post."""
    return 1.3 if minute < 240 else 0.1 if minute < 1140 else 0.7 if minute < 1300 else 0.2


# Day 3, 13:10: DW8853 held on the tarmac for five hours, about 400 posts over 22 hours. The
# reactions to the statement are plain texts here, each a service-attitude complaint.
SPEC = WeekSpec(
    STORY,
    name="airline_week",
    seed=13,
    per_day=260,
    incident_seed=Seed(
        day_at(3, 13, 10),
        t.INCIDENT_SEED,
        said("seed", True, "food_safety_health", "critical"),
        witness("爱旅行的小鹿", 3400),
        (5900, 3800, 21000),
        "https://example.com/video/dw8853.mp4",
        ["转发微博", "太过分了", "必须道歉", "心疼老人", "关注", ""],
    ),
    crisis=Crisis(
        t.INCIDENT_COMPLAINTS,
        "DW8853机上滞留五小时",
        [(text, "service_attitude", "medium") for text in t.AFTER_STATEMENT],
        t.INCIDENT_VOICES_DEV,
        t.INCIDENT_VOICES_TEST,
    ),
    milestones=MILESTONES,
    hours=22,
    rate=rate,
)


main = SPEC.main


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
