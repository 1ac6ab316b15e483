"""A workflow store written by an older version gains new columns at start and keeps its rows."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, MetaData, Table, insert, inspect, select, text

from alerting.models import Alert, Delivery
from core.db import init_db, make_engine
from core.enums import Severity
from core.schema_stamp import STAMP_TABLE


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


def test_old_severity_names_are_rewritten_in_place(db_url: str) -> None:
    init_db(make_engine(db_url))
    engine = make_engine(db_url)
    now = datetime(2026, 3, 2, 4, tzinfo=UTC)
    row = {
        "rule_type": "frequency",
        "key": "*",
        "status": "open",
        "title": "t",
        "summary": "",
        "opened_at": now,
        "updated_at": now,
        "last_fired_at": now,
        "sample_mention_ids": [],
        "plans": [],
    }
    with engine.begin() as conn:  # rows as an older version wrote them
        for rule, severity in [("a", "info"), ("b", "warning"), ("c", "critical")]:
            conn.execute(insert(Alert.__table__).values(rule=rule, severity=severity, **row))
        conn.execute(
            insert(Delivery.__table__).values(
                notifier="n", severity="warning", title="t", body="b", status="sent",
                created_at=now,
            )
        )  # fmt: skip
        conn.execute(text(f"DROP TABLE {STAMP_TABLE}"))  # an older version stamped nothing

    init_db(engine)

    with engine.connect() as conn:
        severities = dict(conn.execute(select(Alert.rule, Alert.severity)).all())
        delivery = conn.execute(select(Delivery.severity)).scalar_one()
    assert severities == {"a": "low", "b": "medium", "c": "critical"}
    assert delivery == "medium"
    assert Severity("warning") is Severity.MEDIUM  # a value read before the upgrade still loads
    engine.dispose()
