"""A one-post event in its compact form: most clusters never get a second post.

A full `Cluster` keeps term counters, an author set, an hourly counter and an exemplar list
(about 1.3 KB); a seed keeps the post's fields and its terms as a tuple (about 0.2 KB). It reads
like the cluster its post would have made (the same values, the same term order), and the
clusterer grows it into a full `Cluster` before anything is added to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from brand_events.projects import names


class Seed:
    """An event of one independent post, read-only except for `merged_into`."""

    __slots__ = (
        "author",
        "first_at",
        "first_author",
        "first_native_id",
        "first_source",
        "id",
        "merged_into",
        "text",
        "words",
    )
    size = 1
    independent = 1
    author_count = 1
    title = ""
    titled_size = 0

    def __init__(
        self,
        id: str,
        at: datetime,
        words: tuple[str, ...],
        author: str | None,
        author_name: str | None,
        source: str,
        native_id: str,
        text: str,
    ) -> None:
        self.id = id
        self.first_at = at
        self.words = words  # the post's terms, best first (`mention_terms`)
        self.author = author
        self.first_author = author_name
        self.first_source = source
        self.first_native_id = native_id
        self.text = text  # the exemplar (the first 200 characters), "" for none
        self.merged_into: str | None = None

    @property
    def last_at(self) -> datetime:
        """The post's time (one post: first and last)."""
        return self.first_at

    @property
    def first_id(self) -> str:
        """The post's id, which is also the event's."""
        return self.id

    @property
    def terms(self) -> Counter[str]:
        """Each term of the post, counted once."""
        counts: Counter[str] = Counter()
        dict.update(counts, dict.fromkeys(self.words, 1))  # (Counter's own init checks types)
        return counts

    @property
    def used(self) -> Counter[str]:
        """The same: the post is independent."""
        return self.terms

    @property
    def authors(self) -> set[str]:
        """The post's author, if it has one."""
        return {self.author} if self.author else set()

    @property
    def hourly(self) -> Counter[int]:
        """One post in the clock hour of its time."""
        counts: Counter[int] = Counter()
        counts[int(self.first_at.timestamp() // 3600)] = 1
        return counts

    @property
    def opening(self) -> tuple[str, ...]:
        """The first post's terms: the post's own."""
        return self.words

    @property
    def answered_at(self) -> None:
        """A one-post event holds no answer of the brand's (its post is the first)."""
        return None

    @property
    def answers(self) -> list[str]:
        """No answer of the brand's (see `answered_at`)."""
        return []

    @property
    def projects(self) -> frozenset[str]:
        """The projects its text (the first 200 characters) names (`projects.names`)."""
        return names(self.text)

    @property
    def exemplars(self) -> list[str]:
        """The post's text (its first 200 characters), if any."""
        return [self.text] if self.text else []

    def support(self, weights: dict[str, float], terms: Iterable[str], share: float = 1.0) -> float:
        """As `Cluster.support`: every shared word is the seed's, profile 1.0."""
        words = self.words
        return sum([weights[t] for t in terms if t in words])

    def profile(self, term: str, share: float = 1.0) -> float:
        """As `Cluster.profile` for a cluster whose every term was used once."""
        if not self.words:
            return 0.0
        return min(1.0, (term in self.words) / max(1.0, 1 * share))
