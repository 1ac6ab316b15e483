"""near_bands in two generations on SQLite: new band keys go to a small recent table, merged
into the large one in one sorted pass once it holds RECENT_LIMIT keys.

Why: a band key is a random 63-bit integer. Once near_bands has far more leaves than a batch
claims keys, every new key dirties a leaf of its own, written to the WAL at the commit and
again at the checkpoint. The recent table stays small (its pages are dirtied again and again
within a commit and across commits), and a merge writes each leaf of the large tree once for
RECENT_LIMIT keys instead of once per key.

A lookup probes the recent table, then the large one only for the keys an in-memory Bloom
filter of the large table's keys (core.pipeline.key_filter) may hold: most keys of a stream
are new, and the filter spares their second probe. Lookups stay exact (a "maybe" is
confirmed by the b-tree; "surely absent" is never wrong for the keys the filter was given),
and a key in both tables (two writers racing) is the large table's: its claim is the older.

The filter is built once per process and kept current: each merge (in the batch's own
transaction) adds the merged keys, stores the filter with a new random token in
dedup_generations, and every lookup reads that token first; another process's merge changes
it, and the stored filter is loaded again. A store without a stored filter (made before
generations, or not yet merged) has it built by reading the large table's keys once.
PostgreSQL stores keep one table (their commits write WAL records, not pages).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast
from weakref import WeakKeyDictionary

import numpy as np
from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from core.db import LOOKUP_CHUNK, driver_cursor, driver_rows, driver_run, in_key_order, lookup_rows
from core.pipeline.dedup_tables import DedupGeneration, NearBand, NearBandRecent
from core.pipeline.key_filter import KeyFilter

if TYPE_CHECKING:
    from sqlalchemy import CursorResult

log = logging.getLogger(__name__)

RECENT_LIMIT = 50_000  # band keys in the recent table that start a merge
# Keys a filter is sized for at least (0.6 MiB): a store of up to ≈ 150k mentions is never
# read whole again to size a larger one; later, each rebuild is sized for half as many again.
FILTER_KEYS = 500_000
SCAN_CHUNK = 100_000  # keys read per fetch when a filter is built from the table
TREE = NearBand.__tablename__
_OLD, _RECENT = NearBand.__tablename__, NearBandRecent.__tablename__
_COLUMNS = "band, near_group, shape"

Band = tuple[int | None, int | None]  # (NearGroup.id, shape)


@dataclass
class _Known:
    """What this process knows of the large table: its filter, the token of the merge the
    filter is current with (None: no merge stored), and the recent table's rows as last
    counted plus those this process inserted since."""

    filter: KeyFilter
    token: int | None
    recent: int


_known: WeakKeyDictionary[Engine, _Known] = WeakKeyDictionary()


def generational(session: Session) -> bool:
    """Whether this store keeps near_bands in two generations (SQLite)."""
    return session.get_bind().dialect.name == "sqlite"


def held(session: Session, keys: Iterable[int]) -> dict[int, Band]:
    """band key → (its group's NearGroup.id, the group's shape) for the stored keys."""
    wanted = set(keys)
    if not generational(session):
        return _rows(session, NearBand, wanted)
    found = _rows(session, NearBandRecent, wanted)
    # The token is read after the recent table: a merge between the two reads moved keys out
    # of it, and its new token makes this process load the filter that holds them.
    known = _current(session)
    ordered = sorted(wanted)
    maybe = [k for k, m in zip(ordered, known.filter.may_hold(ordered), strict=True) if m]
    found.update(_rows(session, NearBand, set(maybe)))
    return found


def _rows(
    session: Session, table: type[NearBand] | type[NearBandRecent], keys: set[int]
) -> dict[int, Band]:
    if not keys:
        return {}
    rows = lookup_rows(session, table.band, (table.near_group, table.shape), keys)
    return {band: (ref, shape) for band, ref, shape in rows}


def store(session: Session, rows: list[tuple[int, int, int]]) -> None:
    """Insert band rows (key, NearGroup.id, shape), skipping keys another writer stored
    meanwhile (a band key another writer claimed stays theirs), in key order; on SQLite into
    the recent table, merged into the large one once it is full."""
    if not rows:
        return
    if not generational(session):
        sql = f"INSERT INTO {_OLD} ({_COLUMNS}) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
        driver_run(session, sql, in_key_order(list(rows)))
        return
    known = _current(session)
    sql = f"INSERT OR IGNORE INTO {_RECENT} ({_COLUMNS}) VALUES (?, ?, ?)"
    driver_run(session, sql, in_key_order(list(rows)))
    known.recent += len(rows)
    if known.recent >= RECENT_LIMIT:
        merge(session)


def merge(session: Session) -> int:
    """Move every recent band row into the large table in one sorted pass, in the session's
    transaction; returns the rows moved. The filter gets their keys, and is stored."""
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    known = _current(session)
    cursor = driver_cursor(session)
    cursor.execute(f"SELECT band FROM {_RECENT}")
    moved = np.fromiter((row[0] for row in cursor), dtype=np.int64)
    run = session.connection().exec_driver_sql
    run(f"INSERT OR IGNORE INTO {_OLD} ({_COLUMNS}) SELECT {_COLUMNS} FROM {_RECENT} ORDER BY band")
    run(f"DELETE FROM {_RECENT}")
    keys = known.filter
    if keys.count + len(moved) > keys.capacity:
        keys = _scan(session)  # sized anew for the grown table
    else:
        keys.add(moved)
    _known[engine] = _Known(keys, _save(session, keys), 0)
    return len(moved)


def _save(session: Session, keys: KeyFilter) -> int:
    """Store the filter with a new token, in the session's transaction; returns the token.
    The process's filter is current once the transaction commits; if it rolls back, the
    stored token differs from this one and the next lookup loads the stored filter again."""
    token = secrets.randbits(62)
    table = DedupGeneration.__tablename__
    driver_run(session, f"DELETE FROM {table} WHERE tree = ?", [(TREE,)])
    driver_run(
        session,
        f"INSERT INTO {table} (tree, token, keys, filter) VALUES (?, ?, ?, ?)",
        [(TREE, token, keys.count, keys.to_bytes())],
    )
    return token


def _current(session: Session) -> _Known:
    """This process's filter of the large table, loaded or built when another process merged
    since (or none was made yet)."""
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    table = DedupGeneration.__tablename__
    stored = driver_rows(session, f"SELECT token FROM {table} WHERE tree = ?", [TREE])
    token = stored[0][0] if stored else None
    known = _known.get(engine)
    if known is not None and known.token == token:
        return known
    if token is None:  # a store made before generations: built once, then stored
        keys = _scan(session)
        token = _save(session, keys) if keys.count else None  # an empty table: nothing to keep
    else:
        ((data, count),) = driver_rows(
            session, f"SELECT filter, keys FROM {table} WHERE tree = ?", [TREE]
        )
        keys = KeyFilter.of_bytes(bytes(data), int(count))
    ((recent,),) = driver_rows(session, f"SELECT COUNT(*) FROM {_RECENT}", [])
    known = _known[engine] = _Known(keys, token, int(recent))
    return known


def _scan(session: Session) -> KeyFilter:
    """A filter of every key of the large table, sized for half as many again and two merges
    more (FILTER_KEYS at least)."""
    ((count,),) = driver_rows(session, f"SELECT COUNT(*) FROM {_OLD}", [])
    keys = KeyFilter(max(int(count) * 3 // 2 + 2 * RECENT_LIMIT, FILTER_KEYS))
    cursor = driver_cursor(session)
    cursor.execute(f"SELECT band FROM {_OLD}")
    while chunk := cursor.fetchmany(SCAN_CHUNK):
        keys.add(np.fromiter((row[0] for row in chunk), dtype=np.int64, count=len(chunk)))
    log.debug("near_bands filter built from %d keys", count)
    return keys


def forget(session: Session, keys: list[int]) -> int:
    """Delete these band keys from both generations; returns the rows deleted (the filter
    keeps them: a "maybe" the b-tree then answers)."""
    deleted = 0
    for table in (NearBand, NearBandRecent):
        for start in range(0, len(keys), LOOKUP_CHUNK):
            doomed = keys[start : start + LOOKUP_CHUNK]
            done = session.execute(delete(table).where(table.band.in_(doomed)))
            deleted += cast("CursorResult[Any]", done).rowcount
    return deleted
