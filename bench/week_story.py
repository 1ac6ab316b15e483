"""The written weeks' common story (bench/airline_week.py, bench/telecom_week.py; not shipped):
each post's truth, the everyday posts drawn from a texts module's dev and test templates, the
brand's replies under complaints, the crisis milestones and the command line that writes a week
and its truth or scores a classified one.

A texts module names BRAND, OFFICIAL, EVERYDAY (kind, category, sentiment, dev templates, test
templates), KIND_WEIGHTS, COMPLAINT_KINDS, OPENINGS, CLOSINGS (from openings() and closings():
the complaints' lists are shared), COMPLAINT_TITLES and OFFICIAL_REPLIES. A week declares itself
once as a WeekSpec (bench/week_spec.py).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

from bench import week_kit as kit
from bench.airline_score import score, write_truth

L, M, H, C = "low", "medium", "high", "critical"  # urgency levels a PR manager gives
# (text, urgency level) of an everyday post
Template = tuple[str, str]
# (kind, category, sentiment, dev templates, test templates)
Kind = tuple[str, str, str, list[Template], list[Template]]

# How a post begins and ends, by whether it complains: one list for every written week.
COMPLAINT_OPENINGS = ["", "", "", "吐槽一下，", "说个事，", "真服了，", "唉，", "求助，"]
COMPLAINT_CLOSINGS = ["", "", "", "。", "！", "，大家遇到过吗", "，无语", "，心累"]


def openings(*chatter: str) -> dict[bool, list[str]]:
    """A texts module's OPENINGS: the shared complaint openings, and the everyday ones with the
    week's own (a tag such as 【出行】) after them."""
    return {True: COMPLAINT_OPENINGS, False: ["", "", "", "说个事，", "分享一下，", *chatter]}


def closings(*chatter: str) -> dict[bool, list[str]]:
    """A texts module's CLOSINGS: the shared complaint closings, and the everyday ones with the
    week's own (a hashtag such as 。#旅行#) after them."""
    return {True: COMPLAINT_CLOSINGS, False: ["", "", "", "。", "！", *chatter]}


@dataclass(frozen=True)
class Truth:
    """What the PR manager says about one post."""

    kind: str
    split: str
    sentiment: str
    complaint: bool
    category: str
    urgency: str


Fill = Callable[[str, random.Random], str]
# minute of the incident → (text, author, reach, truth)
Milestones = dict[int, tuple[str, dict[str, Any], int, Truth]]


def said(kind: str, complaint: bool, category: str, urgency: str) -> Truth:
    """The truth of a crisis milestone (dev): a complaint is negative, the rest neutral."""
    sentiment = "negative" if complaint else "neutral"
    return Truth(f"crisis-{kind}", "dev", sentiment, complaint, category, urgency)


# (text, category, urgency)
Voice = tuple[str, str, str]


@dataclass(frozen=True)
class Crisis:
    """The crisis's voices: complaint-platform entries under `title` (the first dev, the rest
    test), reactions to the brand's statement (dev), the other voices' dev and test lists."""

    complaints: Sequence[Voice]
    title: str
    after_statement: Sequence[Voice]
    voices_dev: Sequence[Voice]
    voices_test: Sequence[Voice]


@dataclass(frozen=True)
class Seed:
    """An incident's first post: when, its text and truth, its author, (reposts, comments,
    likes), one picture or video, and the short notes its reposts carry."""

    at: datetime
    text: str
    truth: Truth
    who: dict[str, Any]
    reach: tuple[int, int, int]
    media: str
    notes: Sequence[str]


def two_day_rate(minute: int) -> float:
    """Incident posts a minute of a crisis of about two days begun in the evening, the brand's
    statement at minute 900 (the appliance, courier and ride weeks; WeekSpec's default): the
    evening of the first post and the local news, the night, the morning, the backlash after the
    statement and the newspaper, a quiet second night, the wave of the authority's notice and
    the apology."""
    steps = ((180, 1.3), (600, 0.1), (900, 0.6), (1260, 1.1), (1800, 0.25), (2100, 0.08))
    return next((per_minute for until, per_minute in steps if minute < until), 0.35)


def verified(uid: str, name: str, followers: int) -> dict[str, Any]:
    """A verified account (a blogger, the brand, a media outlet)."""
    return {"id": uid, "name": name, "followers": followers, "verified": True}


def filler(texts: ModuleType, constants: dict[str, str], **lists: Sequence[str]) -> Fill:
    """A texts module's slot filler: {brand} {official} {rival} and `constants` as they are, one
    of each of `lists` drawn in their order (city=t.CITIES, ...)."""
    fixed = {"brand": texts.BRAND, "official": texts.OFFICIAL, "rival": texts.RIVAL, **constants}

    def fill(template: str, rng: random.Random) -> str:
        drawn = {slot: rng.choice(values) for slot, values in lists.items()}
        return template.format(**fixed, **drawn)

    return fill


def story_of(texts: ModuleType, prefix: str, followers: int, **lists: Sequence[str]) -> Story:
    """The Story of a texts module whose slots are {hotline} and `lists` (drawn in their order),
    its official account 99200 with `followers`."""
    fill = filler(texts, {"hotline": texts.HOTLINE}, **lists)
    return Story(texts, prefix, fill, verified("99200", texts.OFFICIAL, followers))


def device_story(texts: ModuleType, prefix: str, followers: int) -> Story:
    """The story_of() a texts module whose slots are {hotline} {model} {city} {money} {days}
    (the phone, appliance, courier and ride weeks)."""
    lists = {"model": texts.MODELS, "city": texts.CITIES, "money": texts.MONEY, "days": texts.DAYS}
    return story_of(texts, prefix, followers, **lists)


@dataclass
class Story:
    """One brand's written week: its texts, native-id prefix, slot filler and official account."""

    texts: ModuleType
    prefix: str
    fill: Fill
    official: dict[str, Any]
    truth: dict[str, Truth] = field(default_factory=dict)

    def post(
        self, n: int, channel: str, text: str, at: datetime, rng: random.Random, truth: Truth
    ) -> dict[str, Any]:
        """A mention with native id `{prefix}{n}` and its truth recorded."""
        made = kit.record(self.prefix, n, channel, text, at, rng)
        self.truth[made["native_id"]] = truth
        return made

    def everyday(self, n: int, at: datetime, rng: random.Random) -> dict[str, Any]:
        """One everyday post: a kind by weight, a dev or test template, a channel (a quarter of
        the complaints filed on the complaint platform), openings and closings around it."""
        t = self.texts
        kinds = {kind: (cat, sent, dev, test) for kind, cat, sent, dev, test in t.EVERYDAY}
        kind = rng.choices(list(t.KIND_WEIGHTS), weights=list(t.KIND_WEIGHTS.values()))[0]
        category, sentiment, dev, test = kinds[kind]
        split = "test" if rng.random() < len(test) / (len(dev) + len(test)) else "dev"
        template, urgency = rng.choice(test if split == "test" else dev)
        body = self.fill(template, rng)
        complains = kind in t.COMPLAINT_KINDS
        truth = Truth(kind, split, sentiment, complains, category, urgency)
        if complains and rng.random() < 0.25:
            made = self.post(n, "complaint_platform", body, at, rng, truth)
            made["title"] = f"投诉{t.OFFICIAL}：{t.COMPLAINT_TITLES[kind]}"
            return made
        if kind not in {"promo", "news"}:
            opening, closing = rng.choice(t.OPENINGS[complains]), rng.choice(t.CLOSINGS[complains])
            body = opening + body.rstrip("。！？") + closing
        channel = "news" if kind == "news" else "weibo" if rng.random() < 0.6 else "forum"
        made = self.post(n, channel, body, at, rng, truth)
        if kind == "promo" and rng.random() < 0.5:
            made["author"] = dict(self.official)
        return made

    def maybe_reply(
        self, n: int, post: dict[str, Any], rng: random.Random
    ) -> dict[str, Any] | None:
        """The brand's own reply under 15 % of the Weibo complaints, 20–90 minutes later."""
        if not (self.truth[post["native_id"]].complaint and post["channel"] == "weibo"):
            return None
        if rng.random() >= 0.15:
            return None
        at = datetime.fromisoformat(post["published_at"])
        at += timedelta(minutes=rng.randrange(20, 90))
        truth = Truth("official_reply", "dev", "neutral", False, "other", "low")
        text = self.fill(rng.choice(self.texts.OFFICIAL_REPLIES), rng)
        reply = self.post(n, "weibo", text, at, rng, truth)
        reply["author"] = dict(self.official)
        reply["reply_to"] = post["native_id"]
        return reply

    def background(self, rng: random.Random, per_day: int) -> Iterator[dict[str, Any]]:
        """Seven days of everyday posts, the brand's replies to some Weibo complaints, and
        reposts of some Weibo posts."""
        return kit.everyday_week(self.prefix, rng, per_day, 25, self.everyday, self.maybe_reply)

    def voice(self, crisis: Crisis) -> kit.Voice:
        """The `voice` of a crisis_post(): a tenth filed on the complaint platform, after the
        statement a fifth reacting to it, the rest a dev or test voice (45 %) on Weibo or a
        forum, some with an exclamation before it."""

        def speak(
            n: int, when: datetime, rng: random.Random, after_statement: bool
        ) -> dict[str, Any]:
            roll = rng.random()
            if roll < 0.1:
                index = rng.randrange(len(crisis.complaints))
                text, category, urgency = crisis.complaints[index]
                split = "test" if index else "dev"
                truth = Truth("crisis", split, "negative", True, category, urgency)
                made = self.post(n, "complaint_platform", self.fill(text, rng), when, rng, truth)
                made["title"] = f"投诉{self.texts.OFFICIAL}：{crisis.title}"
                return made
            if after_statement and roll < 0.3:
                index = rng.randrange(len(crisis.after_statement))
                text, category, urgency = crisis.after_statement[index]
                truth = Truth("crisis-outrage", "dev", "negative", True, category, urgency)
                return self.post(n, "weibo", self.fill(text, rng), when, rng, truth)
            split = "test" if rng.random() < 0.45 else "dev"
            text, category, urgency = rng.choice(
                crisis.voices_test if split == "test" else crisis.voices_dev
            )
            text = self.fill(text, rng)
            if rng.random() < 0.4:
                text = rng.choice(["", "真的，", "气死了，", "离谱，"]) + text
            channel = rng.choice(["weibo", "weibo", "forum"])
            truth = Truth("crisis", split, "negative", True, category, urgency)
            return self.post(n, channel, text, when, rng, truth)

        return speak

    def milestone(self, rng: random.Random, milestones: Milestones) -> kit.MilestoneAt:
        """The `milestone` of a wave(): the known account's post of that minute, if any."""

        def at_minute(n: int, minute: int, when: datetime) -> dict[str, Any] | None:
            if minute not in milestones:
                return None
            text, who, reach, truth = milestones[minute]
            made = self.post(n, "weibo", self.fill(text, rng), when, rng, truth)
            return kit.by_account(made, dict(who), reach)

        return at_minute

    def incident(
        self,
        rng: random.Random,
        seed: Seed,
        crisis: Crisis,
        statement_minute: int,
        hours: int,
        rate: Callable[[int], float],
        milestones: Milestones,
    ) -> Iterator[dict[str, Any]]:
        """The seed post (native id 900000), then `hours` of the wave: reposts of the seed and
        the crisis's voices at `rate` a minute, and the milestones' posts."""
        made = self.post(900_000, "weibo", self.fill(seed.text, rng), seed.at, rng, seed.truth)
        yield kit.seeded(made, seed.who, seed.reach, seed.media)
        voice = self.voice(crisis)
        post = kit.crisis_post(
            self.prefix, made["native_id"], rng, seed.notes, voice, statement_minute
        )
        yield from kit.wave(seed.at, hours * 60, rate, rng, post, self.milestone(rng, milestones))

    def main(
        self, argv: list[str], name: str, seed: int, parts: Sequence[kit.Part], day: str
    ) -> int:
        """Write the week (and its truth) to argv[0], or score a classified week (--score)."""
        week = Path(argv[0] if argv and argv[0] != "--score" else f"/tmp/{name}.jsonl")
        if "--score" in argv:
            return score(Path(argv[argv.index("--score") + 1]), week.with_suffix(".truth.jsonl"))
        code = kit.week_main(argv, name, seed, self.prefix, parts, day)
        write_truth(week, self.truth)
        return code
