"""One-post events in the store: `event_seeds` rows read as the `events` and `event_members`
rows they stand for.

Most clusters never get a second post and expire. Each is kept as one compact row (one index)
instead of an `events` row (five indexes, its exemplar as escaped JSON) and an `event_members`
row (two), which were written and later deleted again. The tracker turns the row into those two
rows when the event grows or merges (event_sql.GROW_SEEDS); every reader of a forming event
asks here too (the list and the data clock read the table as plain rows: brand_events.listing).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Row, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from brand_events.listing import seed_hourly
from brand_events.models import Event, EventMember, EventSeed
from brand_events.seed import Seed

CHUNK = 500  # ids per query


def as_event(row: EventSeed) -> Event:
    """The (unsaved) events row the seed stands for, as the tracker wrote it for a seed."""
    terms = json.loads(row.terms) if row.terms else {}
    return Event(
        id=row.mention_id,
        title="",
        visible=False,
        started_at=row.published_at,
        last_at=row.published_at,
        mention_count=1,
        author_count=1,
        first_mention_id=row.mention_id,
        first_source=row.source,
        first_native_id=row.native_id,
        first_author=row.author,
        terms=terms,
        used_terms=dict(terms),
        independent=1,
        hourly=seed_hourly(row.published_at),
        authors=[row.author_id] if row.author_id else [],
        exemplars=[row.exemplar] if row.exemplar else [],
        opening=list(terms),
        answers=[],
        projects=[],
        titled_size=0,
        merged_into=None,
        updated_at=row.updated_at,
    )


def as_member(row: EventSeed) -> EventMember:
    """The (unsaved) event_members row of the seed's one post."""
    return EventMember(
        mention_id=row.mention_id,
        event_id=row.mention_id,
        source=row.source,
        native_id=row.native_id,
        published_at=row.published_at,
        author=row.author,
        parent_id=row.parent_id,
        reason="seed",
    )


# What the clusterer's compact one-post event (`Seed`) is made of, read as plain rows: a
# restart loads every seed of the last two windows (13,659 in a 300k-line store: 1.2 CPU-s as
# ORM rows turned into unsaved `events` rows and full clusters).
_SEED_COLUMNS = (
    EventSeed.mention_id,
    EventSeed.published_at,
    EventSeed.terms,
    EventSeed.author_id,
    EventSeed.author,
    EventSeed.source,
    EventSeed.native_id,
    EventSeed.exemplar,
)


SeedRow = Row[str, datetime, str, str | None, str | None, str, str, str]


def compact(
    session: Session, where: ColumnElement[bool] | None = None, ids: Iterable[str] = ()
) -> list[Seed]:
    """The clusterer's seeds of the stored rows matching `where`, or of these event ids."""
    query = select(*_SEED_COLUMNS)
    if where is not None:
        return [as_seed(row) for row in session.execute(query.where(where))]
    wanted = sorted(set(ids))
    found: list[Seed] = []
    for start in range(0, len(wanted), CHUNK):
        chunk = query.where(EventSeed.mention_id.in_(wanted[start : start + CHUNK]))
        found += [as_seed(row) for row in session.execute(chunk)]
    return found


def as_seed(row: SeedRow) -> Seed:
    """The clusterer's one-post event of a stored seed row (as `ClusterState._seed` made it)."""
    mention_id, published_at, terms, author_id, author, source, native_id, exemplar = row
    words = tuple(json.loads(terms)) if terms else ()
    return Seed(mention_id, published_at, words, author_id, author, source, native_id, exemplar)


def seeds(session: Session, ids: Iterable[str]) -> list[EventSeed]:
    """The stored seeds among these event ids (a query per chunk)."""
    wanted = sorted(set(ids))
    found: list[EventSeed] = []
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        found += session.scalars(select(EventSeed).where(EventSeed.mention_id.in_(chunk))).all()
    return found


def get(session: Session, event_id: str) -> Event | None:
    """The one-post event of this id as an events row, or None."""
    row = session.get(EventSeed, event_id)
    return as_event(row) if row is not None else None


def every_event(session: Session) -> list[Event]:
    """Every stored event, the one-post ones included, by id (checks and exports)."""
    found = [*session.scalars(select(Event)), *map(as_event, session.scalars(select(EventSeed)))]
    return sorted(found, key=lambda event: event.id)


def every_member(session: Session) -> list[EventMember]:
    """Every stored event member, the one-post events' included, by mention id."""
    rows = session.scalars(select(EventSeed))
    found = [*session.scalars(select(EventMember)), *map(as_member, rows)]
    return sorted(found, key=lambda member: member.mention_id)
