"""A week of mentions about a property developer (安居地产) and its 物业, for reviews (not shipped).

Owners, buyers and 黑猫-style complaint entries, written for this week (bench/estate_texts.py,
bench/estate_crisis.py): praise of a punctual handover or a guard who moves cars in a storm,
buyers' questions (户型, 学区, 贷款), owners' group talk, 探盘 and 避坑 posts, a competitor
(华府置业), promotions (特价房, 首付分期), news (销售额, 拿地), the brand's own replies under
complaints, and everyday complaints: late handovers and unpaid penalties, leaks, cracks, hollow
walls and fit-outs cheaper than shown, a sales office's promises (学区, 地铁) not kept, 物业费 and
停车费 raised or invented, a 物业 that does nothing, repairs pushed between developer and 物业,
定金 and 退房 refused, owners' numbers sold, and lifts that trap people, things falling from
height, blocked fire lanes and formaldehyde. On day 5 (Friday) at 21:20 an owner's post: the
handover ten months late, the fit-out below the contract, no penalty paid, owners to gather at the
sales office. Owners with banners, a property blogger (22:50), the statement calling owners
rumour-mongers (day 6, 12:20), the backlash, a newspaper's investigation (day 6, 17:20), the
housing bureau's notice (day 7, 08:20) and the apology (day 7, 10:20).

Dev and test templates, each original post's truth beside the week (`OUT.truth.jsonl`, as the
brand's PR manager would give it) and `--score CLASSIFIED` as in bench/courier_week.py (shared
in bench/week_story.py). The texts and their truth were written and committed before any
classifier output on them was read.

    python -m bench.estate_week /tmp/estate_week.jsonl [--seed 32]
    python -m bench.estate_week /tmp/estate_week.jsonl --score /tmp/estate.classified.jsonl
"""

from __future__ import annotations

import sys

from bench import estate_crisis as crisis
from bench import estate_texts as t
from bench.week_spec import Milestone, WeekSpec, day_at, milestones, witness, written_crisis
from bench.week_story import Seed, device_story, said, verified

STORY = device_story(t, "aj", 1_800_000)
OFFICIAL = STORY.official

BLOGGER = verified("99100", "楼市老K说房", 3_100_000)
PAPER = verified("99301", "城市财经周刊", 1_200_000)
BUREAU = verified("99400", "住建发布", 520_000)

MILESTONES = milestones(
    crisis,
    crisis.CONTRACT,
    urgency="high",
    blogger=Milestone(90, BLOGGER, 15_600),
    statement=Milestone(900, OFFICIAL, 5300),
    media=Milestone(1200, PAPER, 6100),
    notice=Milestone(2100, BUREAU, 4800),
    apology=Milestone(2220, OFFICIAL, 8200),
)

# Day 5, 21:20: an owner's late, cut-down handover, about 750 posts over 46 hours.
SPEC = WeekSpec(
    STORY,
    name="estate_week",
    seed=32,
    per_day=240,
    incident_seed=Seed(
        day_at(5, 21, 20),
        crisis.INCIDENT_SEED,
        said("seed", True, crisis.CONTRACT, "high"),
        witness("翡翠湾业主老周", 1800),
        (12_400, 8800, 31_000),
        "https://example.com/image/aj-handover.jpg",
        ["转发微博", "太过分了", "买房一定要看合同附件", "安居给个说法", "支持业主维权", ""],
    ),
    crisis=written_crisis(crisis, "逾期交房精装缩水拒赔违约金"),
    milestones=MILESTONES,
)


main = SPEC.main


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
