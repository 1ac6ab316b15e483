"""The dedup stage's tables, apart from its code so declaring them costs no numpy import."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base
from core.models import utcnow


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

    group_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class NearBand(Base):
    """One MinHash band of a representative: band key → the group that claimed it first."""

    __tablename__ = "near_bands"

    # INTEGER on SQLite: the key is the rowid itself, one B-tree instead of table + index.
    band: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
    )
    group_id: Mapped[str] = mapped_column(String(40))
    # The group's NearText.shape: candidates of another shape are skipped unfetched. Nullable:
    # stores made before it get the column empty, and those rows are always verified.
    shape: Mapped[int | None] = mapped_column(Integer, nullable=True)
