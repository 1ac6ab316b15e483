"""Case KPIs for reports: volumes, response/resolution medians, SLA attainment, recovery."""

from __future__ import annotations

import statistics
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.audit.models import CaseEvent
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.cases.models import Case
from crisis_playbooks.recovery.models import RecoveryRecord
from crisis_playbooks.sla.models import SlaPause
from crisis_playbooks.tasks.enums import TaskStatus
from crisis_playbooks.tasks.models import CaseTask

CLOSED_STATUSES = [CaseStatus.RESOLVED.value, CaseStatus.CLOSED.value]


@dataclass(frozen=True)
class CaseKPIs:
    """KPIs of one period; None where there is no data to compute from."""

    cases_opened: int
    cases_closed: int
    first_response_median: timedelta | None
    resolution_median: timedelta | None
    sla_attainment: float | None
    recovery_closure_rate: float | None
    post_recovery_satisfaction: float | None
    overdue_open: int
    # 一次性解决率: resolved cases of the cohort never reopened and never waiting on the customer
    first_contact_resolution: float | None = None


def _median(values: list[timedelta]) -> timedelta | None:
    if not values:
        return None
    return timedelta(seconds=statistics.median(v.total_seconds() for v in values))


def _ratio(hits: int, total: int) -> float | None:
    return hits / total if total else None


def compute_kpis(
    session: Session,
    *,
    start: datetime,
    end: datetime,
    now: datetime | None = None,
    cases: Collection[int] | None = None,
) -> CaseKPIs:
    """KPIs of [start, end): cohort metrics use cases opened in the period.

    Medians are wall-clock durations; SLA attainment counts clocks already decided (met or
    breached); overdue_open counts open cases at `now` (default `end`) with a breached SLA or
    an overdue task. `cases` limits every figure to those case ids (one plan's cases).
    """
    moment = now or end
    only = [Case.id.in_(list(cases))] if cases is not None else []
    opened = list(
        session.scalars(select(Case).where(Case.opened_at >= start, Case.opened_at < end, *only))
    )
    closed = session.scalars(
        select(Case.id).where(Case.closed_at >= start, Case.closed_at < end, *only)
    ).all()
    first = [c.first_response_at - c.opened_at for c in opened if c.first_response_at]
    resolved = [c.resolved_at - c.opened_at for c in opened if c.resolved_at]
    decided = [
        flag
        for c in opened
        for flag in (c.first_response_met, c.resolution_met)
        if flag is not None
    ]
    records = (
        list(
            session.scalars(
                select(RecoveryRecord).where(RecoveryRecord.case_id.in_([c.id for c in opened]))
            )
        )
        if opened
        else []
    )
    scores = [r.satisfaction for r in records if r.satisfaction is not None]
    return CaseKPIs(
        cases_opened=len(opened),
        cases_closed=len(closed),
        first_response_median=_median(first),
        resolution_median=_median(resolved),
        sla_attainment=_ratio(sum(decided), len(decided)),
        recovery_closure_rate=_ratio(sum(r.is_closed_out for r in records), len(records)),
        post_recovery_satisfaction=statistics.fmean(scores) if scores else None,
        overdue_open=_overdue_open(session, moment, cases),
        first_contact_resolution=_first_contact_rate(
            session, [c.id for c in opened if c.resolved_at]
        ),
    )


def _first_contact_rate(session: Session, resolved_ids: list[int]) -> float | None:
    """Share of resolved cases settled in one pass: no reopening, no 待客户回复 round."""
    if not resolved_ids:
        return None
    reopened = set(
        session.scalars(
            select(CaseEvent.case_id).where(
                CaseEvent.case_id.in_(resolved_ids),
                CaseEvent.kind == EventKind.STATUS_CHANGED.value,
                CaseEvent.before.in_(CLOSED_STATUSES),
                CaseEvent.after.not_in(CLOSED_STATUSES),  # reopened, not resolved → closed
            )
        )
    )
    waited = set(
        session.scalars(select(SlaPause.case_id).where(SlaPause.case_id.in_(resolved_ids)))
    )
    return _ratio(len(set(resolved_ids) - reopened - waited), len(resolved_ids))


def _overdue_open(session: Session, now: datetime, cases: Collection[int] | None) -> int:
    """Open cases (of `cases`, when given) with a breached SLA clock or an open task past due."""
    only = [Case.id.in_(list(cases))] if cases is not None else []
    open_cases = select(Case.id).where(Case.status.not_in(CLOSED_STATUSES), *only)
    breached = set(
        session.scalars(
            open_cases.where(
                (Case.first_response_met.is_(False)) | (Case.resolution_met.is_(False))
            )
        )
    )
    late = set(
        session.scalars(
            select(CaseTask.case_id)
            .join(Case, Case.id == CaseTask.case_id)
            .where(
                Case.status.not_in(CLOSED_STATUSES),
                *only,
                CaseTask.status == TaskStatus.OPEN.value,
                CaseTask.due_at < now,
            )
        )
    )
    return len(breached | late)
