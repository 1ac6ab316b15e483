"""A week of mentions about a mobile-game publisher (星游互娱) and its games, for reviews (not
shipped).

Players on Weibo, TapTap- and B站-style reviews, 贴吧- and NGA-style threads, 黑猫-style
complaint entries and news, written for this week (bench/game_texts.py, bench/game_crisis.py):
praise of a new character or a generous anniversary, players' questions (抽哪个, 账号互通),
guides, fan art and cosplay, esports news, a competitor (幻境网络), promotions (十连, 首充双倍),
news (财报, 版号), the brand's own replies under complaints, and everyday complaints: accounts
banned without reason and appeals unanswered, recharges not credited, minors' recharges whose
refund is refused, gacha odds lower than published and a 保底 not honoured, paid items nerfed
or deleted by an update, servers down, lag and crashes, 外挂 left unpunished, in-game ads,
customer service that pastes the same reply, stolen accounts and real-name data misused, games
shut down without refund, and an offline event's crowd crush. On day 4 (Thursday) at 20:30 a
data-miner's post: the limited rate in the code is 0.6 %, not the published 1.6 %. Players, a
game UP主 (21:30), the statement calling the data maliciously edited (day 5, 11:30), the
backlash, a newspaper's investigation (day 5, 16:30), the market regulator's notice (day 6,
07:30) and the apology with refunds (day 6, 09:30).

Dev and test templates, each original post's truth beside the week (`OUT.truth.jsonl`, as the
brand's PR manager would give it) and `--score CLASSIFIED` as in bench/courier_week.py (shared
in bench/week_story.py). The texts and their truth were written and committed before any
classifier output on them was read.

    python -m bench.game_week /tmp/game_week.jsonl [--seed 33]
    python -m bench.game_week /tmp/game_week.jsonl --score /tmp/game.classified.jsonl
"""

from __future__ import annotations

import sys

from bench import game_crisis as crisis
from bench import game_texts as t
from bench.week_spec import Milestone, WeekSpec, day_at, milestones, witness, written_crisis
from bench.week_story import Seed, device_story, said, verified

STORY = device_story(t, "xy", 2_600_000)
OFFICIAL = STORY.official

BLOGGER = verified("99100", "游戏区UP主老白", 4_200_000)
PAPER = verified("99301", "新京财经观察", 1_500_000)
REGULATOR = verified("99400", "市场监管发布", 610_000)

MILESTONES = milestones(
    crisis,
    crisis.CONTRACT,
    urgency="high",
    blogger=Milestone(60, BLOGGER, 21_300),
    statement=Milestone(900, OFFICIAL, 6400),
    media=Milestone(1200, PAPER, 7200),
    notice=Milestone(2100, REGULATOR, 5100),
    apology=Milestone(2220, OFFICIAL, 9800),
)

# Day 4, 20:30: a data-miner's gacha table, about 750 posts over 46 hours.
SPEC = WeekSpec(
    STORY,
    name="game_week",
    seed=33,
    per_day=240,
    incident_seed=Seed(
        day_at(4, 20, 30),
        crisis.INCIDENT_SEED,
        said("seed", True, crisis.CONTRACT, "high"),
        witness("解包大佬阿离", 23_000),
        (15_800, 9600, 42_000),
        "https://example.com/image/xy-droptable.jpg",
        ["转发微博", "离谱", "怪不得我不出金", "星游给个说法", "抽卡游戏都要查一查", ""],
    ),
    crisis=written_crisis(crisis, "抽卡概率与公示不符保底不兑现"),
    milestones=MILESTONES,
)


main = SPEC.main


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
