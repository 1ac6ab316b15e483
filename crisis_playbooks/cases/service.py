"""Case data access: short keyword-only functions; every change is written to the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import Mention
from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.cases.models import Case, CaseAlert, CaseCreate, CaseMention, CaseUpdate
from crisis_playbooks.errors import CaseNotFound

EXCERPT_CHARS = 280


def get(session: Session, *, case_id: int) -> Case | None:
    """The case with this id, or None."""
    return session.get(Case, case_id)


def get_or_raise(session: Session, *, case_id: int) -> Case:
    """The case with this id; CaseNotFound otherwise."""
    case = get(session, case_id=case_id)
    if case is None:
        raise CaseNotFound(f"案件 #{case_id} 不存在（用 yuqing case list 查看案件）")
    return case


def get_all(
    session: Session, *, statuses: Sequence[CaseStatus] = (), limit: int | None = None
) -> list[Case]:
    """Cases, newest first, optionally only in some statuses."""
    query = select(Case).order_by(Case.opened_at.desc(), Case.id.desc())
    if statuses:
        query = query.where(Case.status.in_([s.value for s in statuses]))
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))


def first_alert_id(session: Session, *, case_id: int) -> int | None:
    """The first alert linked to the case (the one it was opened from), or None."""
    query = select(CaseAlert.alert_id).where(CaseAlert.case_id == case_id)
    return session.scalar(query.order_by(CaseAlert.linked_at, CaseAlert.id).limit(1))


def get_by_alert(session: Session, *, alert_id: int) -> list[Case]:
    """Cases linked to an alert."""
    query = select(Case).join(CaseAlert).where(CaseAlert.alert_id == alert_id)
    return list(session.scalars(query.order_by(Case.id)))


def create(session: Session, *, case_in: CaseCreate, actor: str, now: datetime) -> Case:
    """Insert a new case in status `new` and log its opening."""
    case = Case(
        **case_in.model_dump(mode="json"),
        status=CaseStatus.NEW.value,
        waiting_on_customer=False,
        opened_by=actor,
        opened_at=now,
        updated_at=now,
    )
    session.add(case)
    session.flush()
    audit.create(
        session, case_id=case.id, actor=actor, at=now, kind=EventKind.OPENED, text=case.title
    )
    return case


def update(session: Session, *, case: Case, case_in: CaseUpdate, actor: str, now: datetime) -> Case:
    """Apply the set fields (None clears owner/channel/category); one audit entry per change."""
    audit.apply_changes(
        session,
        target=case,
        changes=case_in.model_dump(exclude_unset=True, mode="json"),
        case_id=case.id,
        actor=actor,
        at=now,
        kind=EventKind.FIELD_CHANGED,
    )
    case.updated_at = now
    session.flush()
    return case


def add_note(session: Session, *, case: Case, text: str, actor: str, now: datetime) -> None:
    """Put a note on the case timeline."""
    audit.create(session, case_id=case.id, actor=actor, at=now, kind=EventKind.NOTE, text=text)
    case.updated_at = now


def link_alert(
    session: Session,
    *,
    case: Case,
    alert_id: int,
    title: str,
    rule_type: str | None,
    actor: str,
    now: datetime,
) -> CaseAlert | None:
    """Link an alert (no-op when already linked)."""
    if any(link.alert_id == alert_id for link in case.alerts):
        return None
    link = CaseAlert(
        alert_id=alert_id, title=title, rule_type=rule_type, linked_at=now, linked_by=actor
    )
    case.alerts.append(link)
    session.flush()
    text = f"预警 #{alert_id} {title}".strip()
    audit.create(
        session, case_id=case.id, actor=actor, at=now, kind=EventKind.ALERT_LINKED, text=text
    )
    return link


def link_mention(
    session: Session, *, case: Case, mention: Mention, actor: str, now: datetime
) -> CaseMention | None:
    """Link a mention with a snapshot of its text (no-op when already linked)."""
    if any(link.mention_id == mention.id for link in case.mentions):
        return None
    link = CaseMention(
        mention_id=mention.id,
        channel=mention.channel.value,
        url=mention.url,
        author=mention.author.name,
        excerpt=mention.full_text[:EXCERPT_CHARS],
        published_at=mention.published_at,
        extra={"source": mention.source},
        linked_at=now,
        linked_by=actor,
    )
    case.mentions.append(link)
    session.flush()
    audit.create(
        session,
        case_id=case.id,
        actor=actor,
        at=now,
        kind=EventKind.MENTION_LINKED,
        after=mention.id,
        text=link.excerpt[:80],
    )
    return link
