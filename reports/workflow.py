"""Alerts and case KPIs from the workflow store, read lazily: absent modules mean "无数据"."""

from __future__ import annotations

import importlib
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from reports.models import AlertRow, AlertsSection, KpiSection

log = logging.getLogger(__name__)
MAX_ALERTS = 200


def _optional(module: str) -> Any | None:
    try:
        return importlib.import_module(module)
    except ImportError:
        log.info("reports: %s is not available; its section says 无数据", module)
        return None


def _aware(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; the workflow store writes UTC.
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _text(value: Any) -> str:
    return "" if value is None else str(getattr(value, "value", value))


def load_alerts(sessions: sessionmaker[Session], start: datetime, end: datetime) -> AlertsSection:
    """Alerts opened in [start, end) plus older ones still unresolved at the end."""
    module = _optional("alerting.models")
    alert = getattr(module, "Alert", None) if module else None
    if alert is None:
        return AlertsSection(available=False)
    # The alert store keeps UTC; SQLite would compare local wall-clock strings otherwise.
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    opened_in = (alert.opened_at >= start) & (alert.opened_at < end)
    still_open = (alert.opened_at < start) & (
        alert.resolved_at.is_(None) | (alert.resolved_at >= start)
    )
    statement = (
        select(alert).where(or_(opened_in, still_open)).order_by(alert.opened_at).limit(MAX_ALERTS)
    )
    try:
        with sessions() as session:
            records = list(session.scalars(statement))
            cases = _cases_of(session, [r.id for r in records])
    except SQLAlchemyError as exc:
        log.warning("reports: cannot read alerts (%s); the section says 无数据", _reason(exc))
        return AlertsSection(available=False)
    return AlertsSection(available=True, rows=[_alert_row(r, cases.get(r.id, ())) for r in records])


def _cases_of(session: Session, alert_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """Alert id → "案件 #N（状态）" of the cases linked to it (none without the case domain)."""
    models = _optional("crisis_playbooks.cases.models")
    enums = _optional("crisis_playbooks.cases.enums")
    if models is None or enums is None or not alert_ids:
        return {}
    case, link = models.Case, models.CaseAlert
    statement = (
        select(link.alert_id, case.id, case.status)
        .join(case, case.id == link.case_id)
        .where(link.alert_id.in_(alert_ids))
        .order_by(case.id)
    )
    try:
        rows = session.execute(statement).all()
    except SQLAlchemyError as exc:
        log.info("reports: cases not readable (%s); alerts are shown without them", _reason(exc))
        session.rollback()
        return {}
    found: dict[int, tuple[str, ...]] = {}
    for alert_id, case_id, status in rows:
        label = enums.STATUS_LABELS_ZH.get(enums.CaseStatus(status), status)
        found[alert_id] = (*found.get(alert_id, ()), f"案件 #{case_id}（{label}）")
    return found


def _reason(exc: SQLAlchemyError) -> str:
    return str(getattr(exc, "orig", None) or exc).splitlines()[0]


def _labels() -> tuple[dict[str, str], dict[str, str]]:
    enums = _optional("alerting.enums")
    severity = getattr(enums, "SEVERITY_LABELS_ZH", {}) if enums else {}
    status = getattr(enums, "ALERT_STATUS_ZH", {}) if enums else {}
    return {str(k): v for k, v in severity.items()}, {str(k): v for k, v in status.items()}


def _alert_row(record: Any, cases: tuple[str, ...] = ()) -> AlertRow:
    resolved = _aware(getattr(record, "resolved_at", None))
    severity_zh, status_zh = _labels()
    severity = _text(getattr(record, "severity", ""))
    status = _text(getattr(record, "status", ""))
    return AlertRow(
        opened_at=_aware(record.opened_at) or datetime.now(UTC),
        severity=severity,
        rule=_text(getattr(record, "rule", "")),
        title=_text(getattr(record, "title", "")) or _text(getattr(record, "summary", "")),
        status=status,
        severity_label=severity_zh.get(severity, severity),
        status_label=status_zh.get(status, status),
        count=getattr(record, "count", None),
        acknowledged_at=_aware(getattr(record, "acknowledged_at", None)),
        resolved_at=resolved,
        incident_id=getattr(record, "incident_id", None),
        false_alarm=bool(getattr(record, "false_alarm", False)),
        cases=cases,
    )


def load_kpis(
    sessions: sessionmaker[Session], start: datetime, end: datetime, now: datetime
) -> KpiSection:
    """Case KPIs of [start, end) from crisis_playbooks.kpis.compute_kpis, when it exists."""
    module = _optional("crisis_playbooks.kpis")
    compute = getattr(module, "compute_kpis", None) if module else None
    if compute is None:
        return KpiSection(available=False)
    try:
        with sessions() as session:
            kpis = compute(session, start=start, end=end, now=now)
    except SQLAlchemyError as exc:
        log.warning("reports: cannot compute case KPIs (%s); the section says 无数据", _reason(exc))
        return KpiSection(available=False)
    return KpiSection(
        available=True,
        cases_opened=getattr(kpis, "cases_opened", None),
        cases_closed=getattr(kpis, "cases_closed", None),
        first_response_median=_duration(getattr(kpis, "first_response_median", None)),
        resolution_median=_duration(getattr(kpis, "resolution_median", None)),
        sla_attainment=_number(getattr(kpis, "sla_attainment", None)),
        recovery_closure_rate=_number(getattr(kpis, "recovery_closure_rate", None)),
        post_recovery_satisfaction=_number(getattr(kpis, "post_recovery_satisfaction", None)),
        overdue_open=getattr(kpis, "overdue_open", None),
        first_contact_resolution=_number(getattr(kpis, "first_contact_resolution", None)),
    )


def _duration(value: Any) -> timedelta | None:
    if value is None or isinstance(value, timedelta):
        return value
    if isinstance(value, int | float):
        return timedelta(seconds=float(value))
    return None


def _number(value: Any) -> float | None:
    return None if value is None else float(value)
