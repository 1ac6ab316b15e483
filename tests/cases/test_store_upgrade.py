"""A workflow store written by an older version gains new columns at start and keeps its rows."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, MetaData, Table, insert, inspect, select

from alerting.models import Alert
from core.db import init_db, make_engine


def test_missing_column_is_added_and_rows_survive(db_url: str) -> None:
    engine = make_engine(db_url)
    old = MetaData()
    columns: list[Column[object]] = [
        c._copy() for c in Alert.__table__.columns if c.name != "incident_id"
    ]
    table = Table("alerts", old, *columns)
    old.create_all(engine)
    now = datetime(2026, 3, 2, 4, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(
            insert(table).values(
                rule="food",
                rule_type="frequency",
                key="*",
                severity="high",
                status="open",
                title="食品安全投诉激增",
                summary="",
                opened_at=now,
                updated_at=now,
                last_fired_at=now,
                count=7,
                peak=7.0,
                sample_mention_ids=[],
                plans=[],
                escalation_level=0,
                notified_count=0,
                fire_count=1,
            )
        )

    init_db(engine)

    inspector = inspect(engine)
    assert "incident_id" in {c["name"] for c in inspector.get_columns("alerts")}
    assert any(i["column_names"] == ["incident_id"] for i in inspector.get_indexes("alerts"))
    assert "alert_incidents" in inspector.get_table_names()
    with engine.connect() as conn:
        row = conn.execute(select(Alert.__table__)).one()
    assert row.title == "食品安全投诉激增" and row.count == 7 and row.incident_id is None
    init_db(engine)  # a second start changes nothing
    engine.dispose()
