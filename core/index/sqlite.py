"""Embedded mention index: SQLite in WAL mode with FTS5 tables of CJK bigrams and characters.

One writer process (the service) and any number of reader processes (dashboards, CLI)
can share the file; each process opens its own connection. Hourly rollups (sqlite_rollups)
answer trends, breakdowns and hot words; full-text matching is planned in sqlite_text.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from core.errors import MentionIndexError
from core.index import sqlite_rollups as rollups
from core.index.protocol import UpsertResult
from core.index.rollup_api import RollupQueries
from core.index.sqlite_aggs import SQLiteAggregations
from core.index.sqlite_batch import (
    INSERT_MENTION,
    PendingRow,
    RowBatch,
    drop_derived,
    fts_values,
    write_derived,
)
from core.index.sqlite_filters import epoch
from core.index.sqlite_fold import refold
from core.index.sqlite_pairs import ensure_pairs
from core.index.sqlite_plansets import ensure_plan_sets
from core.index.sqlite_schema import (
    TIME_LAYOUT,
    contentless_tables,
    prepare,
    rid_after,
    stored_top_rid,
    time_rid_base,
)
from core.models import Mention

FTS_TABLES = ("mention_fts", "mention_chars")
MERGE_STEP = 2_000  # full-text pages merged per transaction: writers wait ~0.1 s at most
PRUNE_CHUNK = 2_000  # mentions deleted per transaction: writers wait at most one chunk
# WAL pages (4 KiB) between automatic checkpoints; SQLite's default is 1,000. A 500-mention
# batch writes 400-600 pages (random-key indexes, full-text segments), so the default copied
# the WAL back every second batch (as core.db.WAL_CHECKPOINT_PAGES does for yuqing.db).
WAL_CHECKPOINT_PAGES = 10_000
# FTS5's own default: after each write, merge 4 segments of a level into one of the next.
FTS_AUTOMERGE = 4


class SQLiteMentionIndex(SQLiteAggregations, RollupQueries):
    """MentionIndex on one SQLite file."""

    backend = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
            self._db.execute("PRAGMA busy_timeout=30000")
            self._db.execute("PRAGMA cache_size=-65536")
            self.layout = prepare(self._db, _backfill)
            self.contentless = contentless_tables(self._db)
            refold(self._db, self.contentless)
            ensure_pairs(self._db)
            ensure_plan_sets(self._db, rollups.backfill)
        except sqlite3.DatabaseError as exc:
            raise MentionIndexError(
                f"{self.path}：无法打开提及索引（{exc}）；检查文件是否损坏或被其他程序占用"
            ) from None

    def limit_cache(self, kib: int) -> None:
        """Cap the page cache (64 MiB by default, for queries); a bulk writer needs less."""
        with self._lock:
            self._db.execute(f"PRAGMA cache_size=-{int(kib)}")

    @contextmanager
    def bulk_writes(self) -> Iterator[None]:
        """Within: no automatic full-text merges (FTS5 `automerge` 0); afterwards the setting is
        back as it was. For a bulk load that merges its segments once at the end.

        Each 500-mention batch adds one segment per table, and automerge folds every 4 of a
        level into the next, so each token was rewritten once per level, log4 of the batches
        (≈ 4 levels at 100k mentions, ≈ 5.5 at 1M). Without it only FTS5's crisis merge (16
        segments of a level) runs: about half the levels. The setting is stored in the file and
        shared by every writer; one left at 0 by a killed ingest changes only the layout, not
        what queries answer (the service's housekeeping merges go on either way), and the next
        bulk load puts FTS5's default back (nothing else sets 0).
        """
        kept = {table: self._fts_setting(table, "automerge") for table in FTS_TABLES}
        self._set_fts(dict.fromkeys(FTS_TABLES, 0))
        try:
            yield
        finally:
            self._set_fts({t: v or FTS_AUTOMERGE for t, v in kept.items()})

    def _fts_setting(self, table: str, key: str) -> int | None:
        """A full-text table's stored setting (None: FTS5's default, never set)."""
        with self._lock:
            row = self._db.execute(f"SELECT v FROM {table}_config WHERE k = ?", (key,)).fetchone()
        return None if row is None else int(row[0])

    def _set_fts(self, automerge: Mapping[str, int]) -> None:
        with self._tx() as db:
            for table, value in automerge.items():
                db.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('automerge', ?)", (value,))

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._db:
            yield self._db

    # -- writes ---------------------------------------------------------------------------

    def upsert_many(
        self, mentions: Sequence[Mention], located: Mapping[str, str] | None = None
    ) -> UpsertResult:
        """Insert or replace by id in one transaction, rollups included; idempotent.

        `located` is not needed here: the row ids are read in the same transaction.

        New rows of the time layout are queued and written with one executemany per table
        (see sqlite_batch); a rewrite first writes what is queued, so it sees every earlier row.
        """
        result = UpsertResult()
        if not mentions:
            return result
        with self._tx() as db:
            seq = db.execute("SELECT COALESCE(MAX(seq), 0) FROM mentions").fetchone()[0]
            stored = self._stored_rids(db, [m.id for m in mentions])
            added: list[rollups.Facts] = []
            batch = RowBatch()
            times = [epoch(m.published_at) for m in mentions]
            if self.layout == TIME_LAYOUT:
                new = zip(mentions, times, strict=True)
                batch.prefetch(db, [t for m, t in new if m.id not in stored])
            for mention, published in zip(mentions, times, strict=True):
                seq += 1
                old = stored.get(mention.id)
                direct = old is not None or self.layout != TIME_LAYOUT
                try:
                    if direct:
                        self._flush(db, batch, result, added)
                        if old is not None:  # its stored facts come off only once counted
                            rollups.apply(db, added, 1)
                            added = []
                        rid, facts = self._upsert_one(db, mention, seq, old, published)
                    else:
                        row = self._pending(db, batch, mention, seq, published)
                        batch.add(row)
                        rid, facts = row.rid, row.facts
                except (sqlite3.Error, ValueError) as exc:
                    result.errors[mention.id] = str(exc)
                    continue
                stored[mention.id] = rid
                if direct:
                    added.append(facts)
                    (result.created if old is None else result.updated).append(mention.id)
            self._flush(db, batch, result, added)
            rollups.apply(db, added, 1)
        return result

    @staticmethod
    def _flush(
        db: sqlite3.Connection,
        batch: RowBatch,
        result: UpsertResult,
        added: list[rollups.Facts],
    ) -> None:
        """Write the queued new rows; count them (or their errors) in the result."""
        written, errors = batch.flush(db)
        result.errors.update(errors)
        for row in written:
            added.append(row.facts)
            result.created.append(row.mention_id)

    @staticmethod
    def _stored_rids(db: sqlite3.Connection, ids: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(db.execute(f"SELECT id, rid FROM mentions WHERE id IN ({marks})", chunk))
        return found

    @staticmethod
    def _values(mention: Mention, seq: int, published: float, body: str) -> tuple[object, ...]:
        """The mentions row of a mention, without its row id (`body`: its full text)."""
        urgency = mention.urgency
        return (
            mention.id,
            seq,
            mention.source,
            str(mention.channel),
            published,
            str(mention.sentiment.label) if mention.sentiment else None,
            str(mention.category) if mention.category else None,
            urgency.level.rank if urgency else None,
            urgency.score if urgency else None,
            mention.author.name,
            body,
            mention.model_dump_json(),
            mention.region,
            None if mention.complaint is None else int(mention.complaint.flag),
            None if mention.complaint is None else int(mention.complaint.resolved),
            epoch(mention.collected_at),
        )

    def _pending(
        self, db: sqlite3.Connection, batch: RowBatch, mention: Mention, seq: int, published: float
    ) -> PendingRow:
        """A new mention's rows, to be written with the rest of the batch."""
        return self._rows(mention, seq, published, batch.next_rid(db, published))

    def _rows(self, mention: Mention, seq: int, published: float, rid: int | None) -> PendingRow:
        """Everything a mention writes, at row id `rid` (None: SQLite picks it on insert)."""
        body = mention.full_text
        grams, chars = fts_values(body)
        values = self._values(mention, seq, published, body)
        # The rollup cells are the row's own columns, as stored_facts reads them back.
        columns = (values[3], values[2], values[5], values[6], values[7], values[12])
        return PendingRow(
            mention_id=mention.id,
            rid=rid or 0,
            row=(rid, *values),
            plans=list(mention.plans),
            keywords=list(mention.keywords),
            grams=grams,
            chars=chars,
            facts=rollups.facts_of(published, mention.plans, mention.keywords, columns),
        )

    def _upsert_one(
        self, db: sqlite3.Connection, mention: Mention, seq: int, old: int | None, published: float
    ) -> tuple[int, rollups.Facts]:
        """Write one mention (replacing its stored row `old`): its row id and rollup facts."""
        if old is not None:  # rewritten: its row id follows its (possibly new) time
            rollups.apply(db, rollups.stored_facts(db, [old]), -1)
            drop_derived(db, [old], self.contentless)
            db.execute("DELETE FROM mentions WHERE rid = ?", (old,))
        row = self._rows(mention, seq, published, self._new_rid(db, published))
        cur = db.execute(INSERT_MENTION, row.row)
        rid = int(cur.lastrowid or 0)
        row = row._replace(rid=rid, row=(rid, *row.row[1:]))
        write_derived(db, [row])
        return row.rid, row.facts

    def _new_rid(self, db: sqlite3.Connection, published: float) -> int | None:
        """The next free row id of the publication second (time layout); None = SQLite's."""
        if self.layout != TIME_LAYOUT:
            return None
        base = time_rid_base(published)
        return rid_after(base, stored_top_rid(db, base))

    # -- reads ----------------------------------------------------------------------------

    def get(self, mention_id: str) -> Mention | None:
        """One mention by id."""
        with self._lock:
            row = self._db.execute(
                "SELECT doc FROM mentions WHERE id = ?", (mention_id,)
            ).fetchone()
        return Mention.model_validate_json(row[0]) if row else None

    def locate(self, ids: Sequence[str]) -> dict[str, str]:
        """The already-indexed ids among these → "sqlite" (one store holds them all)."""
        found: set[str] = set()
        ids = list(ids)
        with self._lock:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(f"SELECT id FROM mentions WHERE id IN ({marks})", chunk)
                found.update(r[0] for r in rows)
        return dict.fromkeys(found, self.backend)

    def since(self, cursor: str | None, limit: int = 500) -> tuple[list[Mention], str | None]:
        """Mentions indexed or updated after cursor (a sequence number), oldest first."""
        after = int(cursor) if cursor else 0
        with self._lock:
            rows = self._db.execute(
                "SELECT seq, doc FROM mentions WHERE seq > ? ORDER BY seq LIMIT ?", (after, limit)
            ).fetchall()
        if not rows:
            return [], cursor
        return [Mention.model_validate_json(r[1]) for r in rows], str(rows[-1][0])

    def prune_before(self, cutoff: datetime) -> int:
        """Delete mentions published before cutoff in short transactions; returns how many."""
        removed = 0
        while True:
            with self._tx() as db:
                rids = [
                    row[0]
                    for row in db.execute(
                        "SELECT rid FROM mentions WHERE published < ? LIMIT ?",
                        (epoch(cutoff), PRUNE_CHUNK),
                    )
                ]
                if not rids:
                    return removed
                rollups.apply(db, rollups.stored_facts(db, rids), -1)
                drop_derived(db, rids, self.contentless)
                marks = ",".join("?" * len(rids))
                db.execute(f"DELETE FROM mentions WHERE rid IN ({marks})", rids)
            removed += len(rids)

    def merge_segments(self, pages: int) -> bool:
        """Merge the full-text tables' segments, writing about `pages` pages per table at most
        (in transactions of MERGE_STEP pages); False when it found nothing (more) to merge.

        Each batch adds one segment per table and FTS5 merges only every fourth, so a long
        ingest leaves several (8-10 at 100k mentions), each read by every text query; merged
        into one, text queries cost 6-17 % less CPU at 100k. FTS5 resumes an unfinished merge.
        """
        left = pages
        while left > 0:
            if not self._merge_step(min(left, MERGE_STEP)):
                return False
            left -= MERGE_STEP
        return True

    def _merge_step(self, pages: int) -> bool:
        worked = False
        with self._tx() as db:
            for table in FTS_TABLES:
                before = db.total_changes
                db.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('merge', ?)", (-pages,))
                # FTS5's own signal: fewer than 2 changes means there was nothing to merge.
                worked |= db.total_changes - before >= 2
        return worked

    def refresh(self) -> None:
        """Writes are visible on commit; nothing to do."""

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()


def _backfill(db: sqlite3.Connection) -> None:
    """Upgrade an older file: single characters and rollups for every stored mention."""
    if "mention_chars" in contentless_tables(db):
        db.execute("INSERT INTO mention_chars (mention_chars) VALUES ('delete-all')")
    else:
        db.execute("DELETE FROM mention_chars")
    last = -(2**63)
    while True:
        rows = db.execute(
            "SELECT rid, body FROM mentions WHERE rid > ? ORDER BY rid LIMIT 5000", (last,)
        ).fetchall()
        if not rows:
            break
        db.executemany(
            "INSERT INTO mention_chars (rowid, chars) VALUES (?, ?)",
            [(rid, fts_values(body)[1]) for rid, body in rows],
        )
        last = rows[-1][0]
    rollups.backfill(db)
