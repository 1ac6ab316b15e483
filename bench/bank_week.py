"""A week of mentions about a credit-card bank (招财银行信用卡中心), for reviews (not shipped).

Real banking forum posts (bank_reviews.csv) and 黑猫-style finance complaints
(heimao_finance.train.csv) dressed as Weibo posts, forum threads and complaint-platform entries
about one invented bank, with a daily rhythm and reposts; on day 5 at 19:40 a 暴力催收 story
(collectors calling a cardholder's relatives and employer) goes viral: a seed post, a Weibo
repost cascade, near-copies by other cardholders, a media account and the bank's own reply.

    python -m bench.bank_week /tmp/bank_week.jsonl [--seed 5]
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from bench.week_kit import DATA, START, moment, record, reposts, rows, week_main

BANK = "招财银行"
OFFICIAL = "招财银行信用卡"
OTHER_BANKS = re.compile(
    "交通银行|交行|建设银行|建行|工商银行|工行|招商银行|招商|招行|中信银行|中信|浦发银行|浦发|广发银行|广发|"
    "农业银行|农行|中国银行|中行|民生银行|民生|平安银行|平安|兴业银行|兴业|光大银行|光大|华夏银行|华夏|"
    "邮储银行|邮储|捷信金融|捷信|中邮消费|招联金融|招联|马上消费|度小满|京东金条|借呗|花呗|微粒贷"
)

INCIDENT_SEED = (
    "实在忍不了了！我只是{bank}信用卡逾期了5天，催收就把电话打到我爸妈、我领导、甚至我通讯录里的同事那里，"
    "说我欠钱不还是老赖，还威胁要上门。我妈被吓得一晚上没睡。已经打了12378银保监投诉，也准备报警。"
    "@{official} 你们就是这么催收的吗？#{bank}暴力催收#"
)
INCIDENT_VOICES = [
    "我也是！{bank}信用卡逾期三天，催收天天给我爸妈打电话，还打到我公司前台，太恶心了"
    " #{bank}暴力催收#",
    "不止我一个，{bank}的催收把我通讯录里的人打了个遍，我女朋友都被骚扰了，这是泄露个人信息吧",
    "{bank}信用卡中心的催收员骂我父母，说再不还就去单位闹，已经录音了，准备找律师 #{bank}暴力催收#",
    "刚看到热搜，我去年就被{bank}催收爆过通讯录，投诉了三次没人处理，支持楼主维权",
    "{bank}催收打电话给我七十岁的奶奶，老人家吓得血压都高了，这还有没有王法",
    "建了个{bank}暴力催收维权群，被骚扰过的朋友一起集体投诉银保监会",
    "我的通讯录是怎么到{bank}催收手里的？我从来没授权过，这是信息泄露！ #{bank}暴力催收#",
    "{bank}信用卡逾期一天就被催收打爆电话，连我十年没联系的同学都接到了，简直是社死",
    "黑猫投诉上一搜{bank}催收几百条，全是骚扰家人的，监管管管吧",
    "已向12378和当地金融监管局实名举报{bank}信用卡暴力催收，大家别忍着",
]
MEDIA_POST = (
    "【多名持卡人称遭{bank}信用卡暴力催收 家人同事被频繁骚扰】近日，多名网友发帖称，其{bank}信用卡"
    "逾期数日后，催收人员频繁致电其父母、单位领导及通讯录联系人，言语威胁。记者就此联系{bank}信用卡中心，"
    "截至发稿未获回复。#{bank}暴力催收#"
)
OFFICIAL_REPLY = (
    "关于网友反映的催收问题，我行高度重视，已第一时间成立专项小组核查，暂停涉事外包催收机构的全部业务。"
    "我行严禁任何骚扰无关第三方的催收行为，核实后将严肃处理并向客户致歉。客服热线：400-XXX-XXXX"
)


def _brand(text: str, rng: random.Random) -> str:
    """Make a corpus text about the invented bank: other lenders' names become it."""
    named, count = OTHER_BANKS.subn(BANK, text, count=1)
    named = OTHER_BANKS.sub("", named)
    if count:
        return named
    lead = rng.choice([f"{BANK}信用卡", f"{BANK}", f"{BANK}信用卡中心", "招财卡"])
    return f"{lead}：{named}" if rng.random() < 0.5 else f"{named}（{lead}）"


def _record(
    n: int, channel: str, text: str, at: datetime, rng: random.Random, **extra: Any
) -> dict[str, Any]:
    return record("bk", n, channel, text, at, rng, **extra)


def background(rng: random.Random, per_day: int) -> Iterator[dict[str, Any]]:
    """Seven days of everyday posts and complaints, with reposts of some Weibo posts."""
    reviews = rows(DATA / "sentiment/bank_reviews.csv", "sentiment")
    heimao = rows(DATA / "complaints/heimao_finance.train.csv", "label_name")
    rng.shuffle(reviews)
    rng.shuffle(heimao)
    n = 0
    for day in range(7):
        for _ in range(per_day + rng.randrange(-40, 40)):
            n += 1
            at = moment(day, rng)
            if rng.random() < 0.35:
                text, label = heimao.pop()
                title = f"投诉{BANK}信用卡中心：{label or '其他'}"
                yield _record(n, "complaint_platform", _brand(text, rng), at, rng, title=title)
                continue
            text, _ = reviews.pop()
            channel = "weibo" if rng.random() < 0.55 else "forum"
            post = _record(n, channel, _brand(text, rng), at, rng)
            yield post
            for repost in reposts("bk", n, post, rng):
                n += 1
                yield repost


def incident(rng: random.Random) -> Iterator[dict[str, Any]]:
    """Day 5, 19:40: the 暴力催收 story, about 400 posts over six hours."""
    words = {"bank": BANK, "official": OFFICIAL}
    at = START + timedelta(days=4, hours=19, minutes=40)
    seed = _record(900_000, "weibo", INCIDENT_SEED.format(**words), at, rng)
    seed["author"] = {"id": "77001", "name": "打工人小周", "followers": 8300, "verified": False}
    seed["metrics"] = {"reposts": 5200, "comments": 3100, "likes": 21000}
    yield seed
    n = 900_000
    reposters: list[str] = []
    for minute in range(360):
        rate = 2.2 if minute < 150 else 0.6 if minute < 260 else 0.2
        for _ in range(int(rng.expovariate(1 / rate) + 0.5)):
            n += 1
            when = at + timedelta(minutes=minute, seconds=rng.randrange(60))
            roll = rng.random()
            if roll < 0.6:
                via = f"//@{rng.choice(reposters)}:" if reposters and rng.random() < 0.3 else ""
                note = rng.choice(["转发微博", "太过分了", "支持维权", "吓人", "同样遭遇", ""])
                post = _record(n, "weibo", f"{note}{via}", when, rng, repost_of=seed["native_id"])
                if not post["text"]:
                    post["text"] = "转发微博"
                reposters.append(post["author"]["name"])
            elif roll < 0.9:
                voice = rng.choice(INCIDENT_VOICES).format(**words)
                if rng.random() < 0.5:
                    voice = rng.choice(["", "真的", "气死了，"]) + voice
                channel = rng.choice(["weibo", "weibo", "forum", "complaint_platform"])
                post = _record(n, channel, voice, when, rng)
            else:
                copy = INCIDENT_SEED.format(**words).replace("我妈", rng.choice(["我爸", "我老婆"]))
                post = _record(n, "weibo", copy, when, rng)
            yield post
        if minute == 95:
            n += 1
            media = _record(n, "weibo", MEDIA_POST.format(**words), when, rng)
            media["author"] = {
                "id": "5001",
                "name": "财经观察报",
                "followers": 2_400_000,
                "verified": True,
            }
            media["metrics"] = {"reposts": 1800, "comments": 900, "likes": 5000}
            yield media
        if minute == 170:
            n += 1
            reply = _record(n, "weibo", OFFICIAL_REPLY, when, rng)
            reply["author"] = {
                "id": "6001",
                "name": OFFICIAL,
                "followers": 560_000,
                "verified": True,
            }
            yield reply


def main(argv: list[str]) -> int:
    """Write the week to argv[0] (default /tmp/bank_week.jsonl), in publication order."""
    parts = [lambda rng: background(rng, 330), incident]
    return week_main(argv, "bank_week", 5, "bk", parts, "day-5")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
