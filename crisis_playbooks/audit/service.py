"""Write and read audit entries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

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


def apply_changes(
    session: Session,
    *,
    target: Any,
    changes: Mapping[str, object],
    case_id: int,
    actor: str,
    at: datetime,
    kind: EventKind,
    field: str | None = None,
    text: str = "",
) -> list[CaseEvent]:
    """Set each field of `changes` that really changes on a row; one audit entry per change.

    One meaning of None for every patch: a field absent from `changes` stays as it is; None
    clears a column that may be empty and is ignored on one that may not (title, severity).
    Enums are stored as their value. `field` overrides the field name written to the log.
    """
    columns = type(target).__table__.c
    events = []
    for name, value in changes.items():
        stored = getattr(value, "value", value)
        before = getattr(target, name)
        if (stored is None and not columns[name].nullable) or before == stored:
            continue
        setattr(target, name, stored)
        events.append(
            create(
                session,
                case_id=case_id,
                actor=actor,
                at=at,
                kind=kind,
                field=field or name,
                before=before,
                after=stored,
                text=text,
            )
        )
    return events


def get_all(session: Session, *, case_id: int, kinds: Sequence[EventKind] = ()) -> list[CaseEvent]:
    """The case's entries, oldest first, optionally of some kinds only."""
    query = select(CaseEvent).where(CaseEvent.case_id == case_id)
    if kinds:
        query = query.where(CaseEvent.kind.in_([k.value for k in kinds]))
    return list(session.scalars(query.order_by(CaseEvent.at, CaseEvent.id)))
