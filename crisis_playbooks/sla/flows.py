"""SLA checks: stamp breaches, warn at the configured share, escalate on breach — once each."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from alerting.notifiers import Notification
from core.enums import Severity
from core.escaping import chat_text
from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.cases import service as cases
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.cases.models import Case
from crisis_playbooks.notices import NoticeSender, case_link
from crisis_playbooks.sla import service
from crisis_playbooks.sla.clocks import SlaClock, SlaPolicy, read_clocks
from crisis_playbooks.sla.enums import ClockKind, ClockState, ClockThreshold

OPEN_STATUSES = [s for s in CaseStatus if s.is_open]


def _level(clock: SlaClock) -> ClockThreshold | None:
    if clock.stopped_at is not None:
        return None
    if clock.state == ClockState.BREACHED:
        return ClockThreshold.BREACH
    if clock.state == ClockState.WARNING:
        return ClockThreshold.WARNING
    return None


def _notice(
    case: Case,
    clock: SlaClock,
    level: ClockThreshold,
    policy: SlaPolicy,
    tz: ZoneInfo,
    public_url: str,
) -> Notification:
    config = policy.config
    owner = chat_text(case.owner or "（未指派）")
    title_zh = chat_text(case.title)  # an alert's title, which can quote a post (event titles)
    due = clock.due_at.astimezone(tz).strftime("%m-%d %H:%M") if clock.due_at else "—"
    if level == ClockThreshold.BREACH:
        title = f"【SLA 超时】案件 #{case.id}「{title_zh}」{clock.kind.label_zh}已超时"
        targets = config.targets_for(case.owner, escalate=True)
        escalate = "\n\n已升级至主管/公关，请立即介入。"
        severity = Severity.CRITICAL if case.severity_enum == Severity.CRITICAL else Severity.HIGH
    else:
        title = f"【SLA 预警】案件 #{case.id}「{title_zh}」{clock.kind.label_zh}即将超时"
        targets = config.targets_for(case.owner, escalate=False)
        escalate = ""
        severity = Severity.MEDIUM
    body = (
        f"**负责人**：{owner}\n\n**严重程度**：{case.severity_enum.label_zh}\n\n"
        f"**{clock.kind.label_zh}时限**：{clock.target_zh}（{policy.counted_zh(case.severity_enum)}；"
        f"已用 {clock.consumed:.0%}，截止 {due}）"
        f"{escalate}"
    )
    return Notification(title, body, severity, case_link(public_url, case.id), targets)


def check_case(
    session: Session,
    *,
    case: Case,
    policy: SlaPolicy,
    now: datetime,
    send: NoticeSender,
    public_url: str,
) -> list[tuple[ClockKind, ClockThreshold]]:
    """Read both clocks, stamp breaches and send each warning/breach notice at most once."""
    sent: list[tuple[ClockKind, ClockThreshold]] = []
    pauses = service.get_pauses(session, case_id=case.id)
    for clock in read_clocks(case, pauses, policy, now):
        level = _level(clock)
        if level is None:
            continue
        if level == ClockThreshold.BREACH:
            setattr(case, f"{clock.kind.value}_met", False)
        if service.was_sent(session, case_id=case.id, clock=clock.kind, level=level):
            continue
        service.create_notice(session, case_id=case.id, clock=clock.kind, level=level, now=now)
        send(_notice(case, clock, level, policy, policy.calendar.tz, public_url))
        audit.create(
            session,
            case_id=case.id,
            actor="system",
            at=now,
            kind=EventKind.SLA_NOTICE,
            field=clock.kind.value,
            after=level.value,
            text=f"{clock.kind.label_zh} {level.value}",
        )
        sent.append((clock.kind, level))
    return sent


def check_all(
    session: Session, *, policy: SlaPolicy, now: datetime, send: NoticeSender, public_url: str
) -> dict[int, list[tuple[ClockKind, ClockThreshold]]]:
    """Check every open case; returns the notices sent per case id."""
    result = {}
    for case in cases.get_all(session, statuses=OPEN_STATUSES):
        sent = check_case(
            session, case=case, policy=policy, now=now, send=send, public_url=public_url
        )
        if sent:
            result[case.id] = sent
    session.flush()
    return result
