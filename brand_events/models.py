"""Event tables in the workflow store, keyed by mention ids so any index backend works."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base
from core.dbtypes import UTCDateTime


class Event(Base):
    """One event (事件); `id` is the id of the mention that started its cluster."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    visible: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    last_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    mention_count: Mapped[int] = mapped_column(Integer, default=0)
    author_count: Mapped[int] = mapped_column(Integer, default=0)
    first_mention_id: Mapped[str] = mapped_column(String(40), default="")
    first_source: Mapped[str] = mapped_column(String(100), default="")
    first_native_id: Mapped[str] = mapped_column(String(200), default="")
    first_author: Mapped[str | None] = mapped_column(String(200), default=None)
    terms: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    used_terms: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)  # independent posts
    independent: Mapped[int] = mapped_column(Integer, default=0)
    hourly: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)  # epoch hour → count
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    exemplars: Mapped[list[str]] = mapped_column(JSON, default=list)
    opening: Mapped[list[str] | None] = mapped_column(JSON, default=list)  # first post's terms
    # When the brand's own account last posted in it (its statement: reactions to it follow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    answers: Mapped[list[str] | None] = mapped_column(JSON, default=list)  # its texts, for quotes
    # The 楼盘 its posts name (`brand_events/projects.py`); None in stores made before them.
    projects: Mapped[list[str] | None] = mapped_column(JSON, default=list)
    titled_size: Mapped[int] = mapped_column(Integer, default=0)
    merged_into: Mapped[str | None] = mapped_column(String(40), default=None, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class EventMember(Base):
    """A mention in an event, with what the propagation tree and the CLI need without the index."""

    __tablename__ = "event_members"

    mention_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(40), index=True)
    source: Mapped[str] = mapped_column(String(100))
    native_id: Mapped[str] = mapped_column(String(200))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)
    author: Mapped[str | None] = mapped_column(String(200), default=None)
    parent_id: Mapped[str | None] = mapped_column(String(40), default=None)
    reason: Mapped[str] = mapped_column(String(10))


class EventSeed(Base):
    """A one-post event (most never get a second post) in one compact row: what its `events`
    row and its one `event_members` row would hold. Replaced by those rows when the event grows
    or merges, deleted when it expires; readers of forming events read both tables."""

    __tablename__ = "event_seeds"

    mention_id: Mapped[str] = mapped_column(String(40), primary_key=True)  # also the event id
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(String(100))
    native_id: Mapped[str] = mapped_column(String(200))
    author: Mapped[str | None] = mapped_column(String(200), default=None)  # the name shown
    author_id: Mapped[str | None] = mapped_column(String(200), default=None)  # counted author
    parent_id: Mapped[str | None] = mapped_column(String(40), default=None)
    terms: Mapped[str] = mapped_column(Text, default="{}")  # JSON text, as `events.terms`
    exemplar: Mapped[str] = mapped_column(Text, default="")  # the first 200 characters
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TermHours(Base):
    """A word's run of distinct hours of use (the clusterer damps words used hour after hour);
    saved with every batch and loaded at start, so a restart does not forget the routine."""

    __tablename__ = "event_term_hours"

    term: Mapped[str] = mapped_column(Text, primary_key=True)
    last_hour: Mapped[int] = mapped_column(Integer, index=True)  # epoch hour
    hours: Mapped[int] = mapped_column(Integer)


class EventsState(Base):
    """One row: bumped by every tracker write, so another process knows to reload."""

    __tablename__ = "events_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    writer: Mapped[str] = mapped_column(Text, default="")
