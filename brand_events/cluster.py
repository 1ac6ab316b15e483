"""What the event clusterer works on: a post, an event (full `Cluster` or `Seed`), a decision."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from brand_events.answers import ANSWER_MEMORY
from brand_events.enums import JoinReason
from brand_events.seed import Seed

MAX_EXEMPLARS = 24
MAX_AUTHORS = 200


@dataclass(slots=True)  # no per-instance dict: thousands of clusters live at once
class Cluster:
    """An event as the clusterer sees it."""

    id: str
    first_at: datetime
    last_at: datetime
    first_id: str = ""
    first_source: str = ""
    first_native_id: str = ""
    first_author: str | None = None
    size: int = 0
    # Counted in the order first used, a post's terms best first: most_common's ties (the
    # stored top terms, titles, similarity) then never depend on the hash seed.
    terms: Counter[str] = field(default_factory=Counter)
    used: Counter[str] = field(default_factory=Counter)  # term counts of independent posts only
    independent: int = 0
    authors: set[str] = field(default_factory=set)
    author_count: int = 0
    hourly: Counter[int] = field(default_factory=Counter)
    exemplars: list[str] = field(default_factory=list)
    opening: tuple[str, ...] = ()  # the first post's terms: what a crisis's voices retell
    answered_at: datetime | None = (
        None  # the brand's own last post in it (`brand_events/answers.py`)
    )
    answers: list[str] = field(default_factory=list)  # its texts (`answers.remembered`)
    projects: set[str] = field(default_factory=set)  # named by its posts (`projects.names`)
    title: str = ""
    titled_size: int = 0
    merged_into: str | None = None
    top: int = 0  # the highest term count (0 = not computed yet)

    def _profile_counts(self) -> Counter[str]:
        """The term counts `profile` reads, with `top` computed if it is not yet."""
        # What the independent posts say: reposts that add no words must not dilute the profile.
        counts = self.used if self.independent else self.terms
        if not self.top:
            self.top = max(counts.values(), default=0)
        return counts

    def profile(self, term: str, share: float = 1.0) -> float:
        """0–1: how central a term is to this event (its count against `share` of the top
        term's: a bursting event counts every term used half as often as the top one fully)."""
        counts = self._profile_counts()
        return min(1.0, counts.get(term, 0) / max(1.0, self.top * share)) if self.top else 0.0

    def support(self, weights: dict[str, float], terms: Iterable[str], share: float = 1.0) -> float:
        """Σ weight × `profile` over the terms the event holds (in the terms' order): how much
        of a post's weight the event supports."""
        counts = self._profile_counts()
        scale, held = max(1.0, self.top * share), self.terms  # (`profile`, one call per event)
        return sum([weights[t] * min(1.0, counts.get(t, 0) / scale) for t in terms if t in held])

    def absorb(self, other: AnyCluster) -> bool:
        """Add another event's posts, terms, authors and times to this one (a merge); True
        when this event's last post is now the other's."""
        other_authors = other.authors
        self.terms.update(other.terms)
        self.top = 0  # recomputed on next use
        self.hourly.update(other.hourly)
        self.used.update(other.used)
        self.independent += other.independent
        self.size += other.size
        self.author_count += other.author_count - len(self.authors & other_authors)
        self.authors = keep_authors(self.authors, other_authors)
        self.exemplars = (self.exemplars + other.exemplars)[:MAX_EXEMPLARS]
        self.projects |= other.projects
        if other.first_at < self.first_at:
            self.first_at, self.first_id = other.first_at, other.first_id
            self.first_source, self.first_native_id = other.first_source, other.first_native_id
            self.first_author = other.first_author
            self.opening = other.opening
        if other.answered_at is not None:
            self.answered_at = max(self.answered_at or other.answered_at, other.answered_at)
            self.answers = (self.answers + other.answers)[-ANSWER_MEMORY:]
        later = other.last_at > self.last_at
        if later:
            self.last_at = other.last_at
        return later


def keep_authors(authors: set[str], others: set[str]) -> set[str]:
    """The authors an event keeps when another one is merged into it: all of its own, then
    the other's in order until there are MAX_AUTHORS (never the hash order of a set)."""
    if len(authors) + len(others) <= MAX_AUTHORS:
        return authors | others
    room = max(0, MAX_AUTHORS - len(authors))
    return authors | set(sorted(others - authors)[:room])


AnyCluster = Cluster | Seed  # a seed until its second post

MIN_SIZE = 5  # mentions, and
MIN_AUTHORS = 3  # distinct authors, and
MIN_PEAK = 3  # mentions in its busiest clock hour (a burst, not a slow trickle) before it is shown


def is_visible(cluster: AnyCluster) -> bool:
    """Big enough, from enough people, to be called an event (listed, titled, alerted on)."""
    return (
        cluster.size >= MIN_SIZE
        and cluster.author_count >= MIN_AUTHORS
        and max(cluster.hourly.values(), default=0) >= MIN_PEAK
    )


@dataclass(slots=True)  # one per mention of every batch; not frozen: 1.2 instead of 7 µs to build
class Post:
    """What the clusterer needs of a mention."""

    id: str
    source: str
    native_id: str
    published_at: datetime
    author: str | None
    author_name: str | None
    text: str
    terms: tuple[str, ...]  # best first (`mention_terms`)
    parent_id: str | None = None
    group_id: str | None = None
    own: bool = False  # by one of the brand's own accounts (its statements answer a story)
    grievance: bool = False  # classified negative or flagged a complaint


@dataclass
class Decision:
    """Where a post went, why, and which events were merged into that one on the way."""

    cluster: AnyCluster
    reason: JoinReason
    merged: list[AnyCluster] = field(default_factory=list)
    # The post says the brand's words, not the story's (a quote of its statement): its terms
    # shape neither the story's words nor its title, whatever the reason.
    echo: bool = False
