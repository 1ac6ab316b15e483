"""A week of mentions about an express-delivery brand (迅达快递), for reviews (not shipped).

Senders, receivers and 黑猫-style complaint entries, written for this week
(bench/courier_texts.py, bench/courier_crisis.py): praise of a courier who wraps the box in the
rain or a fast 次日达, questions (运费, 次日达 cities, 保价, what may be sent), 实测 and 攻略
posts, a competitor, promotions, news, the brand's own replies under complaints, and everyday
complaints: parcels lost (丢件, 查无此件), late or never delivered (延误, 不派送, 派送失败,
不送上门), damaged in transit, signed for by nobody (虚假签收, 代签收) or left at a 驿站 without
a word, 驿站 storage fees, 到付 and weighing surcharges, 次日达 and 限时达 promises not kept,
保价 claims refused or left in 审核中, couriers who swear or threaten, customer service that
passes the buck, waybills that show a phone number, sales and scam calls after a shipment, a
tricycle knocking a child down. On day 3 (Wednesday) at 20:10 a daughter's video: her mother,
called by someone posing as the brand's 理赔 staff who knew her name, waybill and purchase,
transferred ¥38,000. A local news post (21:40), a repost cascade, other customers' calls and
losses, an anti-fraud blogger (22:40), the statement blaming a third-party shopping platform
(day 4, 11:10), the backlash, a newspaper's follow-up on outlet staff selling waybill data (day
4, 16:10), the police's notice (day 5, 11:10) and the apology (day 5, 13:10).

Dev and test templates, each original post's truth beside the week (`OUT.truth.jsonl`, as the
brand's PR manager would give it) and `--score CLASSIFIED` as in bench/telecom_week.py (shared
in bench/week_story.py). The texts and their truth were written and committed before any
classifier output on them was read.

    python -m bench.courier_week /tmp/courier_week.jsonl [--seed 30]
    python -m bench.courier_week /tmp/courier_week.jsonl --score /tmp/courier.classified.jsonl
"""

from __future__ import annotations

import sys

from bench import courier_crisis as crisis
from bench import courier_texts as t
from bench.week_spec import Milestone, WeekSpec, day_at, milestones, witness, written_crisis
from bench.week_story import Seed, device_story, said, verified

STORY = device_story(t, "xd", 1_800_000)
OFFICIAL = STORY.official

LOCAL_NEWS = verified("99300", "钱塘都市报", 2_300_000)
BLOGGER = verified("99100", "反诈老陈", 1_600_000)
PAPER = verified("99301", "消费质量观察", 800_000)
POLICE = verified("99400", "平安西湖", 510_000)

MILESTONES = milestones(
    crisis,
    crisis.PRIVACY,
    news=Milestone(90, LOCAL_NEWS, 11_800),
    blogger=Milestone(150, BLOGGER, 7200),
    statement=Milestone(900, OFFICIAL, 4100),
    media=Milestone(1200, PAPER, 5200),
    notice=Milestone(2100, POLICE, 3300),
    apology=Milestone(2220, OFFICIAL, 6900),
)

# Day 3, 20:10: a mother scammed with leaked waybill data, about 760 posts over 46 hours.
SPEC = WeekSpec(
    STORY,
    name="courier_week",
    seed=30,
    per_day=260,
    incident_seed=Seed(
        day_at(3, 20, 10),
        crisis.INCIDENT_SEED,
        said("seed", True, crisis.PRIVACY, "critical"),
        witness("小林在杭州", 3200),
        (9800, 5900, 23000),
        "https://example.com/video/xd-scam.mp4",
        ["转发微博", "太吓人了", "赶紧提醒家里老人", "我也接到过这种电话", "迅达给个说法", ""],
    ),
    crisis=written_crisis(crisis, "快递信息泄露遭冒充客服理赔诈骗"),
    milestones=MILESTONES,
)


main = SPEC.main


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
