"""An event in full: timeline, amplifiers, channels, regions, categories, tree, alerts and cases.

Members come from the workflow store; their text and numbers from the index (any backend).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from brand_events import links, service
from brand_events.models import EventMember
from brand_events.propagation import Propagation, trace
from brand_events.status import EventFacts
from core.authors import AuthorKind, author_kind, engagement
from core.enums import Category, SentimentLabel
from core.index.protocol import MentionIndex, SearchQuery
from core.models import Mention

CHUNK = 500
TOP = 10


@dataclass
class HourPoint:
    """Mentions in one hour, with the negative and complaint shares."""

    hour: datetime
    count: int
    negative: float
    complaint: float


@dataclass
class Amplifier:
    """An author who spread the event; reach = followers + the reposts, comments and likes of
    their posts (core.authors)."""

    author: str
    kind: AuthorKind
    followers: int
    posts: int
    reach: int


@dataclass
class EventDetail:
    """Everything `events show` and the event page display."""

    event: EventFacts  # the ORM `Event` (event page, `events show`) or a listed row (reports)
    members: list[EventMember]
    mentions: list[Mention]
    timeline: list[HourPoint] = field(default_factory=list)
    amplifiers: list[Amplifier] = field(default_factory=list)
    channels: list[tuple[str, int]] = field(default_factory=list)
    regions: list[tuple[str, int]] = field(default_factory=list)
    categories: list[tuple[str, int]] = field(default_factory=list)
    propagation: Propagation = field(default_factory=Propagation)
    alerts: list[dict[str, object]] = field(default_factory=list)
    cases: list[dict[str, object]] = field(default_factory=list)


def fetch_mentions(index: MentionIndex, ids: Sequence[str]) -> list[Mention]:
    """The indexed mentions with these ids (missing ones are left out), oldest first."""
    found: list[Mention] = []
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        found += index.search(SearchQuery(ids=chunk, limit=len(chunk))).mentions
    return sorted(found, key=lambda m: (m.published_at, m.id))


def build(
    session: Session, index: MentionIndex, event: EventFacts, own_accounts: Sequence[str] = ()
) -> EventDetail:
    """The full picture of one event."""
    members = service.members(session, event_id=event.id)
    index.refresh()  # an engine shows what was just ingested only after a refresh
    mentions = fetch_mentions(index, [m.mention_id for m in members])
    detail = EventDetail(event=event, members=members, mentions=mentions)
    detail.timeline = timeline(mentions)
    detail.amplifiers = amplifiers(mentions, own_accounts)
    detail.channels = Counter(str(m.channel) for m in mentions).most_common()
    detail.regions = Counter(m.region for m in mentions if m.region).most_common(TOP)
    detail.categories = story_categories(mentions)
    detail.propagation = trace(mentions, own_accounts)
    detail.alerts, detail.cases = linked_work(session, event.id, {m.mention_id for m in members})
    return detail


def story_categories(mentions: Sequence[Mention]) -> list[tuple[str, int]]:
    """Category mix, most first; a repost of a member counts under the post it passes on (its
    "太过分了" or "转发微博" is that story, whatever the classifier makes of a few words)."""
    own = {(m.source, m.native_id): m for m in mentions}

    def told(mention: Mention) -> str:
        seen: set[str] = set()
        while mention.repost_of and mention.native_id not in seen:
            seen.add(mention.native_id)
            parent = own.get((mention.source, mention.repost_of))
            if parent is None:
                break
            mention = parent
        return str(mention.category or Category.OTHER)

    return Counter(told(m) for m in mentions).most_common()


def timeline(mentions: Sequence[Mention]) -> list[HourPoint]:
    """Mentions per hour (UTC hours) with negative and complaint shares."""
    hours: dict[int, list[Mention]] = {}
    for m in mentions:
        hours.setdefault(int(m.published_at.timestamp() // 3600), []).append(m)
    points = []
    for hour in sorted(hours):
        group = hours[hour]
        negative = sum(
            1 for m in group if m.sentiment and m.sentiment.label == SentimentLabel.NEGATIVE
        )
        complaint = sum(1 for m in group if m.category not in (None, Category.OTHER))
        points.append(
            HourPoint(
                hour=datetime.fromtimestamp(hour * 3600, UTC),
                count=len(group),
                negative=negative / len(group),
                complaint=complaint / len(group),
            )
        )
    return points


def amplifier_kind(mention: Mention, own: set[str]) -> AuthorKind:
    """Own account, media, KOL, verified or member of the public (core.authors)."""
    names = {(mention.author.name or "").casefold(), (mention.author.id or "").casefold()}
    author = mention.author
    return author_kind(
        author.name or "",
        mention.channel,
        author.followers or 0,
        author.verified,
        bool(own & names),
    )


def amplifiers(mentions: Sequence[Mention], own_accounts: Sequence[str] = ()) -> list[Amplifier]:
    """Authors ranked by reach, own accounts always listed."""
    own = {a.casefold() for a in own_accounts}
    by_author: dict[str, Amplifier] = {}
    for m in mentions:
        name = m.author.name or m.author.id
        if not name:
            continue
        entry = by_author.setdefault(name, Amplifier(name, amplifier_kind(m, own), 0, 0, 0))
        entry.posts += 1
        entry.followers = max(entry.followers, m.author.followers or 0)
        entry.reach += engagement(m)
    for entry in by_author.values():
        entry.reach += entry.followers
    ranked = sorted(by_author.values(), key=lambda a: -a.reach)
    top = ranked[:TOP]
    return top + [a for a in ranked[TOP:] if a.kind == AuthorKind.OWN]


def linked_work(
    session: Session, event_id: str, member_ids: set[str]
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Alerts that belong to the event (links.owners' rule), and the cases linked to them."""
    found = links.linked(session, event_id, member_ids)
    return found.get("alerts", []), found.get("cases", [])
