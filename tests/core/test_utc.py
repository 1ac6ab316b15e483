"""The one place naive datetimes become UTC: reading stored times and the UTC column type."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select, text

from core.dbtypes import UTCDateTime
from core.timeutil import as_utc, to_utc

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_naive_is_utc_and_aware_keeps_its_instant() -> None:
    naive = datetime(2026, 3, 2, 4, 0)
    local = datetime(2026, 3, 2, 12, 0, tzinfo=SHANGHAI)
    assert as_utc(naive) == datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
    assert as_utc(local) is local and as_utc(None) is None
    assert to_utc(local).tzinfo is UTC and to_utc(local) == local
    assert to_utc(naive) == as_utc(naive) and to_utc(None) is None


def test_utc_column_stores_utc_and_reads_aware_on_sqlite() -> None:
    engine = create_engine("sqlite://")
    table = Table(
        "t", MetaData(), Column("id", Integer, primary_key=True), Column("at", UTCDateTime)
    )
    table.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(table).values(id=1, at=datetime(2026, 3, 2, 12, tzinfo=SHANGHAI)))
        stored = conn.execute(text("SELECT at FROM t")).scalar_one()
        read = conn.execute(select(table.c.at)).scalar_one()
    assert str(stored).startswith("2026-03-02 04:00:00")
    assert read == datetime(2026, 3, 2, 4, tzinfo=UTC) and read.tzinfo is UTC


# Hot-path tables that store a raw DateTime on purpose (a row per mention; the value is
# written as UTC by the dedup code itself, and a type decorator would cost per row).
RAW_TIMESTAMP_TABLES = {"author_copies", "similarity_groups", "near_groups"}


def test_every_stored_timestamp_is_read_back_as_aware_utc() -> None:
    from sqlalchemy import DateTime

    from app.domains import install
    from core.db import Base
    from core.tables import TABLES

    install()
    for name in TABLES.names():
        TABLES.get(name)()
    naive = [
        f"{table.name}.{column.name}"
        for table in Base.metadata.sorted_tables
        if table.name not in RAW_TIMESTAMP_TABLES
        for column in table.columns
        if isinstance(column.type, DateTime)
    ]
    assert naive == [], f"use core.dbtypes.UTCDateTime for {naive}"
