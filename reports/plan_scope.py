"""Which cases belong to one monitoring plan (监测方案), for a report made with `--plan` (or
`reports.plan`, `reports.per_plan`); its alerts are alerting.plan_scope's.

Cases carry no plan, so a case is the plan's when it handles one of the plan's alerts, or one
of the mentions attached to it is the plan's. A case with neither (opened by hand, nothing
attached) belongs to no plan: it is counted only in the report of all plans.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from alerting.plan_scope import alerts_of_plan, mentions_of_plan
from core.index.protocol import MentionIndex

if TYPE_CHECKING:
    from core.context import Context
    from reports.period import ReportWindow
    from reports.workflow_rows import AlertsSection

log = logging.getLogger(__name__)


def cases_of_plan(
    session: Session,
    index: MentionIndex,
    plan: str,
    start: datetime,
    end: datetime,
    also: Collection[int] = (),
) -> set[int]:
    """The plan's cases among those opened before `end` and not closed before `start`, plus
    the cases handling the alerts `also` (ids)."""
    from alerting.models import Alert
    from crisis_playbooks.cases.models import Case, CaseAlert, CaseMention

    start, end = start.astimezone(UTC), end.astimezone(UTC)
    linked = set(
        session.scalars(select(CaseAlert.case_id).where(CaseAlert.alert_id.in_(list(also))))
        if also
        else ()
    )
    live = (Case.closed_at.is_(None)) | (Case.closed_at >= start) | (Case.id.in_(list(linked)))
    case_ids = list(session.scalars(select(Case.id).where(Case.opened_at < end, or_(live))))
    if not case_ids:
        return set()
    handled = list(
        session.execute(
            select(CaseAlert.case_id, CaseAlert.alert_id).where(CaseAlert.case_id.in_(case_ids))
        )
    )
    alerts = list(
        session.scalars(select(Alert).where(Alert.id.in_({a for _, a in handled})))
        if handled
        else ()
    )
    planned = alerts_of_plan(index, plan, alerts)
    keep = {case for case, alert in handled if alert in planned}
    attached = list(
        session.execute(
            select(CaseMention.case_id, CaseMention.mention_id).where(
                CaseMention.case_id.in_(case_ids)
            )
        )
    )
    ours = mentions_of_plan(index, plan, (m for _, m in attached))
    keep.update(case for case, mention in attached if mention in ours)
    return keep


def plan_cases(
    ctx: Context, plans: Sequence[str], window: ReportWindow, alerts: AlertsSection
) -> set[int] | None:
    """The cases of the report's period of one of these plans; None when the case store cannot
    be read (the case sections then say 无数据 on their own)."""
    handled = [a.alert_id for a in alerts.rows if a.alert_id is not None]
    start, end = window.start, window.end
    try:
        with ctx.sessions() as session:
            found: set[int] = set()
            for plan in plans:
                found |= cases_of_plan(session, ctx.index, plan, start, end, handled)
            return found
    except SQLAlchemyError as exc:
        log.info("报告：无法按监测方案筛选案件（%s）", str(exc).splitlines()[0])
        return None
