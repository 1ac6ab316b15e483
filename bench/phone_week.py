"""A week of mentions about a phone brand (曜石手机), for reviews (not shipped).

Owners, fans and 黑猫-style complaint entries, written for this week (bench/phone_texts.py,
bench/phone_crisis.py): praise of the camera and battery, questions (参数, 以旧换新, 碎屏险), 评测
and 开箱 posts, a competitor, promotions, news, the brand's own replies under complaints, and
everyday complaints: the device failing (发热, 卡顿, 续航, 信号, 绿线, 烧屏, 断触, 摄像头进灰,
an update that bricks it), repairs and warranties refused (人为损坏, 进水判定, 翻新件, 寄修),
the official store not shipping, price cuts not made good and trade-ins valued down,
advertising beyond what the phone does, preinstalled apps and pushed ads, customer service
passing the buck, and batteries or chargers that swell, smoke or burn. On day 3 (Wednesday)
at 22:20 a student's 曜石X5 catches fire while charging in a 武汉 dorm: a roommate's video, a
repost cascade, other owners' swollen batteries, a tech blogger (23:20), the statement
blaming a third-party charger (day 4, 10:00), the backlash, a media report (day 4, 15:00),
the 市场监管局's notice (day 5, 10:00) and the apology with a recall (day 5, 12:00).

Dev and test templates, each original post's truth beside the week (`OUT.truth.jsonl`, as the
brand's PR manager would give it) and `--score CLASSIFIED` as in bench/telecom_week.py (shared
in bench/week_story.py). The texts and their truth were written and committed before any
classifier output on them was read.

    python -m bench.phone_week /tmp/phone_week.jsonl [--seed 23]
    python -m bench.phone_week /tmp/phone_week.jsonl --score /tmp/phone_week.classified.jsonl
"""

from __future__ import annotations

import sys

from bench import phone_crisis as crisis
from bench import phone_texts as t
from bench.week_spec import Milestone, WeekSpec, day_at, milestones, witness, written_crisis
from bench.week_story import Seed, device_story, said, verified

STORY = device_story(t, "ys", 3_200_000)
OFFICIAL = STORY.official

BLOGGER = verified("99100", "数码测评君阿杰", 2_400_000)
MEDIA = verified("99300", "楚天消费观察", 1_700_000)
REGULATOR = verified("99400", "武汉市场监管", 350_000)
MILESTONES = milestones(
    crisis,
    crisis.SAFETY,
    blogger=Milestone(60, BLOGGER, 9100),
    statement=Milestone(700, OFFICIAL, 4600),
    media=Milestone(1000, MEDIA, 5200),
    notice=Milestone(2140, REGULATOR, 3100),
    apology=Milestone(2260, OFFICIAL, 6800),
)


def rate(minute: int) -> float:
    """Incident posts a minute: the night of the fire, a quiet small hours, the morning, the
    backlash after the statement, a quieter evening and day, the wave of the notice and recall."""
    for until, per_minute in ((120, 1.5), (540, 0.12), (700, 0.8), (960, 1.0), (1440, 0.3)):
        if minute < until:
            return per_minute
    return 0.1 if minute < 2100 else 0.4


# Day 3, 22:20: an X5 catches fire in a dorm, about 570 posts over 44 hours.
SPEC = WeekSpec(
    STORY,
    name="phone_week",
    seed=23,
    per_day=250,
    incident_seed=Seed(
        day_at(3, 22, 20),
        crisis.INCIDENT_SEED,
        said("seed", True, crisis.SAFETY, "critical"),
        witness("江城大学小周", 1300),
        (8800, 5100, 21000),
        "https://example.com/video/ys-fire.mp4",
        ["转发微博", "太吓人了", "我的也鼓包了", "召回吧", "关注", ""],
    ),
    crisis=written_crisis(crisis, "X5充电起火电池鼓包"),
    milestones=MILESTONES,
    hours=44,
    rate=rate,
)


main = SPEC.main


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
