"""A week of mentions about a home-appliance brand (澜庭电器), for reviews (not shipped).

Owners, buyers and 黑猫-style complaint entries, written for this week (bench/appliance_texts.py,
bench/appliance_crisis.py): praise of a quiet air conditioner or a fridge that keeps greens,
buying questions (匹数, 升数, 国补, 以旧换新), 测评 and 拆机 posts, a competitor, a trade-in
campaign, news, the brand's own replies under complaints, and everyday complaints: appliances
that do not cool, leak, rattle, smell or show error codes, installation fees nobody named
(支架费, 铜管加长费, 打孔费), repairs that never come or are rescheduled, warranties refused,
installations done badly, machines delivered damaged or left at the gate, 国补 and trade-in
discounts not made good, energy labels and quietness advertised beyond the machine, spare parts
priced like gold, apps that take data and sales calls after a purchase, technicians asking for
five-star reviews, customer service passing the buck, and heaters that leak current, gas that
leaks, plugs that burn. On day 3 (Wednesday) at 20:10 a family of three in 郑州 is taken to
hospital with carbon-monoxide poisoning from a 澜庭S7 gas water heater: the daughter's video, a
local news post (21:40), a repost cascade, other owners' smells and alarms, an appliance blogger
(22:40), the statement blaming an unauthorised installer (day 4, 11:10), the backlash, a
newspaper's follow-up (day 4, 16:10), the 市场监管局's notice (day 5, 11:10) and the apology with
a recall (day 5, 13:10).

Dev and test templates, each original post's truth beside the week (`OUT.truth.jsonl`, as the
brand's PR manager would give it) and `--score CLASSIFIED` as in bench/telecom_week.py (shared
in bench/week_story.py). The texts and their truth were written and committed before any
classifier output on them was read.

    python -m bench.appliance_week /tmp/appliance_week.jsonl [--seed 29]
    python -m bench.appliance_week /tmp/appliance_week.jsonl --score /tmp/appliance.classified.jsonl
"""

from __future__ import annotations

import sys

from bench import appliance_crisis as crisis
from bench import appliance_texts as t
from bench.week_spec import Milestone, WeekSpec, day_at, milestones, witness, written_crisis
from bench.week_story import Seed, device_story, said, verified

STORY = device_story(t, "lt", 2_100_000)
OFFICIAL = STORY.official

LOCAL_NEWS = verified("99300", "郑州晚报", 2_600_000)
BLOGGER = verified("99100", "家电老司机阿峰", 1_300_000)
PAPER = verified("99301", "大河消费调查", 900_000)
REGULATOR = verified("99400", "郑州市场监管", 420_000)

MILESTONES = milestones(
    crisis,
    crisis.SAFETY,
    news=Milestone(90, LOCAL_NEWS, 12_400),
    blogger=Milestone(150, BLOGGER, 6300),
    statement=Milestone(900, OFFICIAL, 3900),
    media=Milestone(1200, PAPER, 4700),
    notice=Milestone(2100, REGULATOR, 2800),
    apology=Milestone(2220, OFFICIAL, 7400),
)

# Day 3, 20:10: a family poisoned by a gas water heater, about 760 posts over 46 hours.
SPEC = WeekSpec(
    STORY,
    name="appliance_week",
    seed=29,
    per_day=260,
    incident_seed=Seed(
        day_at(3, 20, 10),
        crisis.INCIDENT_SEED,
        said("seed", True, crisis.SAFETY, "critical"),
        witness("王家小妹在郑州", 2100),
        (10400, 6200, 25000),
        "https://example.com/video/lt-co.mp4",
        ["转发微博", "太可怕了", "赶紧检查家里的热水器", "求召回", "希望一家人平安", ""],
    ),
    crisis=written_crisis(crisis, "S7燃气热水器一氧化碳泄漏"),
    milestones=MILESTONES,
)


main = SPEC.main


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
