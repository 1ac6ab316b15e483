"""The stories (brand_events) urgent posts belong to, for urgent_mention's `group_by: event`.

The event tracker listens before alerting (app.domains), so an urgent post's story is stored
by the time the rule judges it: a visible event, or a cluster still forming (fewer than 5 posts
or 3 authors; a post alone is in none). A crisis's first urgent posts come before its event is
visible: the first opens an alert by its category; the next posts of the same story join that
alert whatever their category, before and after the event becomes visible, and the alert takes
the event's title once there is one — one crisis, one alert, which keeps its category key (the
story's later posts the tracker leaves out, of that category, still join it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from alerting.enums import AlertStatus
from alerting.models import Alert
from alerting.rules.base import RuleContext
from brand_events import service
from brand_events.models import Event, EventMember
from core.db import lookup
from core.models import Mention


@dataclass
class Stories:
    """The stories of a batch's urgent posts and the rule's open category alerts' stories."""

    of_mention: dict[str, Event] = field(default_factory=dict)  # mention id → its story
    of_alert: dict[str, Event] = field(default_factory=dict)  # alert key → its story
    alert_keys: dict[str, str] = field(default_factory=dict)  # story id → its oldest alert's key
    open_keys: set[str] = field(default_factory=set)  # keys of the rule's unresolved alerts


def read_stories(
    rc: RuleContext, rule: str, mentions: Sequence[Mention], keys: Collection[str]
) -> Stories:
    """The story of each mention that is in one, and of each of the rule's unresolved alerts
    among `keys` (its category alerts): the story holding most of its sample posts, ties to
    the earliest started (the ownership rule of brand_events.links, forming stories too).
    Nothing without a store or where the event tables are not kept."""
    if rc.sessions is None or not mentions:
        return Stories()
    with rc.sessions() as session:
        if not inspect(session.connection()).has_table(EventMember.__tablename__):
            return Stories()
        query = (
            select(Alert.key, Alert.sample_mention_ids)
            .where(Alert.rule == rule, Alert.status != AlertStatus.RESOLVED, Alert.key.in_(keys))
            .order_by(Alert.id)
        )
        samples = [(key, list(ids or [])) for key, ids in session.execute(query)]
        wanted = [m.id for m in mentions] + [i for _, ids in samples for i in ids]
        homes = stories_of(session, wanted)
    found = Stories({m.id: homes[m.id] for m in mentions if m.id in homes})
    found.open_keys = {key for key, _ in samples}
    for key, ids in samples:  # oldest first: the alert people heard of first is the thread
        story = _most_held([homes[i] for i in dict.fromkeys(ids) if i in homes])
        if story is not None:
            found.of_alert[key] = story
            found.alert_keys.setdefault(story.id, key)
    return found


def _most_held(stories: list[Event]) -> Event | None:
    """The story most of them are in, ties to the earliest started (then the smaller id)."""
    votes = Counter(story.id for story in stories)
    ranked = sorted(stories, key=lambda s: (-votes[s.id], s.started_at, s.id))
    return ranked[0] if ranked else None


def stories_of(session: Session, mention_ids: Sequence[str]) -> dict[str, Event]:
    """The event holding each mention, visible or still forming, a merged one's survivor."""
    member = EventMember.mention_id
    holder: dict[str, str] = lookup(session, member, EventMember.event_id, mention_ids)
    events: dict[str, Event | None] = {}
    found: dict[str, Event] = {}
    for mention_id, event_id in holder.items():
        if event_id not in events:
            events[event_id] = service.get(session, event_id=event_id)
        event = events[event_id]
        if event is not None:
            found[mention_id] = event
    return found
