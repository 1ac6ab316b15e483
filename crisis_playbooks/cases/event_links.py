"""Cases and events, both ways: the cases of an event (cases linked to any of the event's
alerts), and the event of a case (the one rule the case page and the report both read)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from brand_events import links
from brand_events.links import Linked
from crisis_playbooks.cases.models import Case, CaseAlert

if TYPE_CHECKING:
    from brand_events.models import Event


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


def case_mention_ids(session: Session, case: Case) -> list[str]:
    """The mentions a case is about: its linked mentions, then its alerts' sample mentions."""
    from alerting.models import Alert

    linked = [m.mention_id for m in case.mentions]
    alert_ids = [a.alert_id for a in case.alerts]
    if not alert_ids:
        return linked
    samples = session.scalars(select(Alert.sample_mention_ids).where(Alert.id.in_(alert_ids)))
    return linked + [i for ids in samples for i in ids or []]


def case_event(session: Session, case: Case) -> Event | None:
    """The event a case is about: where the case's mentions (case_mention_ids) belong under
    brand_events.links' rule (most of them, ties to the earliest-started event), or None."""
    ids = case_mention_ids(session, case)
    return links.owner(session, ids) if ids else None
