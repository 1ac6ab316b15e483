"""The dedup stage's tables, apart from its code so declaring them costs no numpy import.

Stores made before near-duplicate groups were numbered (`near_groups` keyed by group_id,
`near_bands` pointing to it by that string) are rebuilt in the current layout when opened.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Connection,
    DateTime,
    Integer,
    MetaData,
    String,
    Text,
    inspect,
)
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base
from core.db_upgrade import rebuild_when
from core.models import utcnow

log = logging.getLogger(__name__)


class AuthorCopy(Base):
    """First mention of a text by one author on one source; `repeats` counts the floods."""

    __tablename__ = "author_copies"

    digest: Mapped[str] = mapped_column(String(40), primary_key=True)
    mention_id: Mapped[str] = mapped_column(String(40))
    repeats: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SimilarityGroup(Base):
    """Mentions whose group text is the same (any author, any source); `size` counts them."""

    __tablename__ = "similarity_groups"

    digest: Mapped[str] = mapped_column(String(40), primary_key=True)
    group_id: Mapped[str] = mapped_column(String(40), index=True)
    size: Mapped[int] = mapped_column(Integer, default=1)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class NearGroup(Base):
    """A similarity group's first text, against which later near copies are verified."""

    __tablename__ = "near_groups"

    # INTEGER PRIMARY KEY on SQLite: the rowid itself, assigned in insertion order. Band rows
    # point here by it (a small integer instead of the 40-character group id), and the table
    # needs no second, random-key b-tree on group_id: nothing looks a representative up by it.
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    group_id: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class NearBand(Base):
    """One MinHash band of a representative: band key → the group that claimed it first."""

    __tablename__ = "near_bands"

    # INTEGER on SQLite: the key is the rowid itself, one B-tree instead of table + index.
    band: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
    )
    # NearGroup.id of the group (None: a band whose representative is gone — it stays claimed).
    near_group: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    # The group's NearText.shape: candidates of another shape are skipped unfetched. Nullable:
    # stores made before it get the column empty, and those rows are always verified.
    shape: Mapped[int | None] = mapped_column(Integer, nullable=True)


def _groups_by_string(connection: Connection) -> bool:
    """Whether near_groups is of the layout keyed by group_id (no `id` column)."""
    inspector = inspect(connection)
    if not inspector.has_table(NearGroup.__tablename__):
        return False
    return "id" not in {c["name"] for c in inspector.get_columns(NearGroup.__tablename__)}


def _number_groups(connection: Connection) -> None:
    """Move near_groups and near_bands to the numbered layout: every group gets its id, every
    band row its group's id (a band whose group is gone stays, pointing to none)."""
    groups, bands = NearGroup.__tablename__, NearBand.__tablename__
    run = connection.exec_driver_sql
    older = {c["name"] for c in inspect(connection).get_columns(bands)}
    shape = "b.shape" if "shape" in older else "NULL"  # stores made before band shapes
    # New tables beside the old ones, filled, then swapped: the first insert opens the
    # transaction (SQLite's driver runs DDL before any DML on its own), so the old tables
    # are dropped together with the copy or not at all; tables a failed attempt left go first.
    numbered = MetaData()
    new_groups = Base.metadata.tables[groups].to_metadata(numbered, name=f"{groups}_numbered")
    new_bands = Base.metadata.tables[bands].to_metadata(numbered, name=f"{bands}_numbered")
    numbered.drop_all(connection, checkfirst=True)
    numbered.create_all(connection)
    run(
        f"INSERT INTO {new_groups.name} (group_id, text, first_seen)"
        f" SELECT group_id, text, first_seen FROM {groups} ORDER BY first_seen, group_id"
    )
    run(f"CREATE INDEX {groups}_moving ON {new_groups.name} (group_id)")
    run(
        f"INSERT INTO {new_bands.name} (band, near_group, shape) SELECT b.band, g.id, {shape}"
        f" FROM {bands} b LEFT JOIN {new_groups.name} g ON g.group_id = b.group_id"
        " ORDER BY b.band"
    )
    run(f"DROP INDEX {groups}_moving")
    run(f"DROP TABLE {bands}")
    run(f"DROP TABLE {groups}")
    run(f"ALTER TABLE {new_groups.name} RENAME TO {groups}")
    run(f"ALTER TABLE {new_bands.name} RENAME TO {bands}")
    count = connection.exec_driver_sql(f"SELECT COUNT(*) FROM {groups}").scalar()
    log.info("工作流数据库：近似重复组改为按编号引用（%s 个组）", count)


rebuild_when(Base.metadata, _groups_by_string, _number_groups)
