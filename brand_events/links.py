"""How events meet other domains' records: one ownership rule, and the finders that use it.

Events sit below alerting and case work in the house: an alert names its event, so the event
cannot import alerts back. Alerting and crisis_playbooks register a finder here instead.

The rule (both directions, everywhere — alert cards, the event page, the 态势 banner, the
notification line, the report): a set of sample mentions belongs to the visible event that holds
the most of them; a tie goes to the event that started first (then the smaller id). A finder's
row that carries `SAMPLES` (its mention ids) is kept for an event only when the rule gives that
event, so an alert whose samples span two events is listed under exactly one of them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from core.registry import Registry

if TYPE_CHECKING:  # every command installs the domains: SQLAlchemy loads only with the store
    from sqlalchemy.orm import Session

    from brand_events.models import Event

Linked = list[dict[str, object]]
# (session, the event's member mention ids, what earlier finders found by key) → rows
LinkFinder = Callable[["Session", set[str], dict[str, Linked]], Linked]

EVENT_LINKS: Registry[LinkFinder] = Registry("事件关联")
SAMPLES = "sample_mention_ids"  # a row's mention ids: the ownership rule decides its event

K = TypeVar("K", bound=Hashable)


def owners(session: Session, samples: Mapping[K, Sequence[str]]) -> dict[K, Event]:
    """The event each key's mentions belong to (keys whose mentions are in no visible event
    are left out): most of the mentions, ties to the earliest-started event."""
    from brand_events import service
    from brand_events.models import EventMember
    from core.db import lookup

    wanted = (i for ids in samples.values() for i in ids)
    holder: dict[str, str] = lookup(session, EventMember.mention_id, EventMember.event_id, wanted)
    live: dict[str, Event | None] = {}
    for event_id in set(holder.values()):
        event = service.get(session, event_id=event_id)  # a merged event leads to its survivor
        live[event_id] = event if event is not None and event.visible else None
    found: dict[K, Event] = {}
    for key, ids in samples.items():
        votes: dict[str, int] = {}
        events: dict[str, Event] = {}
        for mention_id in set(ids):
            event = live.get(holder.get(mention_id, ""))
            if event is not None:
                votes[event.id] = votes.get(event.id, 0) + 1
                events[event.id] = event
        if votes:
            best = min(votes, key=lambda e: (-votes[e], events[e].started_at, e))
            found[key] = events[best]
    return found


def owner(session: Session, mention_ids: Sequence[str]) -> Event | None:
    """The event these mentions belong to under the rule, or None."""
    return owners(session, {0: mention_ids}).get(0)


def linked(session: Session, event_id: str, member_ids: set[str]) -> dict[str, Linked]:
    """Every finder's rows by key, rows carrying samples kept only when they belong to this
    event; keys run sorted, so "alerts" is found (and filtered) before "cases"."""
    found: dict[str, Linked] = {}
    for key in EVENT_LINKS.names():
        rows = EVENT_LINKS.get(key)(session, member_ids, found)
        sampled = {n: row[SAMPLES] for n, row in enumerate(rows) if SAMPLES in row}
        homes = owners(session, {n: _ids(ids) for n, ids in sampled.items()})
        found[key] = [
            {k: v for k, v in row.items() if k != SAMPLES}
            for n, row in enumerate(rows)
            if n not in sampled or (n in homes and homes[n].id == event_id)
        ]
    return found


def _ids(value: object) -> list[str]:
    return [str(i) for i in value] if isinstance(value, list | tuple | set) else []
