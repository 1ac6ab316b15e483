"""Shared parts of the generated review weeks (bank_week, cosmetics_week, auto_week; not
shipped): the week's clock, the daily rhythm, authors, a mention record in the intake JSON,
reposts of everyday posts and the command line that writes a week."""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

DATA = Path("/work/shared/data")
TZ = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 11, 23, tzinfo=TZ)  # a Monday
HOURLY = [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.7, 1.0, 1.3, 1.4, 1.5]
HOURLY += [1.6, 1.3, 1.2, 1.3, 1.4, 1.4, 1.5, 1.7, 1.9, 1.8, 1.3, 0.7]
REGIONS = ["广东", "北京", "上海", "浙江", "江苏", "四川", "湖北", "山东", "河南", "福建"]
SOURCES = {
    "weibo": "weibo_search",
    "forum": "tieba",
    "complaint_platform": "heimao",
    "news": "rss",
}


def rows(path: Path, column: str, text: str = "text") -> list[tuple[str, str]]:
    """(text, label) pairs of a corpus CSV, texts of 8–400 characters."""
    with path.open(encoding="utf-8") as handle:
        found = [(r[text].strip(), r.get(column) or "") for r in csv.DictReader(handle)]
    return [(t, label) for t, label in found if 8 <= len(t) <= 400]


def author(rng: random.Random, prefix: str = "用户") -> dict[str, Any]:
    """An ordinary account: Pareto-distributed followers, verified above 50,000."""
    followers = int(rng.paretovariate(1.2) * 40)
    return {
        "id": str(rng.randrange(10**9)),
        "name": f"{prefix}{rng.randrange(10**6):06d}",
        "followers": followers,
        "verified": followers > 50_000,
    }


def moment(day: int, rng: random.Random) -> datetime:
    """A time on the week's day `day` (0 = Monday), following the daily rhythm."""
    hour = rng.choices(range(24), weights=HOURLY)[0]
    return START + timedelta(days=day, hours=hour, seconds=rng.randrange(3600))


def record(
    prefix: str, n: int, channel: str, text: str, at: datetime, rng: random.Random, **extra: Any
) -> dict[str, Any]:
    """One mention JSON with native id `{prefix}{n}`, collected 2–15 minutes after publication."""
    source = SOURCES[channel]
    found: dict[str, Any] = {
        "source": source,
        "native_id": f"{prefix}{n}",
        "channel": channel,
        "url": f"https://example.com/{source}/{prefix}{n}",
        "author": author(rng),
        "region": rng.choice(REGIONS),
        "text": text,
        "published_at": at.isoformat(),
        "collected_at": (at + timedelta(minutes=rng.randrange(2, 15))).isoformat(),
        "metrics": {"reposts": 0, "comments": rng.randrange(0, 8), "likes": rng.randrange(0, 30)},
    }
    found.update(extra)
    return found


def write(out: Path, records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Write the records to `out` as JSONL in publication order; the sorted records."""
    ordered = sorted(records, key=lambda r: r["published_at"])
    with out.open("w", encoding="utf-8") as handle:
        for item in ordered:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    return ordered


def reposts(
    prefix: str, n: int, post: dict[str, Any], rng: random.Random
) -> Iterator[dict[str, Any]]:
    """Bare reposts (转发微博) of a Weibo post, 8 % of them 1–3, numbered after `n`."""
    if post["channel"] != "weibo" or rng.random() >= 0.08:
        return
    at = datetime.fromisoformat(post["published_at"])
    for _ in range(rng.randrange(1, 4)):
        n += 1
        later = at + timedelta(minutes=rng.randrange(5, 300))
        yield record(prefix, n, "weibo", "转发微博", later, rng, repost_of=post["native_id"])


def minute_posts(at: datetime, minute: int, rate: float, rng: random.Random) -> Iterator[datetime]:
    """Publication times of an incident's posts in its minute `minute` after `at`, `rate` a
    minute on average (lazily: the caller's draws for each post come between them)."""
    for _ in range(int(rng.expovariate(1 / rate) + 0.3)):
        yield at + timedelta(minutes=minute, seconds=rng.randrange(60))


PostAt = Callable[[int, int, datetime], dict[str, Any]]
MilestoneAt = Callable[[int, int, datetime], "dict[str, Any] | None"]


def wave(
    at: datetime,
    minutes: int,
    rate: Callable[[int], float],
    rng: random.Random,
    post: PostAt,
    milestone: MilestoneAt,
) -> Iterator[dict[str, Any]]:
    """An incident's posts after its seed (native ids from 900001 on): each minute
    `post(n, minute, when)` for `rate(minute)` posts on average, then the minute's milestone
    (a blogger, the brand's statement, a media account), if `milestone(n, minute, when)` has
    one — it is called with the id it would take, at the minute's last post time."""
    n = 900_000
    for minute in range(minutes):
        when = at + timedelta(minutes=minute)
        for when in minute_posts(at, minute, rate(minute), rng):
            n += 1
            yield post(n, minute, when)
        extra = milestone(n + 1, minute, when)
        if extra is not None:
            n += 1
            yield extra


def by_account(post: dict[str, Any], who: dict[str, Any], reach: int) -> dict[str, Any]:
    """The post as written by a known account (a blogger, the brand, a media outlet) that drew
    `reach` reposts, half as many comments and three times as many likes."""
    post["author"] = who
    post["metrics"] = {"reposts": reach, "comments": reach // 2, "likes": reach * 3}
    return post


def seeded(
    post: dict[str, Any], who: dict[str, Any], reach: tuple[int, int, int], media: str
) -> dict[str, Any]:
    """The incident's seed post: its author, (reposts, comments, likes) and one picture or video."""
    post["author"] = who
    post["metrics"] = dict(zip(("reposts", "comments", "likes"), reach, strict=True))
    post["media"] = [media]
    return post


def cascade_repost(
    prefix: str,
    n: int,
    seed_id: str,
    at: datetime,
    rng: random.Random,
    reposters: list[str],
    notes: Sequence[str],
) -> dict[str, Any]:
    """A Weibo repost of an incident's seed post: a short note (or 转发微博), now and then via an
    earlier reposter (//@name:); its author joins `reposters`."""
    via = f"//@{rng.choice(reposters)}:" if reposters and rng.random() < 0.3 else ""
    note = rng.choice(notes)
    post = record(prefix, n, "weibo", f"{note}{via}" or "转发微博", at, rng)
    post["repost_of"] = seed_id
    reposters.append(post["author"]["name"])
    return post


Part = Callable[[random.Random], Iterable[dict[str, Any]]]


def week_main(
    argv: list[str], name: str, seed: int, prefix: str, parts: Sequence[Part], day: str
) -> int:
    """Write the week of `parts` (called in order with one seeded rng) to argv[0] (default
    /tmp/{name}.jsonl) in publication order, and say how many posts the incident has (native
    ids `{prefix}9xxxxx`)."""
    out = Path(argv[0] if argv else f"/tmp/{name}.jsonl")
    rng = random.Random(int(argv[argv.index("--seed") + 1]) if "--seed" in argv else seed)
    records = write(out, [item for part in parts for item in part(rng)])
    incident = f"{prefix}9"
    spike = sum(
        r["native_id"].startswith(incident) and len(r["native_id"]) == len(prefix) + 6
        for r in records
    )
    print(f"{out}: {len(records)} mentions, {spike} of them the {day} incident")
    return 0


Voice = Callable[[int, datetime, random.Random, bool], dict[str, Any]]


def crisis_post(
    prefix: str,
    seed_id: str,
    rng: random.Random,
    notes: Sequence[str],
    voice: Voice,
    statement_minute: int,
) -> PostAt:
    """The `post` of a wave(): half of the incident's posts repost the seed with one of `notes`,
    the others are `voice(n, when, rng, after_statement)`, after the brand's statement at
    `statement_minute`."""
    reposters: list[str] = []

    def post(n: int, minute: int, when: datetime) -> dict[str, Any]:
        if rng.random() < 0.5:
            return cascade_repost(prefix, n, seed_id, when, rng, reposters, notes)
        return voice(n, when, rng, minute > statement_minute)

    return post


Everyday = Callable[[int, datetime, random.Random], dict[str, Any]]
Follow = Callable[[int, dict[str, Any], random.Random], "dict[str, Any] | None"]


def everyday_week(
    prefix: str,
    rng: random.Random,
    per_day: int,
    spread: int,
    everyday: Everyday,
    follow: Follow | None = None,
) -> Iterator[dict[str, Any]]:
    """Seven days of `per_day` ± `spread` everyday posts (`everyday(n, when, rng)`), each maybe
    followed by `follow(n, post, rng)` (a reply, numbered next) and by reposts of it."""
    n = 0
    for day in range(7):
        for _ in range(per_day + rng.randrange(-spread, spread)):
            n += 1
            post = everyday(n, moment(day, rng), rng)
            yield post
            extra = follow(n + 1, post, rng) if follow is not None else None
            if extra is not None:
                n += 1
                yield extra
            for repost in reposts(prefix, n, post, rng):
                n += 1
                yield repost


POLARITY_HEAD = ("neu→neg", "pos→neg", "neg→other", "pos/neg", "caught")


def polarity_tally(counts: dict[str, int], gold: dict[str, Any], row: dict[str, Any]) -> None:
    """Count one classified post against its truth for polarity_line (issue #13)."""
    label = (row.get("sentiment") or {}).get("label")
    wanted = gold["sentiment"]
    counts[wanted] = counts.get(wanted, 0) + 1
    if label == "negative" and wanted != "negative":
        counts[f"{wanted}_negative"] = counts.get(f"{wanted}_negative", 0) + 1
    if wanted == "negative" and label != "negative":
        counts["negative_missed"] = counts.get("negative_missed", 0) + 1
    if wanted in ("positive", "negative"):
        counts["polar_right"] = counts.get("polar_right", 0) + (label == wanted)
    if gold.get("complaint"):
        flagged = bool((row.get("complaint") or {}).get("flag"))
        counts["complaints"] = counts.get("complaints", 0) + 1
        counts["caught"] = counts.get("caught", 0) + (flagged or label == "negative")


def polarity_line(name: str, counts: dict[str, int]) -> str:
    """Neutral and positive posts called negative, negative posts not called negative, the
    positive/negative label right, and complaints negative or flagged."""

    def ratio(part: str, whole: int) -> str:
        return f"{counts.get(part, 0) / whole:.3f}" if whole else "  -  "

    polar = counts.get("positive", 0) + counts.get("negative", 0)
    cells = [
        ratio("neutral_negative", counts.get("neutral", 0)),
        ratio("positive_negative", counts.get("positive", 0)),
        ratio("negative_missed", counts.get("negative", 0)),
        ratio("polar_right", polar),
        ratio("caught", counts.get("complaints", 0)),
    ]
    return f"{name:<18}" + "".join(f"{c:>10}" for c in cells)


def polarity_report(truth: dict[str, dict[str, Any]], classified: Path) -> None:
    """Print polarity_line per half (dev, test; a truth without halves is `all`)."""
    per: dict[str, dict[str, int]] = {}
    for line in classified.open(encoding="utf-8"):
        row = json.loads(line)
        gold = truth.get(row["native_id"])
        if gold is not None:
            polarity_tally(per.setdefault(gold.get("split", "all"), {}), gold, row)
    print(f"{'polarity':<18}" + "".join(f"{h:>10}" for h in POLARITY_HEAD))
    for split in sorted(per):
        print(polarity_line(split, per[split]))
