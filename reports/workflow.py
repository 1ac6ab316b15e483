"""Alerts and case KPIs from the workflow store for the reports (无数据 when it is unreadable)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from datetime import UTC, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from alerting.enums import ALERT_STATUS_ZH, AlertStatus
from alerting.models import Alert
from core.enums import Severity
from crisis_playbooks.kpis import compute_kpis
from reports.case_labels import SlaView, cases_of
from reports.workflow_rows import AlertRow, AlertsSection, KpiSection

log = logging.getLogger(__name__)
MAX_ALERTS = 200


def load_alerts(
    sessions: sessionmaker[Session],
    start: datetime,
    end: datetime,
    sla: SlaView | None = None,
    keep: Callable[[list[Alert]], set[int]] | None = None,
) -> AlertsSection:
    """Alerts begun in [start, end) plus older ones still unresolved at the end, with the
    cases handling them (their SLA clocks read as `sla` says, when given); only those whose
    ids `keep` returns, when given (one plan's: reports.plan_scope)."""
    alert = Alert
    # The alert store keeps UTC; SQLite would compare local wall-clock strings otherwise.
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    # When it began: its first post for an alert raised by posts ingested after the fact (a past
    # week imported on the day a deployment starts), so the day of the crisis reports it.
    began = func.coalesce(alert.first_post_at, alert.opened_at)
    opened_in = (began >= start) & (began < end)
    still_open = (began < start) & (alert.resolved_at.is_(None) | (alert.resolved_at >= start))
    statement = select(alert).where(or_(opened_in, still_open)).order_by(began).limit(MAX_ALERTS)
    try:
        with sessions() as session:
            records = list(session.scalars(statement))
            if keep is not None:
                kept = keep(records)
                records = [r for r in records if r.id in kept]
            cases = _cases_of(session, [r.id for r in records], sla)
            events = _events_of(session, records)
    except SQLAlchemyError as exc:
        log.warning("报告：无法读取预警（%s），该部分显示“无数据”", _reason(exc))
        return AlertsSection(available=False)
    rows = [_alert_row(r, cases.get(r.id, ()), events.get(r.id)) for r in records]
    return AlertsSection(available=True, rows=rows)


def _events_of(session: Session, records: list[Alert]) -> dict[int, str]:
    """Alert id → the title of the event its sample mentions belong to (brand_events.links:
    the rule the alert cards, the event page and the notifications use)."""
    from brand_events.links import owners

    samples = {r.id: list(r.sample_mention_ids or []) for r in records if r.sample_mention_ids}
    if not samples:
        return {}
    try:
        found = owners(session, samples)
    except SQLAlchemyError as exc:
        log.info("报告：无法读取事件（%s），预警组按规则标题列出", _reason(exc))
        session.rollback()
        return {}
    return {alert_id: event.title for alert_id, event in found.items()}


def _cases_of(
    session: Session, alert_ids: list[int], sla: SlaView | None
) -> dict[int, tuple[str, ...]]:
    """Alert id → its cases (reports.case_labels); none when the case store is unreadable."""
    try:
        return cases_of(session, alert_ids, sla)
    except SQLAlchemyError as exc:
        log.info("报告：无法读取案件（%s），预警照常列出，不含案件", _reason(exc))
        session.rollback()
        return {}


def _reason(exc: SQLAlchemyError) -> str:
    return str(getattr(exc, "orig", None) or exc).splitlines()[0]


def _alert_row(record: Alert, cases: tuple[str, ...] = (), event: str | None = None) -> AlertRow:
    severity, status = Severity(record.severity), AlertStatus(record.status)
    return AlertRow(
        opened_at=record.opened_at,
        started_at=record.started_at,
        severity=severity,
        rule=record.rule,
        title=record.title or record.summary or "",
        status=status.value,
        severity_label=severity.label_zh,
        status_label=ALERT_STATUS_ZH[status],
        count=record.count,
        acknowledged_at=record.acknowledged_at,
        resolved_at=record.resolved_at,
        resolved_by=record.resolved_by,
        incident_id=record.incident_id,
        false_alarm=bool(record.false_alarm),
        cases=cases,
        event=event,
        alert_id=record.id,
    )


def load_kpis(
    sessions: sessionmaker[Session],
    start: datetime,
    end: datetime,
    now: datetime,
    cases: Collection[int] | None = None,
) -> KpiSection:
    """Case KPIs of [start, end) from crisis_playbooks.kpis.compute_kpis (of these cases only,
    when given)."""
    try:
        with sessions() as session:
            kpis = compute_kpis(session, start=start, end=end, now=now, cases=cases)
    except SQLAlchemyError as exc:
        log.warning("报告：无法计算案件指标（%s），该部分显示“无数据”", _reason(exc))
        return KpiSection(available=False)
    return KpiSection(
        available=True,
        cases_opened=kpis.cases_opened,
        cases_closed=kpis.cases_closed,
        first_response_median=kpis.first_response_median,
        resolution_median=kpis.resolution_median,
        sla_attainment=kpis.sla_attainment,
        recovery_closure_rate=kpis.recovery_closure_rate,
        post_recovery_satisfaction=kpis.post_recovery_satisfaction,
        overdue_open=kpis.overdue_open,
        first_contact_resolution=kpis.first_contact_resolution,
    )
