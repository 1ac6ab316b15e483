"""The stories (brand_events) urgent posts belong to, for urgent_mention's `group_by: event`.

The event tracker listens before alerting (app.domains), so an urgent post's story is stored
by the time the rule judges it: a visible event, or a cluster still forming (fewer than 5 posts
or 3 authors; a post alone is in none). A crisis's first urgent posts come before its event is
visible: the first opens an alert by its category, and the next posts of the same forming
story join that alert whatever their category; once the event is visible, its posts continue
that alert (Finding.continues), which takes the event's key and title — one crisis, one alert.
"""

from __future__ import annotations

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
    """The stories of a batch's urgent posts, and the rule's open category alerts in them."""

    of_mention: dict[str, Event] = field(default_factory=dict)  # mention id → its story
    alert_keys: dict[str, str] = field(default_factory=dict)  # story id → alert key


def read_stories(
    rc: RuleContext, rule: str, mentions: Sequence[Mention], keys: Collection[str]
) -> Stories:
    """The story of each mention that is in one, and for each of those stories the key of the
    rule's oldest unresolved alert among `keys` (its category alerts) with a sample post in it
    (nothing without a store or where the event tables are not kept)."""
    if rc.sessions is None or not mentions:
        return Stories()
    with rc.sessions() as session:
        if not inspect(session.connection()).has_table(EventMember.__tablename__):
            return Stories()
        found = Stories(stories_of(session, [m.id for m in mentions]))
        if not found.of_mention:
            return found
        query = (
            select(Alert.key, Alert.sample_mention_ids)
            .where(Alert.rule == rule, Alert.status != AlertStatus.RESOLVED, Alert.key.in_(keys))
            .order_by(Alert.id)
        )
        samples = [(key, list(ids or [])) for key, ids in session.execute(query)]
        homes = stories_of(session, [i for _, ids in samples for i in ids])
    wanted = {event.id for event in found.of_mention.values()}
    for key, ids in samples:  # oldest first: the alert people heard of first is the thread
        for mention_id in ids:
            event = homes.get(mention_id)
            if event is not None and event.id in wanted:
                found.alert_keys.setdefault(event.id, key)
    return found


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
