"""A week of mentions about a ride-hailing brand (畅行出行), for reviews (not shipped).

Passengers, drivers and 黑猫-style complaint entries, written for this week (bench/ride_texts.py,
bench/ride_crisis.py): praise of a driver who waits in the rain or brings a lost phone back,
passengers' questions (fares, invoices, 顺风车, pets), drivers' shop talk, 实测 and 攻略 posts, a
competitor, promotions, news, the brand's own replies under complaints, and everyday complaints:
detours (绕路) and fares above the estimate, 大数据杀熟, 高速费 and 动态加价, cancellation fees and
refunds that never come back, rude drivers and refusals (拒载), lost items nobody helps to get
back, drivers who never come, an app that crashes or charges twice, numbers leaking past the
虚拟号 and scammers posing as customer service, dangerous driving and harassment, and drivers'
own complaints about the commission (抽成) and fines. On day 5 (Friday) at 21:20 a woman's post:
her driver touched her, left the route and followed her home, and customer service sent a ¥5
coupon. Other women's stories, a women's safety blogger (22:50), the statement calling the driver
a third-party fleet's and the trip normal (day 6, 12:20), the backlash, a newspaper's follow-up
on the report button and the driver's earlier complaints (day 6, 17:20), the police's notice
(day 7, 08:20) and the apology (day 7, 10:20).

Dev and test templates, each original post's truth beside the week (`OUT.truth.jsonl`, as the
brand's PR manager would give it) and `--score CLASSIFIED` as in bench/courier_week.py (shared
in bench/week_story.py). The texts and their truth were written and committed before any
classifier output on them was read.

    python -m bench.ride_week /tmp/ride_week.jsonl [--seed 31]
    python -m bench.ride_week /tmp/ride_week.jsonl --score /tmp/ride.classified.jsonl
"""

from __future__ import annotations

import sys

from bench import ride_crisis as crisis
from bench import ride_texts as t
from bench.week_spec import Milestone, WeekSpec, day_at, milestones, witness, written_crisis
from bench.week_story import Seed, device_story, said, verified

STORY = device_story(t, "cx", 2_600_000)
OFFICIAL = STORY.official

BLOGGER = verified("99100", "她安全研究所", 3_400_000)
PAPER = verified("99301", "南方民生观察", 1_200_000)
POLICE = verified("99400", "平安鹏城", 640_000)

MILESTONES = milestones(
    crisis,
    crisis.SAFETY,
    blogger=Milestone(90, BLOGGER, 15_600),
    statement=Milestone(900, OFFICIAL, 5300),
    media=Milestone(1200, PAPER, 6100),
    notice=Milestone(2100, POLICE, 4800),
    apology=Milestone(2220, OFFICIAL, 8200),
)

# Day 5, 21:20: a woman harassed by her driver, about 750 posts over 46 hours.
SPEC = WeekSpec(
    STORY,
    name="ride_week",
    seed=31,
    per_day=240,
    incident_seed=Seed(
        day_at(5, 21, 20),
        crisis.INCIDENT_SEED,
        said("seed", True, crisis.SAFETY, "critical"),
        witness("是小鹿呀", 2100),
        (12_400, 8800, 31_000),
        "https://example.com/image/cx-chat.jpg",
        ["转发微博", "太可怕了", "女生打车一定要小心", "畅行给个说法", "五块钱？？", ""],
    ),
    crisis=written_crisis(crisis, "司机骚扰尾随女乘客平台处理敷衍"),
    milestones=MILESTONES,
)


main = SPEC.main


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
