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

import random
import sys
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from bench import school_crisis as crisis
from bench import school_texts as t
from bench import week_kit as kit
from bench.week_story import Crisis, Milestones, Story, Truth, filler, said, verified

_fill = filler(
    t,
    {"hotline": t.HOTLINE},
    city=t.CITIES,
    district=t.DISTRICTS,
    course=t.COURSES,
    money=t.MONEY,
    days=t.DAYS,
)


OFFICIAL = verified("99200", t.OFFICIAL, 860_000)
STORY = Story(t, "qm", _fill, OFFICIAL)
PREFIX = STORY.prefix


BLOGGER = verified("99100", "教育观察员老周", 1_300_000)
MEDIA = verified("99300", "钱江消费观察", 1_900_000)
BUREAU = verified("99400", "滨江教育发布", 210_000)
# minute of the incident → (text, author, reach, truth)
MILESTONES: Milestones = {
    150: (crisis.BLOGGER_POST, BLOGGER, 7600, said("blogger", True, crisis.FRAUD, "critical")),
    300: (crisis.FIRST_STATEMENT, OFFICIAL, 3800, said("statement", False, "other", "low")),
    1480: (crisis.MEDIA_POST, MEDIA, 4300, said("media", True, crisis.REFUND, "critical")),
    1860: (crisis.NOTICE, BUREAU, 2600, said("notice", False, "other", "high")),
    1950: (crisis.APOLOGY, OFFICIAL, 5400, said("apology", False, "other", "low")),
}


CRISIS = Crisis(
    crisis.INCIDENT_COMPLAINTS,
    "校区突然关门预交学费不退",
    crisis.AFTER_STATEMENT,
    crisis.INCIDENT_VOICES_DEV,
    crisis.INCIDENT_VOICES_TEST,
)


def incident(rng: random.Random) -> Iterator[dict[str, Any]]:
    """Day 3, 08:10: the 滨江校区 found locked, about 500 posts over 34 hours."""
    at = kit.START + timedelta(days=2, hours=8, minutes=10)
    truth = Truth("crisis-seed", "dev", "negative", True, crisis.FRAUD, "high")
    seed = STORY.post(900_000, "weibo", _fill(crisis.INCIDENT_SEED, rng), at, rng, truth)
    who = {"id": "99001", "name": "滨江二宝妈", "followers": 1800, "verified": False}
    yield kit.seeded(seed, who, (5200, 3600, 14000), "https://example.com/video/qm-closed.mp4")
    notes = ["转发微博", "退钱", "太过分了", "同滨江校区", "关注", ""]
    post = kit.crisis_post(PREFIX, seed["native_id"], rng, notes, STORY.voice(CRISIS), 300)

    # the morning the door is found locked, a quieter night, the wave after the media report
    def rate(minute: int) -> float:
        return 1.2 if minute < 480 else 0.1 if minute < 1440 else 0.7 if minute < 1620 else 0.25

    yield from kit.wave(at, 34 * 60, rate, rng, post, STORY.milestone(rng, MILESTONES))


def main(argv: list[str]) -> int:
    """Write the week (and its truth) to argv[0], or score a classified week (--score)."""
    parts = [lambda rng: STORY.background(rng, 250), incident]
    return STORY.main(argv, "school_week", 19, parts, "day-3")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
