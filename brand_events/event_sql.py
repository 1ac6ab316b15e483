"""The tracker's writes to the event tables as plain driver SQL, one statement text per write.

Ingest writes a row per touched event and per new member in every batch; SQLAlchemy's
per-parameter type processing cost more than the clustering. The values are bound as the
store holds them (JSON as text, times as UTC: SQLAlchemy's text form on SQLite), so the rows
are the ones the ORM would write, on SQLite through the standard library's executemany and on
PostgreSQL through the same SQL text on its driver (core.db.driver_run).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime
from json.encoder import encode_basestring_ascii as quoted  # json.dumps of one str
from typing import Any

from sqlalchemy.orm import Session

from brand_events.cluster import AnyCluster, Decision, Post
from brand_events.seed import Seed
from core.db import driver_run, driver_times

TOP_TERMS = 80  # terms (and independent-post terms) kept in an events row
EVENT_COLUMNS = (
    "id",
    "title",
    "visible",
    "started_at",
    "last_at",
    "mention_count",
    "author_count",
    "first_mention_id",
    "first_source",
    "first_native_id",
    "first_author",
    "terms",
    "used_terms",
    "independent",
    "hourly",
    "authors",
    "exemplars",
    "opening",
    "answered_at",
    "answers",
    "projects",
    "titled_size",
    "merged_into",
    "updated_at",
)
MEMBER_COLUMNS = (
    "mention_id",
    "event_id",
    "source",
    "native_id",
    "published_at",
    "author",
    "parent_id",
    "reason",
)


def _insert(table: str, columns: tuple[str, ...]) -> str:
    """An INSERT of one row of these columns, `?` placeholders (EventSQL.run adapts them)."""
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['?'] * len(columns))})"


INSERT_EVENTS = _insert("events", EVENT_COLUMNS)
# The id goes last: the row's values in EVENT_COLUMNS order, rotated by one.
UPDATE_EVENTS = f"UPDATE events SET {', '.join(c + ' = ?' for c in EVENT_COLUMNS[1:])} WHERE id = ?"
INSERT_MEMBERS = _insert("event_members", MEMBER_COLUMNS)
MOVE_MEMBERS = "UPDATE event_members SET event_id = ?, reason = 'merge' WHERE event_id = ?"
# Expiry forgets the quiet clusters that never became events, one id per row.
DELETE_MEMBERS = "DELETE FROM event_members WHERE event_id = ?"
DELETE_EVENTS = "DELETE FROM events WHERE id = ?"
SEED_COLUMNS = (
    "mention_id",
    "published_at",
    "source",
    "native_id",
    "author",
    "author_id",
    "parent_id",
    "terms",
    "exemplar",
    "updated_at",
)
INSERT_SEEDS = _insert("event_seeds", SEED_COLUMNS)
DELETE_SEEDS = "DELETE FROM event_seeds WHERE mention_id = ?"
# A seed that grows or merges gets the event_members row it would have had from the start (its
# events row is written from memory, as every touched event's).
GROW_SEEDS = (
    f"INSERT INTO event_members ({', '.join(MEMBER_COLUMNS)}) SELECT mention_id, mention_id,"
    " source, native_id, published_at, author, parent_id, 'seed' FROM event_seeds"
    " WHERE mention_id = ?"
)
UPSERT_TERM_HOURS = (
    "INSERT INTO event_term_hours (term, last_hour, hours) VALUES (?, ?, ?) "
    "ON CONFLICT (term) DO UPDATE SET last_hour = excluded.last_hour, hours = excluded.hours"
)


class EventSQL:
    """One session's driver-level writer: binds values the way its store keeps them."""

    def __init__(self, session: Session) -> None:
        self.session = session
        # a post's time is its seed's first and last time: each converted once per batch
        self.times: dict[datetime, datetime | str] = {}
        self._bound = driver_times(session)

    def time(self, moment: datetime) -> datetime | str:
        """A time as the store keeps it (core.db.driver_time)."""
        bound = self.times.get(moment)
        if bound is None:
            bound = self.times[moment] = self._bound(moment)
        return bound

    def optional_time(self, moment: datetime | None) -> datetime | str | None:
        """As `time`, None kept."""
        return None if moment is None else self.time(moment)

    def run(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement written with `?` placeholders for every row (core.db.driver_run)."""
        driver_run(self.session, sql, rows)


def member_values(
    sql: EventSQL, post: Post, decision: Decision, resolve: Callable[[str], AnyCluster | None]
) -> tuple[object, ...]:
    """The event_members row of a post (MEMBER_COLUMNS order), in the event it now belongs to."""
    live = resolve(decision.cluster.id)
    return (
        post.id,
        live.id if live else decision.cluster.id,
        post.source,
        post.native_id,
        sql.time(post.published_at),
        post.author_name,
        post.parent_id,
        str(decision.reason),
    )


def event_values(
    sql: EventSQL, cluster: AnyCluster, visible: bool, updated: object
) -> tuple[object, ...]:
    """The events row of a cluster (EVENT_COLUMNS order): `from_cluster`, bound for the store."""
    if isinstance(cluster, Seed):
        return seed_values(sql, cluster, visible, updated)
    return (
        cluster.id,
        cluster.title,
        visible,
        sql.time(cluster.first_at),
        sql.time(cluster.last_at),
        cluster.size,
        cluster.author_count,
        cluster.first_id,
        cluster.first_source,
        cluster.first_native_id,
        cluster.first_author,
        as_json(dict(cluster.terms.most_common(TOP_TERMS))),
        as_json(dict(cluster.used.most_common(TOP_TERMS))),
        cluster.independent,
        as_json({str(h): n for h, n in cluster.hourly.items()}),
        as_json(sorted(cluster.authors)),
        as_json(cluster.exemplars),
        as_json(list(cluster.opening)),
        sql.optional_time(cluster.answered_at),
        as_json(cluster.answers),
        as_json(sorted(cluster.projects)),
        cluster.titled_size,
        cluster.merged_into,
        updated,
    )


def seed_values(sql: EventSQL, seed: Seed, visible: bool, updated: object) -> tuple[object, ...]:
    """`event_values` of a one-post event, its JSON written directly (most rows are seeds)."""
    terms = seed_terms(seed)
    at = sql.time(seed.first_at)
    return (
        seed.id,
        seed.title,
        visible,
        at,
        at,
        1,
        1,
        seed.id,
        seed.first_source,
        seed.first_native_id,
        seed.first_author,
        terms,
        terms,
        1,
        f'{{"{int(seed.first_at.timestamp() // 3600)}": 1}}',
        f"[{quoted(seed.author)}]" if seed.author else "[]",
        f"[{quoted(seed.text)}]" if seed.text else "[]",
        as_json(list(seed.words)),
        None,
        "[]",
        "[]",  # a seed's projects are its exemplar's (`tracker.to_cluster`)
        seed.titled_size,
        seed.merged_into,
        updated,
    )


def seed_terms(seed: Seed) -> str:
    """The `terms` (and `used_terms`) JSON of a one-post event."""
    # One post: every term counted once, so most_common keeps the post's order.
    return "{" + ", ".join([f"{quoted(w)}: 1" for w in seed.words[:TOP_TERMS]]) + "}"


def seed_row_values(
    sql: EventSQL, seed: Seed, parent_id: str | None, updated: object
) -> tuple[object, ...]:
    """The event_seeds row of a one-post event (SEED_COLUMNS order)."""
    return (
        seed.id,
        sql.time(seed.first_at),
        seed.first_source,
        seed.first_native_id,
        seed.first_author,
        seed.author,
        parent_id,
        seed_terms(seed),
        seed.text,
        updated,
    )


def as_json(value: object) -> str:
    """A JSON column's value as SQLAlchemy's JSON type writes it."""
    return json.dumps(value)
