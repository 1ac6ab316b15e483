"""Which alerts and cases belong to one monitoring plan (监测方案), for a report made with
`--plan` (or `reports.plan`).

An alert carries the plans of its rule's filter; an empty list means the rule watched every
plan. Cases carry no plan. So:

* an alert is the plan's when its rule names the plan, or names no plan and one of its sample
  mentions is the plan's;
* a case is the plan's when it handles one of the plan's alerts, or one of the mentions attached
  to it is the plan's. A case with neither (opened by hand, nothing attached) belongs to no
  plan: it is counted only in the report of all plans.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from core.index.protocol import MentionIndex, SearchQuery

if TYPE_CHECKING:
    from core.context import Context
    from reports.period import ReportWindow
    from reports.workflow_rows import AlertsSection

log = logging.getLogger(__name__)

CHUNK = 500


class PlannedAlert(Protocol):
    """What the scope reads of an alert (alerting.models.Alert has it)."""

    @property
    def id(self) -> int: ...
    @property
    def plans(self) -> list[str]: ...
    @property
    def sample_mention_ids(self) -> list[str]: ...


def mentions_of_plan(index: MentionIndex, plan: str, ids: Iterable[str]) -> set[str]:
    """The ids among these whose mention is the plan's (one search per 500 ids)."""
    wanted = sorted(set(ids))
    found: set[str] = set()
    for at in range(0, len(wanted), CHUNK):
        chunk = wanted[at : at + CHUNK]
        result = index.search(SearchQuery(plans=[plan], ids=chunk, limit=len(chunk)))
        found.update(m.id for m in result.mentions)
    return found


def alerts_of_plan(index: MentionIndex, plan: str, alerts: Sequence[PlannedAlert]) -> set[int]:
    """The ids of the plan's alerts among these."""
    keep = {a.id for a in alerts if plan in (a.plans or [])}
    unplanned = [a for a in alerts if not a.plans]
    samples = {m for a in unplanned for m in a.sample_mention_ids or []}
    ours = mentions_of_plan(index, plan, samples)
    keep.update(a.id for a in unplanned if ours.intersection(a.sample_mention_ids or []))
    return keep


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
    ctx: Context, plan: str, window: ReportWindow, alerts: AlertsSection
) -> set[int] | None:
    """The plan's cases of the report's period; None when the case store cannot be read (the
    case sections then say 无数据 on their own)."""
    handled = [a.alert_id for a in alerts.rows if a.alert_id is not None]
    try:
        with ctx.sessions() as session:
            return cases_of_plan(session, ctx.index, plan, window.start, window.end, handled)
    except SQLAlchemyError as exc:
        log.info("报告：无法按监测方案筛选案件（%s）", str(exc).splitlines()[0])
        return None
