"""A week of mentions about a car maker (驰远汽车), for reviews (not shipped).

Owners, 4S店 dealers, car forums (汽车之家/懂车帝-style threads), 车质网/黑猫-style complaints
and Weibo, written for this week (bench/auto_texts.py): praise, questions, test drives, dealer
ads, news and everyday complaints (异响, 漏油, 车机死机, 续航虚标, 维修推诿, 加价提车, 定金不退,
金融服务费, 交付延期, 态度), with a daily rhythm and reposts. On day 5 (Friday) at 20:30 a video
of a 星河S7 whose brakes failed on a ring road goes viral: a repost cascade, other owners with the
same hard pedal, a 维权群, a car blogger with 1.5 million followers (21:30), the brand's first
statement blaming the driver (22:40), a media account the next morning, an owner on a car at
the auto show, and the recall with an apology (day 6, 16:00).

Beside the week, `OUT.truth.jsonl` holds each post's category and sentiment as a car maker's
PR manager would give them (bare reposts left out); `--score CLASSIFIED` compares a
`yuqing classify` output with it.

    python -m bench.auto_week /tmp/auto_week.jsonl [--seed 11]
    python -m bench.auto_week --score /tmp/auto_week.classified.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bench import auto_texts as t
from bench import week_kit as kit

SAFETY = "food_safety_health"
TRUTH: dict[str, tuple[str, str, str]] = {}  # native id → (kind, category, sentiment)


def _fill(template: str, rng: random.Random) -> str:
    city = rng.choice(t.CITIES)
    return template.format(
        brand=t.BRAND,
        official=t.OFFICIAL,
        model=rng.choice(t.MODELS),
        dealer=rng.choice(t.DEALERS).format(city=city),
        city=city,
        km=rng.choice(t.KM),
        days=rng.choice(t.DAYS),
        money=rng.choice(t.MONEY),
        part=rng.choice(t.PARTS),
    )


def _post(
    n: int, channel: str, text: str, at: datetime, rng: random.Random, truth: tuple[str, str, str]
) -> dict[str, Any]:
    post = kit.record("cy", n, channel, text, at, rng)
    TRUTH[post["native_id"]] = truth
    return post


def _everyday(n: int, at: datetime, rng: random.Random) -> dict[str, Any]:
    kinds = {kind: (category, sentiment, texts) for kind, category, sentiment, texts in t.EVERYDAY}
    kind = rng.choices(list(t.KIND_WEIGHTS), weights=list(t.KIND_WEIGHTS.values()))[0]
    category, sentiment, texts = kinds[kind]
    body = _fill(rng.choice(texts), rng)
    if kind in t.COMPLAINT_KINDS and rng.random() < 0.3:
        post = _post(n, "complaint_platform", body, at, rng, (kind, category, sentiment))
        post["title"] = f"投诉{t.OFFICIAL}：" + _fill(t.COMPLAINT_TITLES[kind], rng)
        return post
    if kind not in {"ad", "news"}:
        complains = kind in t.COMPLAINT_KINDS
        opening, closing = rng.choice(t.OPENINGS[complains]), rng.choice(t.CLOSINGS[complains])
        body = opening + body.rstrip("。！？") + closing
    channel = "news" if kind == "news" else "weibo" if rng.random() < 0.5 else "forum"
    post = _post(n, channel, body, at, rng, (kind, category, sentiment))
    if kind == "ad":
        post["author"]["name"] = body.split("】")[0].strip("【") if "】" in body else "驰远经销商"
    return post


def background(rng: random.Random, per_day: int) -> Iterator[dict[str, Any]]:
    """Seven days of everyday car talk and complaints, with reposts of some Weibo posts."""
    return kit.everyday_week("cy", rng, per_day, 30, _everyday)


def _verified(uid: str, name: str, followers: int) -> dict[str, Any]:
    return {"id": uid, "name": name, "followers": followers, "verified": True}


OFFICIAL = _verified("99200", t.OFFICIAL, 2_300_000)
UNSAFE = (SAFETY, "negative")
# minute of the incident → (text, author, reach, truth)
BLOGGER = _verified("99100", "老韩聊车", 1_500_000)
MEDIA = _verified("99300", "汽车消费观察", 3_400_000)
SHOW = _verified("99400", "车展现场直击", 420_000)
MILESTONES: dict[int, tuple[str, dict[str, Any], int, tuple[str, str, str]]] = {
    60: (t.BLOGGER_POST, BLOGGER, 8200, ("crisis-blogger", *UNSAFE)),
    130: (t.FIRST_STATEMENT, OFFICIAL, 4100, ("crisis-statement", "other", "neutral")),
    780: (t.MEDIA_POST, MEDIA, 3600, ("crisis-media", *UNSAFE)),
    870: (t.AUTO_SHOW, SHOW, 2900, ("crisis-autoshow", *UNSAFE)),
    1170: (t.RECALL, OFFICIAL, 5200, ("crisis-recall", "other", "neutral")),
}


def _voice(n: int, when: datetime, rng: random.Random, after_statement: bool) -> dict[str, Any]:
    roll = rng.random()
    if roll < 0.12:
        text = _fill(rng.choice(t.INCIDENT_COMPLAINTS), rng)
        post = _post(n, "complaint_platform", text, when, rng, ("crisis", SAFETY, "negative"))
        post["title"] = f"投诉{t.OFFICIAL}：星河S7刹车失灵，要求召回"
        return post
    if after_statement and roll < 0.35:
        text = _fill(rng.choice(t.AFTER_STATEMENT), rng)
        return _post(
            n, "weibo", text, when, rng, ("crisis-outrage", "service_attitude", "negative")
        )
    text = _fill(rng.choice(t.INCIDENT_VOICES), rng)
    if rng.random() < 0.4:
        text = rng.choice(["", "真的，", "后怕，", "太吓人了，"]) + text
    channel = rng.choice(["weibo", "weibo", "forum"])
    return _post(n, channel, text, when, rng, ("crisis", SAFETY, "negative"))


def incident(rng: random.Random) -> Iterator[dict[str, Any]]:
    """Day 5, 20:30: the 星河S7 刹车失灵 story, about 450 posts over 21 hours."""
    at = kit.START + timedelta(days=4, hours=20, minutes=30)
    text = _fill(t.INCIDENT_SEED, rng)
    seed = _post(900_000, "weibo", text, at, rng, ("crisis", SAFETY, "negative"))
    who = {"id": "99001", "name": "S7车主阿杰", "followers": 2100, "verified": False}
    yield kit.seeded(seed, who, (6800, 4200, 26000), "https://example.com/video/s7-brake.mp4")
    notes = ["转发微博", "太吓人了", "必须召回", "后怕", "关注", ""]
    post = kit.crisis_post("cy", seed["native_id"], rng, notes, _voice, 130)

    def milestone(n: int, minute: int, when: datetime) -> dict[str, Any] | None:
        if minute not in MILESTONES:
            return None
        text, who, reach, truth = MILESTONES[minute]
        return kit.by_account(
            _post(n, "weibo", _fill(text, rng), when, rng, truth), dict(who), reach
        )

    # the evening wave, a quiet night, the morning wave after the media post
    def rate(minute: int) -> float:
        return 1.5 if minute < 210 else 0.12 if minute < 720 else 0.8 if minute < 1000 else 0.3

    yield from kit.wave(at, 21 * 60, rate, rng, post, milestone)


def score(classified: Path, truth_path: Path) -> int:
    """Print category and sentiment agreement of a `yuqing classify` output with the truth."""
    truth = {}
    for line in truth_path.open(encoding="utf-8"):
        row = json.loads(line)
        truth[row["native_id"]] = (row["category"], row["sentiment"], row["kind"])
    per_kind: dict[str, Counter[str]] = {}
    for line in classified.open(encoding="utf-8"):
        row = json.loads(line)
        if row["native_id"] not in truth:
            continue
        category, sentiment, kind = truth[row["native_id"]]
        counts = per_kind.setdefault(kind, Counter())
        counts["n"] += 1
        counts["category"] += row.get("category") == category
        counts["sentiment"] += (row.get("sentiment") or {}).get("label") == sentiment
        counts["negative"] += (row.get("sentiment") or {}).get("label") == "negative"
        counts[f"→{row.get('category')}"] += 1
    total: Counter[str] = sum(per_kind.values(), Counter())
    print(f"{'kind':<16}{'n':>5}{'category':>10}{'sentiment':>11}{'negative':>10}  categories")
    for kind, c in [*sorted(per_kind.items()), ("all", total)]:
        mix = " ".join(f"{k[1:]} {v}" for k, v in c.most_common() if k.startswith("→"))
        print(
            f"{kind:<16}{c['n']:>5}{c['category'] / c['n']:>10.3f}{c['sentiment'] / c['n']:>11.3f}"
            f"{c['negative'] / c['n']:>10.3f}  {mix if kind != 'all' else ''}"
        )
    rows = (json.loads(line) for line in truth_path.open(encoding="utf-8"))
    kit.polarity_report({r["native_id"]: r for r in rows}, classified)
    return 0


def _write_truth(out: Path) -> None:
    with out.with_suffix(".truth.jsonl").open("w", encoding="utf-8") as handle:
        for native_id, (kind, category, sentiment) in TRUTH.items():
            row = {"native_id": native_id, "kind": kind, "category": category}
            handle.write(json.dumps({**row, "sentiment": sentiment}, ensure_ascii=False) + "\n")


def main(argv: list[str]) -> int:
    """Write the week (and its truth) to argv[0], or score a classified week (--score)."""
    if "--score" in argv:
        classified = Path(argv[argv.index("--score") + 1])
        week = Path(argv[0] if argv[0] != "--score" else "/tmp/auto_week.jsonl")
        return score(classified, week.with_suffix(".truth.jsonl"))
    parts = [lambda rng: background(rng, 300), incident]
    code = kit.week_main(argv, "auto_week", 11, "cy", parts, "day-5")
    _write_truth(Path(argv[0] if argv else "/tmp/auto_week.jsonl"))
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
