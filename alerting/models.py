"""Workflow-store tables of alerting: alerts, notification deliveries and persisted rule state."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Float,
    Index,
    Integer,
    String,
    Table,
    Text,
    delete,
    event,
    insert,
    inspect,
    select,
)
from sqlalchemy.orm import Mapped, Mapper, mapped_column

from alerting.enums import AlertStatus, DeliveryStatus
from core.db import Base
from core.db_upgrade import rename_values
from core.dbtypes import UTCDateTime
from core.enums import LEGACY_SEVERITY_NAMES, Severity


class Alert(Base):
    """One rule's finding for one dedup key, updated in place as it grows; part of an Incident."""

    __tablename__ = "alerts"
    __table_args__ = (Index("alerts_rule_key", "rule", "key"), Index("alerts_status", "status"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rule: Mapped[str] = mapped_column(String(200))
    rule_type: Mapped[str] = mapped_column(String(50))
    key: Mapped[str] = mapped_column(String(300))
    severity: Mapped[Severity] = mapped_column(String(20), default=Severity.MEDIUM)
    status: Mapped[AlertStatus] = mapped_column(String(20), default=AlertStatus.OPEN)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_fired_at: Mapped[datetime] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    resolved_by: Mapped[str | None] = mapped_column(String(100), default=None)
    acknowledged_by: Mapped[str | None] = mapped_column(String(100), default=None)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    count: Mapped[int] = mapped_column(Integer, default=0)
    peak: Mapped[float] = mapped_column(Float, default=0.0)
    baseline: Mapped[float | None] = mapped_column(Float, default=None)
    window_start: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    window_end: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    sample_mention_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    plans: Mapped[list[str]] = mapped_column(JSON, default=list)
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    # When its wait for an acknowledgement began, if before it opened: a lead that took over an
    # unacknowledged incident escalates on from the clock of the lead before it (incidents.py).
    escalation_from: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    notified_count: Mapped[int] = mapped_column(Integer, default=0)
    # 持续扩大 messages sent so far: each waits longer than the one before (growth_realert).
    growth_notices: Mapped[int | None] = mapped_column(Integer, default=0)
    fire_count: Mapped[int] = mapped_column(Integer, default=0)
    incident_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    # Marked 误报 by a person: the incident was noise; recurrences within realert stay quiet.
    false_alarm: Mapped[bool | None] = mapped_column(Boolean, default=False)
    # Its first post, when the posts that opened it were older than the clock (`started_at`).
    first_post_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    @property
    def started_at(self) -> datetime:
        """When the alert began for a reader: when it opened, or the first post that raised it
        when its posts were older than the clock (a past week ingested in bulk)."""
        return self.first_post_at or self.opened_at


BACKFILL_LAG = timedelta(hours=1)  # posts this much older than the alert were back-filled


def first_post_at(opened: datetime, first: datetime, last: datetime) -> datetime | None:
    """An alert's first post when the finding that opened it names posts (a tick rule's window
    ends at the moment it opens) and the first is BACKFILL_LAG older than that moment (a live
    alert opens minutes after its post), else None: it began when it opened."""
    return first if last < opened and opened - first > BACKFILL_LAG else None


class AlertSample(Base):
    """One sample mention of an alert, so "which alerts show these mentions" is an indexed
    lookup (an event finds its alerts by its members); kept equal to Alert.sample_mention_ids."""

    __tablename__ = "alert_samples"

    alert_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mention_id: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


def _write_samples(connection: Connection, alert_id: int, samples: list[str] | None) -> None:
    table = cast(Table, AlertSample.__table__)
    connection.execute(delete(table).where(table.c.alert_id == alert_id))
    rows = [{"alert_id": alert_id, "mention_id": i} for i in dict.fromkeys(samples or [])]
    if rows:
        connection.execute(insert(table), rows)


@event.listens_for(Alert, "after_insert")
def _samples_inserted(_mapper: Mapper[Alert], connection: Connection, alert: Alert) -> None:
    _write_samples(connection, alert.id, alert.sample_mention_ids)


@event.listens_for(Alert, "after_update")
def _samples_updated(_mapper: Mapper[Alert], connection: Connection, alert: Alert) -> None:
    if inspect(alert).attrs.sample_mention_ids.history.has_changes():
        _write_samples(connection, alert.id, alert.sample_mention_ids)


@event.listens_for(Alert, "after_delete")
def _samples_deleted(_mapper: Mapper[Alert], connection: Connection, alert: Alert) -> None:
    _write_samples(connection, alert.id, [])


@event.listens_for(Alert.__table__, "after_create")
def _samples_created(_table: Table, connection: Connection, **kw: object) -> None:
    """Whoever creates the alert table alone gets its sample table too (the listeners write
    it); a metadata-wide create_all creates it in its own turn."""
    if not kw.get("_is_metadata_operation"):
        cast(Table, AlertSample.__table__).create(connection, checkfirst=True)


@event.listens_for(AlertSample.__table__, "after_create")
def _samples_backfilled(table: Table, connection: Connection, **_kw: object) -> None:
    """A store older than this table: index the samples of the alerts it already holds."""
    if not inspect(connection).has_table(Alert.__tablename__):
        return
    alerts = cast(Table, Alert.__table__)
    for alert_id, samples in connection.execute(select(alerts.c.id, alerts.c.sample_mention_ids)):
        _write_samples(connection, alert_id, samples)


class Incident(Base):
    """One crisis seen by several rules: the alerts it groups share its acknowledgement.

    A food-safety burst trips the urgent-mention, spike, keyword and negative-ratio rules
    within minutes; people want one thread for that, not five. The lead alert is the one
    that escalates and whose messages stand for the incident.
    """

    __tablename__ = "alert_incidents"
    __table_args__ = (Index("alert_incidents_status", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(300))
    scope: Mapped[str] = mapped_column(String(30), default="reputation")  # Rule.incident_group
    severity: Mapped[Severity] = mapped_column(String(20), default=Severity.MEDIUM)
    status: Mapped[AlertStatus] = mapped_column(String(20), default=AlertStatus.OPEN)
    lead_alert_id: Mapped[int | None] = mapped_column(Integer, default=None)
    alert_count: Mapped[int] = mapped_column(Integer, default=0)
    plans: Mapped[list[str]] = mapped_column(JSON, default=list)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_fired_at: Mapped[datetime] = mapped_column(UTCDateTime())
    acknowledged_by: Mapped[str | None] = mapped_column(String(100), default=None)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # The 大V and media accounts people were told about by name in this group's messages
    # (urgent_mention's author keys): each is named once, whichever alert they come through.
    named_authors: Mapped[list[str] | None] = mapped_column(JSON, default=list)


class Delivery(Base):
    """One notification on one channel; failed ones are retried, none is lost silently."""

    __tablename__ = "deliveries"
    __table_args__ = (Index("deliveries_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    alert_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    notifier: Mapped[str] = mapped_column(String(100))
    tier: Mapped[str | None] = mapped_column(String(30), default=None)
    severity: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(Text, default=None)
    status: Mapped[DeliveryStatus] = mapped_column(String(20), default=DeliveryStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class CheckedMention(Base):
    """A mention an at-ingest rule has judged, written with the alert it caused (or none).

    The ingest sweep looks again at recent candidates without such a row, so a process that
    died between indexing a mention and saving its alert still alerts after the restart.
    """

    __tablename__ = "alert_checked_mentions"

    rule: Mapped[str] = mapped_column(String(200), primary_key=True)
    mention_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class RuleState(Base):
    """Per-rule memory that must survive restarts: last evaluation, cached baselines."""

    __tablename__ = "alert_rule_state"

    rule: Mapped[str] = mapped_column(String(200), primary_key=True)
    last_eval_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


# Severity was spelled info/warning/high/critical here before it became one vocabulary.
for _column in (Alert.severity, Incident.severity, Delivery.severity):
    rename_values(_column, LEGACY_SEVERITY_NAMES)
