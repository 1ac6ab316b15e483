"""One written week declared once (bench/ride_week.py and the other weeks told by
bench/week_story.py; not shipped): its story, name and seed, the everyday posts a day, the
incident's first post, crisis, milestones, length and rate; the rest is derived.

A week module is its texts, one WeekSpec and `main = SPEC.main` (`main(argv)` writes the week and
its truth, or scores a classified week with `--score`).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import ModuleType
from typing import Any

from bench import week_kit as kit
from bench.week_story import Crisis, Milestones, Seed, Story, said, two_day_rate


def day_at(day: int, hour: int, minute: int) -> datetime:
    """The week's day `day` (1 = Monday) at hour:minute."""
    return kit.START + timedelta(days=day - 1, hours=hour, minutes=minute)


def written_crisis(texts: ModuleType, title: str) -> Crisis:
    """The Crisis of a crisis texts module (INCIDENT_COMPLAINTS, AFTER_STATEMENT,
    INCIDENT_VOICES_DEV, INCIDENT_VOICES_TEST) with its complaints filed under `title`."""
    return Crisis(
        texts.INCIDENT_COMPLAINTS,
        title,
        texts.AFTER_STATEMENT,
        texts.INCIDENT_VOICES_DEV,
        texts.INCIDENT_VOICES_TEST,
    )


def witness(name: str, followers: int) -> dict[str, Any]:
    """The incident's first poster (account 99001): an ordinary, unverified account."""
    return {"id": "99001", "name": name, "followers": followers, "verified": False}


# a milestone's kind → the name of its text in a crisis texts module
MILESTONE_TEXTS = {
    "news": "LOCAL_NEWS",
    "blogger": "BLOGGER_POST",
    "statement": "FIRST_STATEMENT",
    "media": "MEDIA_POST",
    "notice": "NOTICE",
    "apology": "APOLOGY",
}
# the urgency of the milestones that do not complain (the brand's and the authority's words)
NEUTRAL_URGENCY = {"statement": "low", "notice": "high", "apology": "low"}


@dataclass(frozen=True)
class Milestone:
    """A known account's post in the incident: its minute, the account, the reposts it draws
    and, for a complaint, its own category where it is not the crisis's."""

    minute: int
    who: dict[str, Any]
    reach: int
    category: str | None = None


def milestones(
    texts: ModuleType, category: str, *, urgency: str = "critical", **kinds: Milestone
) -> Milestones:
    """The incident's milestones by kind (news, blogger, statement, media, notice, apology),
    each with its text from the crisis texts module: the statement, the notice and the apology
    neutral (NEUTRAL_URGENCY), the others complaints of `category` (or their own) at `urgency`
    (a handover's broken contract is high, a passenger's harm critical)."""
    made: Milestones = {}
    for kind, at in kinds.items():
        if kind in NEUTRAL_URGENCY:
            truth = said(kind, False, "other", NEUTRAL_URGENCY[kind])
        else:
            truth = said(kind, True, at.category or category, urgency)
        made[at.minute] = (getattr(texts, MILESTONE_TEXTS[kind]), at.who, at.reach, truth)
    return made


@dataclass(frozen=True)
class WeekSpec:
    """A written week: `story` (texts, native-id prefix, filler, official account), written to
    /tmp/{name}.jsonl with `seed` by default, `per_day` everyday posts a day, and the incident:
    its first post, crisis voices and milestones over `hours` at `rate` posts a minute (by
    default a crisis of about two days, two_day_rate)."""

    story: Story
    name: str
    seed: int
    per_day: int
    incident_seed: Seed
    crisis: Crisis
    milestones: Milestones
    hours: int = 46
    rate: Callable[[int], float] = two_day_rate

    @property
    def statement_minute(self) -> int:
        """The minute of the brand's statement: the milestone of kind crisis-statement."""
        kinds = {minute: entry[3].kind for minute, entry in self.milestones.items()}
        found = [minute for minute, kind in kinds.items() if kind == "crisis-statement"]
        if len(found) != 1:
            raise ValueError(f"{self.name}: wants one statement milestone, has {len(found)}")
        return found[0]

    @property
    def day(self) -> str:
        """The incident's day as the summary line names it (day-3 = Wednesday)."""
        return f"day-{(self.incident_seed.at - kit.START).days + 1}"

    def background(self, rng: random.Random) -> Iterator[dict[str, Any]]:
        """The week's everyday posts, the brand's replies and reposts."""
        return self.story.background(rng, self.per_day)

    def incident(self, rng: random.Random) -> Iterator[dict[str, Any]]:
        """The incident's seed post and its wave of reposts, voices and milestones."""
        return self.story.incident(
            rng,
            self.incident_seed,
            self.crisis,
            self.statement_minute,
            self.hours,
            self.rate,
            self.milestones,
        )

    def main(self, argv: list[str], incident: kit.Part | None = None) -> int:
        """Write the week (and its truth) to argv[0], or score a classified week (--score);
        `incident` replaces the spec's own incident posts (a week that reworks them)."""
        parts: list[kit.Part] = [self.background, incident or self.incident]
        return self.story.main(argv, self.name, self.seed, parts, self.day)
