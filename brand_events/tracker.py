"""The event tracker: a pipeline listener that clusters each batch and persists the events.

State lives in the workflow store (events, event_members, event_term_hours); the clusterer keeps
the active part in memory and reloads it when another process wrote since (events_state.version).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import uuid4

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from brand_events import seed_rows, term_hours
from brand_events.cluster import AnyCluster, Cluster, Decision, Post, is_visible
from brand_events.clustering import Clusterer
from brand_events.event_sql import (
    DELETE_EVENTS,
    DELETE_MEMBERS,
    DELETE_SEEDS,
    GROW_SEEDS,
    INSERT_EVENTS,
    INSERT_MEMBERS,
    INSERT_SEEDS,
    MOVE_MEMBERS,
    TOP_TERMS,
    UPDATE_EVENTS,
    EventSQL,
    event_values,
    member_values,
    seed_row_values,
)
from brand_events.features import BrandNames, mention_terms
from brand_events.listing import newest_seen
from brand_events.models import Event, EventMember, EventSeed, EventsState
from brand_events.projects import named_by
from brand_events.seed import Seed
from brand_events.templates import TitleTemplates
from brand_events.titles import make_title, title_due, topic_title
from core.config import CoreConfig
from core.db import lookup
from core.models import Mention, mention_id, utcnow
from core.own_accounts import OwnAccounts

if TYPE_CHECKING:
    from core.context import Context
    from core.pipeline.pipeline import Listener

log = logging.getLogger(__name__)
CHUNK = 500


@dataclass
class TrackReport:
    """What one batch did to the events."""

    assigned: int = 0
    skipped: int = 0
    merged: int = 0
    expired: int = 0


class EventTracker:
    """Clusters newly indexed mentions into events (use `listen` as a pipeline listener)."""

    def __init__(self, sessions: sessionmaker[Session], config: CoreConfig) -> None:
        self.sessions = sessions
        self.brand = BrandNames.from_config(config)
        self.own = OwnAccounts.of(config)
        self.templates = TitleTemplates(self.brand.strip)
        self.clusterer = Clusterer()
        self.version: int | None = None
        self.persisted: set[str] = set()  # ids with an events row
        self.seeded: set[str] = set()  # ids with an event_seeds row (seed_rows)
        self.writer = uuid4().hex[:12]

    def listen(self, mentions: list[Mention]) -> None:
        """Pipeline listener: cluster the newly indexed mentions."""
        self.track(mentions)

    def track(self, mentions: Sequence[Mention]) -> TrackReport:
        """Assign every mention not yet in an event; persist the touched events."""
        report = TrackReport()
        if not mentions:
            return report
        with self.sessions.begin() as session:
            self._sync(session)
            ordered = sorted(mentions, key=lambda m: m.published_at)
            texts = self.templates.clustering_texts(ordered)
            terms = mention_terms(ordered, self.brand, texts)
            posts = [self._post(m, t) for m, t in zip(ordered, terms, strict=True)]
            known = self._prefetch(session, posts)
            members: list[tuple[Post, Decision]] = []
            touched: set[str] = set()
            folded: list[AnyCluster] = []
            for post in posts:
                if post.id in known:
                    report.skipped += 1
                    continue
                decision = self.clusterer.assign(post)
                members.append((post, decision))
                touched.add(decision.cluster.id)
                folded += decision.merged
            report.assigned, report.merged = len(members), len(folded)
            self._write(session, members, touched, folded)
            newest = max(p.published_at for p in posts)
            term_hours.save(session, self.clusterer.runs, int(newest.timestamp() // 3600))
            report.expired = self._expire(session, max(p.published_at for p in posts))
            self._bump(session)
        return report

    def _post(self, mention: Mention, terms: tuple[str, ...]) -> Post:
        parent = mention.repost_of or mention.reply_to
        return Post(
            id=mention.id,
            source=mention.source,
            native_id=mention.native_id,
            published_at=mention.published_at,
            author=mention.author.id or mention.author.name,
            author_name=mention.author.name or mention.author.id,
            text=mention.full_text,
            terms=terms,
            parent_id=mention_id(mention.source, parent) if parent else None,
            group_id=mention.group_id,
            own=self.own.is_own(mention),
            grievance=mention.is_negative or bool(mention.complaint and mention.complaint.flag),
        )

    # loading ----------------------------------------------------------------------------
    def _sync(self, session: Session) -> None:
        """Reload the active events when another writer changed them (or on first use)."""
        state = session.get(EventsState, 1)
        version = state.version if state else 0
        if version == self.version:
            return
        self.clusterer = Clusterer(self.clusterer.window)
        self.persisted, self.seeded = set(), set()
        term_hours.load(session, self.clusterer.runs)
        latest = newest_seen(session)
        if latest is not None:
            since = latest - self.clusterer.window * 2
            rows = session.scalars(
                select(Event).where(Event.last_at >= since, Event.merged_into.is_(None))
            ).all()
            self._adopt(session, rows)
            self._adopt_seeds(seed_rows.compact(session, EventSeed.published_at >= since))
        self.version = version

    def _adopt(self, session: Session, rows: Iterable[Event]) -> None:
        by_id = {row.id: row for row in rows if row.id not in self.clusterer.clusters}
        members: dict[str, list[str]] = {event_id: [] for event_id in by_id}
        ids = list(by_id)
        for start in range(0, len(ids), CHUNK):
            found = session.execute(
                select(EventMember.mention_id, EventMember.event_id).where(
                    EventMember.event_id.in_(ids[start : start + CHUNK])
                )
            )
            for mention, event_id in found:
                members[event_id].append(mention)
        for event_id, row in by_id.items():
            self.clusterer.adopt(to_cluster(row), members[event_id])
            self.persisted.add(event_id)

    def _adopt_seeds(self, seeds: Iterable[Seed]) -> None:
        """Load stored one-post events in their compact form, as the clusterer made them."""
        for seed in seeds:
            if seed.id not in self.clusterer.clusters:
                self.clusterer.adopt(seed, [seed.id])
                self.seeded.add(seed.id)

    def _prefetch(self, session: Session, posts: list[Post]) -> set[str]:
        """Owners of unknown parents/groups from the store; returns ids already tracked."""
        owner = self.clusterer.owner
        wanted = {i for p in posts for i in (p.id, p.parent_id, p.group_id) if i and i not in owner}
        found: dict[str, str] = lookup(
            session, EventMember.mention_id, EventMember.event_id, wanted
        )
        seeds: dict[str, str] = lookup(
            session, EventSeed.mention_id, EventSeed.mention_id, wanted - found.keys()
        )
        if seeds:
            self._adopt_seeds(seed_rows.compact(session, ids=seeds))
            found.update(seeds)
        missing = {e for e in found.values() if e not in self.clusterer.clusters}
        if missing:
            self._adopt(session, self._live_rows(session, missing))
        for mention, event_id in found.items():
            live = self._live_id(session, event_id)
            if live is not None:
                self.clusterer.own(mention, live)
        tracked = {p.id for p in posts if p.id in owner}
        return tracked

    def _live_rows(self, session: Session, ids: set[str]) -> list[Event]:
        # The rows in a query per chunk (the session's identity map then answers `get`): a
        # stream that has run for days asks for a thousand expired events per 100k mentions.
        wanted = sorted(ids)
        loaded: list[Event] = []  # (the identity map holds them weakly)
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            loaded += session.scalars(select(Event).where(Event.id.in_(chunk))).all()
        rows = []
        for event_id in ids:
            live = self._live_id(session, event_id)
            row = session.get(Event, live) if live else None
            if row is not None:
                rows.append(row)
        return rows

    def _live_id(self, session: Session, event_id: str) -> str | None:
        """Follow merged_into pointers to the surviving event."""
        for _ in range(20):
            cluster = self.clusterer.resolve(event_id)
            if cluster is not None:
                return cluster.id
            row = session.get(Event, event_id)
            if row is None:
                return None
            if row.merged_into is None:
                return row.id
            event_id = row.merged_into
        return None

    # writing ----------------------------------------------------------------------------
    def _write(
        self,
        session: Session,
        members: list[tuple[Post, Decision]],
        touched: set[str],
        folded: list[AnyCluster],
    ) -> None:
        sql = EventSQL(session)
        resolve = self.clusterer.resolve
        persisted, seeded = self.persisted, self.seeded
        ids = sorted(touched.union([c.id for c in folded]))  # (rows in one order, not a set's)
        survivors = {c.id: c for c in map(resolve, ids) if c}
        clusters = list(survivors.values())
        # (by id: a folded seed may have grown into a full cluster since)
        current = self.clusterer.clusters
        clusters += [current.get(c.id, c) for c in folded if c.id in persisted or c.id in seeded]
        # A live seed (one post, made in this batch) is one event_seeds row; every other
        # cluster an events row, a stored seed's turned into the rows it stands for first.
        events = [c for c in clusters if not isinstance(c, Seed) or c.merged_into is not None]
        grown = [c.id for c in events if c.id in seeded]
        sql.run(GROW_SEEDS, [(i,) for i in grown])
        sql.run(DELETE_SEEDS, [(i,) for i in grown])
        seeded.difference_update(grown)
        stored = persisted.union(grown)  # (the members of a grown seed are rows now)
        moves = []
        for cluster in folded:
            live = resolve(cluster.id)
            if live is not None and cluster.id in stored:
                moves.append((live.id, cluster.id))
        sql.run(MOVE_MEMBERS, moves)
        now = sql.time(utcnow())
        rows, seeds = [], []
        for post, decision in members:
            live = resolve(decision.cluster.id)
            if not isinstance(live, Seed):
                rows.append(member_values(sql, post, decision, resolve))
            elif live.id not in seeded:
                seeds.append(seed_row_values(sql, live, post.parent_id, now))
                seeded.add(live.id)
        sql.run(INSERT_MEMBERS, rows)
        sql.run(INSERT_SEEDS, seeds)
        rows = [event_values(sql, c, self._visible(c), now) for c in events]
        sql.run(INSERT_EVENTS, [r for r in rows if r[0] not in persisted])
        sql.run(UPDATE_EVENTS, [(*r[1:], r[0]) for r in rows if r[0] in persisted])
        persisted |= {c.id for c in events}

    def _visible(self, cluster: AnyCluster) -> bool:
        """Whether the cluster is shown; titles a visible one when its title is due."""
        visible = cluster.merged_into is None and is_visible(cluster)
        if visible and isinstance(cluster, Cluster):
            if title_due(cluster):
                cluster.title = make_title(cluster, self.brand, self.clusterer.weight)
                cluster.titled_size = cluster.size
            elif not cluster.title.startswith("#") and (named := topic_title(cluster, self.brand)):
                # A settled title gives way once, to the #topic# the public came to call the
                # story by (a hashtag often appears only as the story trends).
                cluster.title = named
        return visible

    def _expire(self, session: Session, horizon: datetime) -> int:
        """Drop quiet events from memory; forget quiet clusters that never became events."""
        gone = self.clusterer.expire(horizon)
        small = [(c.id,) for c in gone if c.merged_into is None and not is_visible(c)]
        seeds = [key for key in small if key[0] in self.seeded]
        small = [key for key in small if key[0] not in self.seeded]
        sql = EventSQL(session)
        sql.run(DELETE_MEMBERS, small)
        sql.run(DELETE_EVENTS, small)
        sql.run(DELETE_SEEDS, seeds)
        ids = {c.id for c in gone}
        self.persisted -= ids
        self.seeded -= ids
        return len(gone)

    def _bump(self, session: Session) -> None:
        state = session.get(EventsState, 1)
        if state is None:
            state = EventsState(id=1, version=0)
            session.add(state)
        state.version = (state.version or 0) + 1
        state.writer = self.writer
        session.flush()
        self.version = state.version


def from_cluster(cluster: AnyCluster, visible: bool) -> dict[str, object]:
    """The events row for a cluster."""
    return {
        "id": cluster.id,
        "title": cluster.title,
        "visible": visible,
        "started_at": cluster.first_at,
        "last_at": cluster.last_at,
        "mention_count": cluster.size,
        "author_count": cluster.author_count,
        "first_mention_id": cluster.first_id,
        "first_source": cluster.first_source,
        "first_native_id": cluster.first_native_id,
        "first_author": cluster.first_author,
        "terms": dict(cluster.terms.most_common(TOP_TERMS)),
        "used_terms": dict(cluster.used.most_common(TOP_TERMS)),
        "independent": cluster.independent,
        "hourly": {str(h): n for h, n in cluster.hourly.items()},
        "authors": sorted(cluster.authors),
        "exemplars": cluster.exemplars,
        "opening": list(cluster.opening),
        "answered_at": cluster.answered_at,
        "answers": cluster.answers,
        "projects": sorted(cluster.projects),
        "titled_size": cluster.titled_size,
        "merged_into": cluster.merged_into,
        "updated_at": utcnow(),
    }


def to_cluster(row: Event) -> Cluster:
    """The in-memory cluster for a stored event."""
    return Cluster(
        id=row.id,
        first_at=row.started_at,
        last_at=row.last_at,
        first_id=row.first_mention_id,
        first_source=row.first_source,
        first_native_id=row.first_native_id,
        first_author=row.first_author,
        size=row.mention_count,
        terms=Counter(row.terms or {}),
        used=Counter(row.used_terms or {}),
        independent=row.independent or 0,
        authors=set(row.authors or []),
        author_count=row.author_count,
        hourly=Counter({int(h): n for h, n in (row.hourly or {}).items()}),
        exemplars=list(row.exemplars or []),
        opening=tuple(row.opening or ()),
        answered_at=row.answered_at,
        answers=list(row.answers or []),
        # A seed's row keeps none: its projects are its text's, as `Seed.projects` reads them
        # (stores made before projects: the first post's, the same way).
        projects=set(row.projects or ()) or set(named_by((row.exemplars or [])[:1])),
        title=row.title,
        titled_size=row.titled_size,
    )


def tracker_listener(ctx: Context) -> Listener:
    """The pipeline listener that keeps this context's events current."""
    return EventTracker(ctx.sessions, ctx.config).listen
