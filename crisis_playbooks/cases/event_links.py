"""The cases of an event: cases linked to any of the event's alerts."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from brand_events.links import Linked
from crisis_playbooks.cases.models import Case, CaseAlert


def cases_of_event(session: Session, member_ids: set[str], found: dict[str, Linked]) -> Linked:
    """One row per case (id, title, status) linked to the alerts found before ("alerts")."""
    alert_ids = [int(str(row["id"])) for row in found.get("alerts", [])]
    if not alert_ids:
        return []
    rows = session.execute(
        select(Case.id, Case.title, Case.status)
        .join(CaseAlert, CaseAlert.case_id == Case.id)
        .where(CaseAlert.alert_id.in_(alert_ids))
        .distinct()
    )
    return [{"id": i, "title": t, "status": str(s)} for i, t, s in rows]
