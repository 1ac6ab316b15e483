"""Recovery record data access; every changed field is audited."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.recovery.models import RecoveryRecord, RecoveryUpdate


def get(session: Session, *, case_id: int) -> RecoveryRecord | None:
    """The case's recovery record, if started."""
    query = select(RecoveryRecord).where(RecoveryRecord.case_id == case_id)
    return session.scalars(query).first()


def update(
    session: Session, *, case_id: int, recovery_in: RecoveryUpdate, actor: str, now: datetime
) -> RecoveryRecord:
    """Create the record on first use and apply the set fields.

    Fields left unset are unchanged; an explicit None clears a nullable field (the dashboard
    form unticks 已主动联系客户 / 已回访 or goes back to 未定 / 未评 that way).
    """
    record = get(session, case_id=case_id)
    if record is None:
        record = RecoveryRecord(case_id=case_id, updated_at=now)
        session.add(record)
        session.flush()
    audit.apply_changes(
        session,
        target=record,
        changes=recovery_in.model_dump(exclude_unset=True),
        case_id=case_id,
        actor=actor,
        at=now,
        kind=EventKind.RECOVERY_CHANGED,
    )
    record.updated_at = now
    session.flush()
    return record
