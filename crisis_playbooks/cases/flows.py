"""Case flows: open from an alert, mentions or by hand; change status; pause for the customer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session

from core.enums import Category, Severity
from core.index.protocol import MentionIndex, SearchQuery
from core.models import Mention
from core.timeutil import as_utc
from crisis_playbooks.audit import service as audit
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.cases import service, transitions
from crisis_playbooks.cases.enums import CaseOrigin, CaseStatus
from crisis_playbooks.cases.models import Case, CaseCreate, CaseUpdate
from crisis_playbooks.cases.origin import origin_id
from crisis_playbooks.errors import CaseNotFound
from crisis_playbooks.playbook import service as playbooks
from crisis_playbooks.playbook.render import fill_later
from crisis_playbooks.playbook.service import Library, Situation
from crisis_playbooks.sla import service as sla
from crisis_playbooks.sla.clocks import SlaPolicy, read_clock
from crisis_playbooks.sla.enums import ClockKind, ClockState
from crisis_playbooks.tasks import flows as task_flows
from crisis_playbooks.tasks import service as tasks
from crisis_playbooks.tasks.enums import TaskStatus
from crisis_playbooks.tasks.models import CaseTask

INCIDENT_LINKER = "系统（同一预警组）"
TITLE_FOLLOWER = "系统（预警更名）"
FORCED_SKIP = "未完成即结案，原因："


class AlertLike(Protocol):
    """The alert fields a case needs (alerting.models.Alert has them)."""

    id: int
    rule_type: str
    severity: Any
    title: str
    summary: str
    sample_mention_ids: list[str]


def _fetch(index: MentionIndex | None, ids: Sequence[str]) -> list[Mention]:
    if index is None or not ids:
        return []
    return index.search(SearchQuery(ids=list(ids), limit=len(ids))).mentions


def _evidence(session: Session, index: MentionIndex | None, ids: Sequence[str]) -> list[Mention]:
    """An alert's samples as a case links them: one per text (five people posting the same
    words are one piece of evidence), after the post its crisis began with when that is
    another (the 当事人 the playbook's private message and 回访 address, and the 原帖 to check)."""
    from alerting.rules.window_match import distinct_ids

    found = _fetch(index, ids)
    if not found:
        return []
    kept = set(distinct_ids(found, len(found)))
    mentions = [m for m in found if m.id in kept]
    first = origin_id(session, [m.id for m in found], min(m.published_at for m in found))
    if first is not None and first not in kept:
        mentions = [*_fetch(index, [first]), *mentions]
    elif first is not None:
        mentions.sort(key=lambda m: m.id != first)
    return mentions


def _key_categories(alert: AlertLike) -> frozenset[str]:
    """Categories named in an alert's dedup key (e.g. 'plan:food_safety_health')."""
    parts = str(getattr(alert, "key", "") or "").split(":")
    return frozenset(p for p in parts if p in Category._value2member_map_)


def _common(values: list[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


def open_case(
    session: Session,
    *,
    case_in: CaseCreate,
    actor: str,
    now: datetime,
    mentions: Sequence[Mention] = (),
) -> Case:
    """Create a case and link the given mentions."""
    case = service.create(session, case_in=case_in, actor=actor, now=now)
    for mention in mentions:
        service.link_mention(session, case=case, mention=mention, actor=actor, now=now)
    return case


def open_from_alert(
    session: Session,
    *,
    alert: AlertLike,
    brand: str,
    library: Library,
    index: MentionIndex | None,
    actor: str,
    now: datetime,
) -> Case:
    """Open a case for an alert (or return the open case already linked) and propose a playbook."""
    for existing in service.get_by_alert(session, alert_id=alert.id):
        if existing.status_enum.is_open:
            return existing
    mentions = _evidence(session, index, alert.sample_mention_ids or [])
    severity = Severity(alert.severity)
    categories = playbooks.categories_of(m.category for m in mentions) | _key_categories(alert)
    text = "\n".join([alert.title, alert.summary, *(m.full_text for m in mentions)])
    situation = Situation(severity, alert.rule_type, categories, text)
    proposals = playbooks.propose(library, situation=situation)
    case_in = CaseCreate(
        title=alert.title[:300],
        summary=alert.summary,
        brand=brand,
        channel=_common([m.channel.value for m in mentions]),
        category=_common([m.category.value if m.category else None for m in mentions]),
        severity=severity,
        origin=CaseOrigin.ALERT,
        proposed_playbook=proposals[0].id if proposals else None,
    )
    case = open_case(session, case_in=case_in, actor=actor, now=now, mentions=mentions)
    _link(session, case, alert, actor, now)
    return case


def _link(session: Session, case: Case, alert: AlertLike, actor: str, now: datetime) -> bool:
    """Link one alert to the case; False when it already was."""
    link = service.link_alert(
        session,
        case=case,
        alert_id=alert.id,
        title=alert.title,
        rule_type=alert.rule_type,
        actor=actor,
        now=now,
    )
    return link is not None


def open_from_alert_id(
    session: Session,
    *,
    alert_id: int,
    brand: str,
    library: Library,
    index: MentionIndex | None,
    actor: str,
    now: datetime,
) -> Case:
    """Open a case for a stored alert (alerting.models.Alert), with its whole incident.

    The other alerts of the alert's incident are linked too; when one of them already has
    an open case, that case is the incident's case and this alert joins it.
    """
    from alerting import incident_members, incidents
    from alerting.models import Alert

    alert = session.get(Alert, alert_id)
    if alert is None:
        raise CaseNotFound(f"预警 #{alert_id} 不存在")
    siblings = incident_members.siblings(session, alert)
    case = next(
        (
            c
            for sibling in siblings
            for c in service.get_by_alert(session, alert_id=sibling.id)
            if c.status_enum.is_open
        ),
        None,
    )
    if case is None:
        # Named and graded by the group's most severe alert, whichever one was clicked: a case
        # opened from a leak's 严重 event-growth alert was 严重 on a business-hours clock while
        # its group's 高危舆情 alert was 紧急.
        lead = max(siblings, key=lambda a: (Severity(a.severity).rank, a.id == alert.id))
        case = open_from_alert(
            session, alert=lead, brand=brand, library=library, index=index, actor=actor, now=now
        )
    for sibling in siblings:
        _link(session, case, sibling, actor, now)
    # Opening the case is taking the alert up: its group stops escalating (a case opened at
    # 00:32 was still to be escalated to 班长 as 无人确认 at 01:01) and leaves 待处理.
    incidents.acknowledge(session, alert, actor, as_utc(now))
    return case


def link_incident_alerts(session: Session, *, now: datetime) -> int:
    """Link alerts that joined an incident after its case was opened; returns how many."""
    from alerting import incident_members
    from alerting.models import Alert

    linked = 0
    for case in service.get_all(session, statuses=[s for s in CaseStatus if s.is_open]):
        known = {link.alert_id for link in case.alerts}
        incident_ids = {
            a.incident_id
            for alert_id in known
            if (a := session.get(Alert, alert_id)) is not None and a.incident_id is not None
        }
        for incident_id in sorted(incident_ids):
            for alert in incident_members.members(session, incident_id):
                if alert.id not in known and _link(session, case, alert, INCIDENT_LINKER, now):
                    known.add(alert.id)
                    linked += 1
    return linked


def follow_alert_titles(session: Session, *, now: datetime) -> int:
    """An open case still titled as one of its alerts was when it was linked takes that alert's
    new name (高危舆情：隐私/欺诈 → 高危舆情：快递信息泄露遭冒充客服理赔诈骗, once its event is
    named); a title someone edited stays. Returns how many cases were renamed."""
    from alerting.models import Alert

    renamed = 0
    for case in service.get_all(session, statuses=[s for s in CaseStatus if s.is_open]):
        for link in case.alerts:
            alert = session.get(Alert, link.alert_id)
            if alert is None or not alert.title or alert.title == link.title:
                continue
            if case.title == link.title:
                update = CaseUpdate(title=alert.title[:300])
                service.update(session, case=case, case_in=update, actor=TITLE_FOLLOWER, now=now)
                renamed += 1
            link.title = alert.title[:300]
    return renamed


def open_from_mentions(
    session: Session,
    *,
    mentions: Sequence[Mention],
    brand: str,
    library: Library,
    actor: str,
    now: datetime,
    title: str | None = None,
) -> Case:
    """Open a case for one or more mentions; severity follows the most urgent one."""
    levels = [m.urgency.level for m in mentions if m.urgency]
    severity = Severity.highest(levels) or Severity.MEDIUM
    text = "\n".join(m.full_text for m in mentions)
    situation = Situation(
        severity, None, playbooks.categories_of(m.category for m in mentions), text
    )
    proposals = playbooks.propose(library, situation=situation)
    first = mentions[0] if mentions else None
    # A post with a title names the case by it; the text (one line) is the summary.
    body = " ".join(first.text.split()) if first else ""
    heading = " ".join(first.title.split()) if first and first.title else body[:60]
    case_in = CaseCreate(
        title=(title or heading or "手工立案")[:300],
        summary=body[:500],
        brand=brand,
        channel=_common([m.channel.value for m in mentions]),
        category=_common([m.category.value if m.category else None for m in mentions]),
        severity=severity,
        origin=CaseOrigin.MENTIONS,
        proposed_playbook=proposals[0].id if proposals else None,
    )
    return open_case(session, case_in=case_in, actor=actor, now=now, mentions=mentions)


def _stamp_met(
    session: Session, case: Case, kind: ClockKind, policy: SlaPolicy, now: datetime
) -> None:
    clock = read_clock(case, sla.get_pauses(session, case_id=case.id), kind, policy, now)
    setattr(case, f"{kind.value}_met", clock.state == ClockState.MET)


def transition(
    session: Session,
    *,
    case: Case,
    to: CaseStatus,
    actor: str,
    now: datetime,
    policy: SlaPolicy,
    note: str = "",
    force: bool = False,
) -> Case:
    """Move the case to `to` (IllegalTransition otherwise), stamping SLA times on the way.

    Resolving or closing with open checklist steps is refused (OpenSteps) unless `force`,
    which needs a `note`: the open steps are then skipped with that note as the reason.
    """
    current = case.status_enum
    if current == to:
        return case
    transitions.check(case.id, current, to)
    still_open = [t for t in tasks.get_all(session, case_id=case.id) if t.status == TaskStatus.OPEN]
    steps = [(t.id, t.title) for t in still_open]
    transitions.check_open_steps(case.id, to, steps, force=force, note=note)
    for task in still_open if not to.is_open else []:
        skip_open_step(session, task=task, actor=actor, now=now, reason=note.strip())
    if transitions.is_reopen(current, to):
        case.resolved_at = case.closed_at = None
        if case.resolution_met:
            case.resolution_met = None
    if to == CaseStatus.ACKNOWLEDGED:
        case.acknowledged_at = case.acknowledged_at or now
    if to == CaseStatus.RESPONDING and case.first_response_at is None:
        case.first_response_at = now
        _stamp_met(session, case, ClockKind.FIRST_RESPONSE, policy, now)
    if to == CaseStatus.RESOLVED:
        if case.waiting_on_customer:
            set_waiting(session, case=case, waiting=False, actor=actor, now=now)
        case.resolved_at = now
        _stamp_met(session, case, ClockKind.RESOLUTION, policy, now)
    if to == CaseStatus.CLOSED:
        case.closed_at = now
    case.status = to.value
    case.updated_at = now
    audit.create(
        session,
        case_id=case.id,
        actor=actor,
        at=now,
        kind=EventKind.STATUS_CHANGED,
        field="status",
        before=current.value,
        after=to.value,
        text=note,
    )
    return case


def skip_open_step(
    session: Session, *, task: CaseTask, actor: str, now: datetime, reason: str
) -> None:
    """Skip a step left open by a forced resolve/close, with the forcing reason."""
    note = f"{FORCED_SKIP}{reason}"
    task_flows.set_status(
        session, task=task, status=TaskStatus.SKIPPED, actor=actor, now=now, note=note
    )


def set_waiting(session: Session, *, case: Case, waiting: bool, actor: str, now: datetime) -> Case:
    """Pause (or resume) the SLA clocks while waiting for the customer."""
    if case.waiting_on_customer == waiting:
        return case
    service.update(
        session, case=case, case_in=CaseUpdate(waiting_on_customer=waiting), actor=actor, now=now
    )
    if waiting:
        sla.pause(session, case_id=case.id, now=now)
    else:
        sla.resume(session, case_id=case.id, now=now)
    return case


def update_case(
    session: Session, *, case: Case, case_in: CaseUpdate, actor: str, now: datetime
) -> Case:
    """Apply field changes; the waiting flag also pauses or resumes the SLA clocks."""
    waiting = case_in.waiting_on_customer
    fields = case_in.model_dump(exclude_unset=True, exclude={"waiting_on_customer"})
    service.update(session, case=case, case_in=CaseUpdate(**fields), actor=actor, now=now)
    if case.owner and fields.get("owner"):
        fill_owner(session, case_id=case.id, owner=case.owner)
    if waiting is not None:
        set_waiting(session, case=case, waiting=waiting, actor=actor, now=now)
    return case


def fill_owner(session: Session, *, case_id: int, owner: str) -> None:
    """Open steps whose texts were rendered before the case had an owner (〔待补充：负责人〕)
    name the owner now; done and skipped steps stay as they were written."""
    for task in tasks.get_all(session, case_id=case_id):
        if task.status == TaskStatus.OPEN:
            task.instructions = fill_later(task.instructions, "owner", owner)
            task.templates = {k: fill_later(t, "owner", owner) for k, t in task.templates.items()}
