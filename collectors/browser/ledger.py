"""The cursor of a browser source: which posts were read, with their comment count and newest time.

A restart neither loses nor repeats: a post enters the ledger only in the batch that indexed it
(post + comments), so a crash re-reads at most that post (dedup by id). A known post is opened
again only when the site shows more comments than we saw, and then only comments after the
newest one we stored are kept (the ids at exactly that time are stored too, so a comment of the
same second is neither lost nor repeated). The ledger keeps the most recent `limit` posts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class Seen:
    """What we knew about a post after our last visit."""

    comments: int
    newest: datetime
    edge: frozenset[str] = frozenset()

    def is_new(self, native_id: str, published_at: datetime) -> bool:
        """True for a comment we have not stored on an earlier visit."""
        return published_at > self.newest or (
            published_at == self.newest and native_id not in self.edge
        )


class Ledger:
    """Posts already read, in the order they were read (oldest first)."""

    def __init__(self, posts: dict[str, Seen], limit: int) -> None:
        self.posts = posts
        self.limit = limit

    @classmethod
    def load(cls, cursor: str | None, limit: int) -> Ledger:
        """From a stored cursor; an unreadable or foreign cursor starts empty."""
        try:
            stored = json.loads(cursor or "{}").get("posts", {})
            posts = {
                str(key): Seen(
                    int(row[0]), datetime.fromtimestamp(float(row[1]), UTC), frozenset(row[2:])
                )
                for key, row in stored.items()
            }
        except (ValueError, TypeError, AttributeError):
            posts = {}
        return cls(posts, limit)

    def get(self, key: str) -> Seen | None:
        """What we stored for a post, or None for a post never read."""
        return self.posts.get(key)

    def record(
        self, key: str, comments: int, newest: datetime, edge: frozenset[str] = frozenset()
    ) -> None:
        """Remember a post as read up to `newest` (edge: ids at that time), showing `comments`."""
        self.posts.pop(key, None)
        self.posts[key] = Seen(comments, newest, edge)
        while len(self.posts) > self.limit:
            del self.posts[next(iter(self.posts))]

    def dump(self) -> str:
        """The cursor text."""
        posts = {
            k: [s.comments, s.newest.timestamp(), *sorted(s.edge)] for k, s in self.posts.items()
        }
        return json.dumps({"posts": posts}, separators=(",", ":"))
