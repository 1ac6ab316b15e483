"""What a post's own text says that keeps it apart from a story, read once per post.

Every candidate event asks of the post being placed whether it is about something else: another
of the brand's projects (`brand_events/projects.py`), or a failure of the service that is not an
outage story's (`brand_events/outage.py`): as a habit (老是断网, the brand's everyday complaint)
or in a city the story never names. Both readings of the text are made once, for the post being
placed, however many candidates ask (the clusterer places one post at a time).
"""

from __future__ import annotations

from brand_events.cluster import AnyCluster, Post
from brand_events.outage import Told, outage_story, same_place, told
from brand_events.projects import apart, names


class Readings:
    """The last placed post's readings: its projects and whether it tells an outage."""

    def __init__(self) -> None:
        self.post_id = ""
        self.projects: frozenset[str] | None = None
        self.telling: Told | None = None

    def _of(self, post: Post) -> None:
        if post.id != self.post_id:
            self.post_id, self.projects, self.telling = post.id, None, None

    def named(self, post: Post) -> frozenset[str]:
        """The projects the post's text names (`projects.names`)."""
        self._of(post)
        if self.projects is None:
            self.projects = names(post.text)
        return self.projects

    def told(self, post: Post) -> Told:
        """Whether the post's text tells an outage, the failure as a habit, or neither."""
        self._of(post)
        if self.telling is None:
            self.telling = told(post.text)
        return self.telling

    def apart(self, post: Post, cluster: AnyCluster) -> bool:
        """True when the post is about another project than the story, or tells a failure of
        the service that is not this outage story's (a habit, or in a city it never names)."""
        named = self.named(post)
        if named and apart(named, cluster.projects):
            return True
        telling = self.told(post)
        if telling == Told.NOTHING or not outage_story(cluster.exemplars):
            return False
        return telling == Told.HABIT or not same_place(post.text, cluster.exemplars)
