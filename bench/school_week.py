"""A week of mentions about an education company (启明教育), for reviews (not shipped).

Parents, students and 黑猫-style complaint entries, written for this week (bench/school_texts.py,
bench/school_crisis.py): praise of teachers, questions (courses, 试听课, 课时, 校区), a competitor,
promotions, news, the company's own replies under complaints, and everyday complaints that are
mostly no product defect: refunds refused or dragged out, false promises (提分, 包过, 师资造假),
training loans talked into (教培贷), unfair contract terms (概不退款, 转让费), class hours deducted
without accounting, teachers changed again and again and live classes that freeze, rude course
advisers, sales calls and leaked data, pupils hurt or made ill (食堂, 接送车, 体罚), some taken
to 12345. On day 3 (Wednesday) at 08:10 the 杭州滨江校区 is found locked with the families'
prepaid fees: a parent's video, a repost cascade, other parents (a 维权群, 12345, the police), an
education blogger (10:40), the statement (13:10: the lease ended, 网传跑路不实), a media report the
next morning, the district 教育局's notice (day 4, 15:10) and the apology (day 4, 16:40).

Dev and test templates, each original post's truth beside the week (`OUT.truth.jsonl`, as the
company's PR manager would give it) and `--score CLASSIFIED` as in bench/telecom_week.py (shared
in bench/week_story.py). The texts and their truth were written and committed before any
classifier output on them was read.

    python -m bench.school_week /tmp/school_week.jsonl [--seed 19]
    python -m bench.school_week /tmp/school_week.jsonl --score /tmp/school_week.classified.jsonl
"""

from __future__ import annotations

import sys

from bench import school_crisis as crisis
from bench import school_texts as t
from bench.week_spec import Milestone, WeekSpec, day_at, milestones, witness, written_crisis
from bench.week_story import Seed, said, story_of, verified

STORY = story_of(
    t,
    "qm",
    860_000,
    city=t.CITIES,
    district=t.DISTRICTS,
    course=t.COURSES,
    money=t.MONEY,
    days=t.DAYS,
)
OFFICIAL = STORY.official

BLOGGER = verified("99100", "教育观察员老周", 1_300_000)
MEDIA = verified("99300", "钱江消费观察", 1_900_000)
BUREAU = verified("99400", "滨江教育发布", 210_000)
MILESTONES = milestones(
    crisis,
    crisis.FRAUD,
    blogger=Milestone(150, BLOGGER, 7600),
    statement=Milestone(300, OFFICIAL, 3800),
    media=Milestone(1480, MEDIA, 4300, crisis.REFUND),
    notice=Milestone(1860, BUREAU, 2600),
    apology=Milestone(1950, OFFICIAL, 5400),
)


def rate(minute: int) -> float:
    """Incident posts a minute: the morning the door is found locked, a quieter night, the wave
    after the media report."""
    return 1.2 if minute < 480 else 0.1 if minute < 1440 else 0.7 if minute < 1620 else 0.25


# Day 3, 08:10: the 滨江校区 found locked, about 500 posts over 34 hours.
SPEC = WeekSpec(
    STORY,
    name="school_week",
    seed=19,
    per_day=250,
    incident_seed=Seed(
        day_at(3, 8, 10),
        crisis.INCIDENT_SEED,
        said("seed", True, crisis.FRAUD, "high"),
        witness("滨江二宝妈", 1800),
        (5200, 3600, 14000),
        "https://example.com/video/qm-closed.mp4",
        ["转发微博", "退钱", "太过分了", "同滨江校区", "关注", ""],
    ),
    crisis=written_crisis(crisis, "校区突然关门预交学费不退"),
    milestones=MILESTONES,
    hours=34,
    rate=rate,
)


main = SPEC.main


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
