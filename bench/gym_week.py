"""A week of mentions about a chain of gyms and beauty salons selling prepaid cards (悦动健身 and
its 悦颜美容 salons), for reviews (not shipped).

Members on Weibo, 大众点评- and 小红书-style reviews and notes, local forums, 黑猫-style complaint
entries and news, written for this week (bench/gym_texts.py, bench/gym_crisis.py): praise of a
coach or a clean store, members' questions (年卡多少钱, 能不能异地用), check-ins (今日打卡),
a competitor (力享健身), promotions (周年庆年卡, 会员日), news (新店, 预付卡管理办法), the brand's
own replies under complaints, and everyday complaints: cards and unused 私教 lessons whose refund
is refused (退卡难), hard-sell pitches (强制推销), a store closed without notice with balances
unpaid (闭店), transfer fees (转卡费), auto-renewals deducted (自动续费), clauses that take what
was paid (最终解释权, 不退不换), coaches who left, broken equipment, dirty showers, overcrowding,
美容 treatments that burn or cause an allergy, a coach's training that injures, members' data
sold (推销电话) and rude staff. On day 3 (Wednesday) at 22:10 a member's post: the five 长沙
stores and two salons closed overnight with members' prepaid balances. Members, the evening
paper (23:40), the statement blaming a franchisee (day 4, 13:10), the backlash, a newspaper's
investigation (day 4, 18:10), the 商务局 and 市场监管局's prepaid-card notice (day 5, 09:10) and
the apology with a refund plan (day 5, 11:10).

Dev and test templates, each original post's truth beside the week (`OUT.truth.jsonl`, as the
brand's PR manager would give it) and `--score CLASSIFIED` as in bench/courier_week.py (shared
in bench/week_story.py). The texts and their truth were written and committed before any
classifier output on them was read.

    python -m bench.gym_week /tmp/gym_week.jsonl [--seed 34]
    python -m bench.gym_week /tmp/gym_week.jsonl --score /tmp/gym.classified.jsonl
"""

from __future__ import annotations

import sys

from bench import gym_crisis as crisis
from bench import gym_texts as t
from bench.week_spec import Milestone, WeekSpec, day_at, milestones, witness, written_crisis
from bench.week_story import Seed, device_story, said, verified

STORY = device_story(t, "yd", 1_200_000)
OFFICIAL = STORY.official

LOCAL_NEWS = verified("99300", "潇湘晚报", 1_900_000)
PAPER = verified("99301", "消费日报观察", 900_000)
BUREAU = verified("99400", "长沙商务", 380_000)

MILESTONES = milestones(
    crisis,
    crisis.REFUND,
    urgency="high",
    news=Milestone(90, LOCAL_NEWS, 10_600),
    statement=Milestone(900, OFFICIAL, 5800),
    media=Milestone(1200, PAPER, 6900),
    notice=Milestone(2100, BUREAU, 4300),
    apology=Milestone(2220, OFFICIAL, 8700),
)

# Day 3, 22:10: stores closed overnight with members' prepaid balances, about 750 posts over
# 46 hours.
SPEC = WeekSpec(
    STORY,
    name="gym_week",
    seed=34,
    per_day=240,
    incident_seed=Seed(
        day_at(3, 22, 10),
        crisis.INCIDENT_SEED,
        said("seed", True, crisis.REFUND, "high"),
        witness("长沙会员小林", 2600),
        (13_200, 9100, 36_000),
        "https://example.com/image/yd-closed.jpg",
        ["转发微博", "太离谱了", "办卡需谨慎", "悦动给个说法", "预付卡真的要管一管", ""],
    ),
    crisis=written_crisis(crisis, "多家门店一夜闭店预付卡余额不退"),
    milestones=MILESTONES,
)


main = SPEC.main


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
