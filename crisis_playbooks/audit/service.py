"""Write and read audit entries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.audit.models import CaseEvent


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    return str(getattr(value, "value", value))


def create(
    session: Session,
    *,
    case_id: int,
    actor: str,
    at: datetime,
    kind: EventKind,
    field: str | None = None,
    before: object = None,
    after: object = None,
    text: str = "",
) -> CaseEvent:
    """Append one audit entry (flushed, not committed)."""
    event = CaseEvent(
        case_id=case_id,
        actor=actor,
        at=at,
        kind=kind.value,
        field=field,
        before=_text(before),
        after=_text(after),
        text=text,
    )
    session.add(event)
    session.flush()
    return event


def get_all(session: Session, *, case_id: int, kinds: Sequence[EventKind] = ()) -> list[CaseEvent]:
    """The case's entries, oldest first, optionally of some kinds only."""
    query = select(CaseEvent).where(CaseEvent.case_id == case_id)
    if kinds:
        query = query.where(CaseEvent.kind.in_([k.value for k in kinds]))
    return list(session.scalars(query.order_by(CaseEvent.at, CaseEvent.id)))
