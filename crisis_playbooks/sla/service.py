"""SLA pauses and sent notices: data access."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from crisis_playbooks.sla.enums import ClockKind, ClockThreshold
from crisis_playbooks.sla.models import SlaNotice, SlaPause


def get_pauses(session: Session, *, case_id: int) -> list[SlaPause]:
    """The case's pauses, oldest first."""
    query = select(SlaPause).where(SlaPause.case_id == case_id).order_by(SlaPause.started_at)
    return list(session.scalars(query))


def pause(session: Session, *, case_id: int, now: datetime) -> None:
    """Start a pause unless one is running."""
    if any(p.ended_at is None for p in get_pauses(session, case_id=case_id)):
        return
    session.add(SlaPause(case_id=case_id, started_at=now))
    session.flush()


def resume(session: Session, *, case_id: int, now: datetime) -> None:
    """End the running pause, if any."""
    for running in get_pauses(session, case_id=case_id):
        if running.ended_at is None:
            running.ended_at = now
    session.flush()


def was_sent(session: Session, *, case_id: int, clock: ClockKind, level: ClockThreshold) -> bool:
    """True when this notice went out before."""
    query = select(SlaNotice.id).where(
        SlaNotice.case_id == case_id, SlaNotice.clock == clock.value, SlaNotice.level == level.value
    )
    return session.scalar(query) is not None


def create_notice(
    session: Session, *, case_id: int, clock: ClockKind, level: ClockThreshold, now: datetime
) -> SlaNotice:
    """Record that a notice went out."""
    notice = SlaNotice(case_id=case_id, clock=clock.value, level=level.value, sent_at=now)
    session.add(notice)
    session.flush()
    return notice
