"""Which live story a post belongs to when its words alone do not say: the largest story still
being talked about (`retell.Live`) that it reacts to as news (`brand_events/reactions.py`),
whose outage it tells (`brand_events/outage.py`) or that it witnesses as one of the story's own
people (`brand_events/witnesses.py`); for a copy group, only a story it may be told as part of.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta

from brand_events.cluster import AnyCluster, Cluster, Post, is_visible
from brand_events.cluster_state import ClusterState
from brand_events.features import term_idf
from brand_events.join_thresholds import BURST_SIZE, BURST_SPAN, TOPIC_GAP, WITNESS_LEAD
from brand_events.outage import outage_story, same_place
from brand_events.reactions import may_react, names_news, reacts_to
from brand_events.retell import Live
from brand_events.witnesses import follows_up, voices_story


class LiveStories(ClusterState):
    """The clusterer's state with its live stories: how long a story stays live and the
    largest live one a post reacts to, tells the outage of or witnesses."""

    def __init__(self, window: timedelta) -> None:
        super().__init__(window)
        self.gap = min(window, TOPIC_GAP)  # longest silence a topic join bridges
        # A story a copy group retells or the brand's statement answers: still being talked
        # about, and begun within the window (`brand_events/retell.py`).
        self.live = Live(self.gap, window * 2, BURST_SPAN)

    def _witnessed_story(self, post: Post) -> Cluster | None:
        """The largest live story whose first author's update the post is, or that it says
        happened to its author too (a grievance), or None."""
        if post.own or not post.text:
            return None
        voice = voices_story(post)

        def witnessed(story: Cluster) -> bool:
            if not (voice or follows_up(post, story)):
                return False
            return not self.readings.apart(post, story)

        story = self._largest_live(post.published_at, None, witnessed)
        if story is None and voice:  # a "me too" in a crisis's first minutes
            story = largest(self._young_stories(post.published_at), witnessed)
        return story

    def _young_stories(self, at: datetime) -> Iterator[Cluster]:
        """The listed stories begun within WITNESS_LEAD before `at`: a crisis's first minutes,
        before it is bursting-sized. Forgets the ids of stories merged away or too old to be
        young again."""
        for cluster_id in sorted(self.listed):
            story = self.clusters.get(cluster_id)
            if (
                not isinstance(story, Cluster)
                or story.merged_into is not None
                or at - story.first_at > self.window  # never young again
            ):
                self.listed.discard(cluster_id)
            elif story.first_at <= at <= story.first_at + WITNESS_LEAD and is_visible(story):
                yield story

    def _reacted_story(self, post: Post, side: AnyCluster | None = None) -> Cluster | None:
        """The largest live story the post (or its copy group `side`) reacts to, or None."""
        if post.own or not post.text:
            return None
        news = names_news(post.text)  # once for the post, not once per story
        if not may_react(news, post.terms):
            return None

        def reacted(story: Cluster) -> bool:
            if not reacts_to(news, post.terms, story, term_idf):
                return False
            return not self.readings.apart(post, story)

        return self._largest_live(post.published_at, side, reacted)

    def _outage_story(self, post: Post, side: AnyCluster | None = None) -> Cluster | None:
        """The largest live outage story the post (or its copy group `side`) may join, or None."""

        def outage(story: Cluster) -> bool:
            return outage_story(story.exemplars) and same_place(post.text, story.exemplars)

        return self._largest_live(post.published_at, side, outage)

    def _largest_live(
        self, at: datetime, side: AnyCluster | None, fits: Callable[[Cluster], bool]
    ) -> Cluster | None:
        """The largest story live at `at` that `fits` (the earlier of two as large); with a
        copy group `side`, only a story it may be told as part of (`_older`)."""
        live = (
            story
            for story in map(self.clusters.get, sorted(self.large))
            if isinstance(story, Cluster)
            and story.merged_into is None
            and story.size >= BURST_SIZE
            and self.live.holds(story, at)
            and (side is None or self._older(story, side))
        )
        return largest(live, fits)

    def _older(self, story: Cluster, side: AnyCluster) -> bool:
        """True when `side` is another, smaller event begun no earlier than the live lead
        before `story`: a copy group that may be told as part of it."""
        return (
            story.id != side.id
            and story.size > side.size
            and side.first_at >= story.first_at - self.live.lead
        )


def largest(stories: Iterable[Cluster], fits: Callable[[Cluster], bool]) -> Cluster | None:
    """The largest of the stories that `fits`, the earlier of two as large (`fits` is asked
    only of a story that would be the largest so far)."""
    best: Cluster | None = None
    for story in stories:
        if (best is None or (story.size, best.first_at) > (best.size, story.first_at)) and fits(
            story
        ):
            best = story
    return best
