"""The report's 处置进展 for executives: for each crisis of the period, what was done
(已采取的措施) and what is waiting on a decision (待决定事项), as it stood at the period's end
(now while it runs).

A crisis is a case handling one of the period's alert groups, or a case of severity 严重 or
紧急 opened in the period or still open in it; the most severe five are shown.

* 已采取的措施: the case opened, playbooks started, steps done or skipped (with the reason),
  status changes (受理, 响应中, 已解决 …) — each with its time and who did it; the latest six.
* 待决定事项: playbook steps owned by 管理层 still open (the executive's own decisions, e.g.
  评估是否召开新闻发布会), other steps past their deadline, SLA clocks already breached, a
  case waiting for the customer (its SLA paused), one without an owner, a proposed playbook
  not started; then how many steps are still running on time and which is due next.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo

from sqlalchemy import or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from brand_events.statements import opening, own_posts
from core.deflection import deflection_zh
from core.enums import Severity
from core.index.protocol import MentionIndex
from core.own_accounts import OwnAccounts
from core.timeutil import interval_zh
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.audit.models import CaseEvent
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.cases.event_links import case_event
from crisis_playbooks.cases.models import Case, CaseAlert
from crisis_playbooks.playbook.models import PlaybookRun
from crisis_playbooks.sla.clocks import read_clocks
from crisis_playbooks.sla.enums import ClockState
from crisis_playbooks.sla.models import SlaPause
from crisis_playbooks.tasks.enums import OwnerRole, TaskStatus
from crisis_playbooks.tasks.models import CaseTask
from reports.case_labels import SlaView, case_label
from reports.workflow_rows import AlertsSection

log = logging.getLogger(__name__)
MAX_CRISES = 5
MAX_ACTIONS = 6
_SEVERE = [Severity.HIGH.value, Severity.CRITICAL.value]
_SYSTEM = {"system", "yuqing", ""}


@dataclass(frozen=True)
class Action:
    """One thing done for a crisis, when."""

    at: datetime
    text: str


@dataclass(frozen=True)
class CrisisProgress:
    """One crisis: its name, its case, what was done and what waits on a decision."""

    name: str
    case: str
    done: list[Action] = field(default_factory=list)
    earlier: int = 0  # actions before the latest MAX_ACTIONS, not listed
    pending: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class BrandVoice:
    """Where the brand's own statements are read: the index and its own accounts."""

    index: MentionIndex
    own: OwnAccounts


def load_progress(
    sessions: sessionmaker[Session],
    alerts: AlertsSection,
    start: datetime,
    sla: SlaView,
    playbook_names: Mapping[str, str] | None = None,
    cases: Collection[int] | None = None,
    voice: BrandVoice | None = None,
) -> list[CrisisProgress]:
    """The crises of [start, sla.now) with their actions and open decisions (among `cases`
    only, when given: one plan's); none when the case store is unreadable (the section is
    left out). With `voice`, the brand's own posts in a crisis's event are among its actions
    (官方账号 @… 发文：「…」): a statement is the first thing a brand does in public."""
    names: dict[int | None, str] = {
        a.alert_id: i.name for i in alerts.incidents for a in i.alerts if a.alert_id is not None
    }
    try:
        with sessions() as session:
            ids = [alert_id for alert_id in names if alert_id is not None]
            crises = _crisis_cases(session, ids, start, sla.now, cases)
            return [
                _progress(session, case, names.get(alert_id), sla, playbook_names or {}, voice)
                for case, alert_id in crises
            ]
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        log.info("报告：无法读取案件处置进展（%s），该部分从略", reason)
        return []


def _crisis_cases(
    session: Session,
    alert_ids: list[int],
    start: datetime,
    end: datetime,
    only: Collection[int] | None,
) -> list[tuple[Case, int | None]]:
    """(case, the period's alert it handles) — the most severe, then oldest, first."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    linked: dict[int, int] = {}
    if alert_ids:
        rows = session.execute(
            select(CaseAlert.case_id, CaseAlert.alert_id).where(CaseAlert.alert_id.in_(alert_ids))
        )
        for case_id, alert_id in rows:
            linked.setdefault(case_id, alert_id)
    in_period = (Case.opened_at >= start) | Case.resolved_at.is_(None) | (Case.resolved_at >= start)
    severe = (Case.severity.in_(_SEVERE)) & in_period
    scope = [Case.id.in_(list(only))] if only is not None else []
    found = session.scalars(
        select(Case).where(Case.opened_at < end, or_(Case.id.in_(list(linked)), severe), *scope)
    ).all()
    ordered = sorted(found, key=lambda c: (-Severity(c.severity).rank, c.opened_at, c.id))
    return [(case, linked.get(case.id)) for case in ordered[:MAX_CRISES]]


def _progress(
    session: Session,
    case: Case,
    incident: str | None,
    sla: SlaView,
    names: Mapping[str, str],
    voice: BrandVoice | None,
) -> CrisisProgress:
    tasks = list(
        session.scalars(
            select(CaseTask).where(CaseTask.case_id == case.id).order_by(CaseTask.position)
        )
    )
    runs = list(session.scalars(select(PlaybookRun).where(PlaybookRun.case_id == case.id)))
    pauses = list(session.scalars(select(SlaPause).where(SlaPause.case_id == case.id)))
    moves = session.scalars(
        select(CaseEvent).where(
            CaseEvent.case_id == case.id, CaseEvent.kind == EventKind.STATUS_CHANGED.value
        )
    )
    actions = _actions(case, tasks, runs, sla.now) + _status_moves(list(moves), sla.now)
    actions += _statements(session, case, voice, sla.now) if voice is not None else []
    actions.sort(key=lambda a: a.at)
    shown = actions[-MAX_ACTIONS:]
    return CrisisProgress(
        name=incident or f"「{case.title}」",
        case=case_label(case, pauses, sla),
        done=shown,
        earlier=len(actions) - len(shown),
        pending=_pending(case, tasks, runs, pauses, sla, names),
    )


def _who(name: str | None) -> str:
    return "系统" if (name or "").strip().lower() in _SYSTEM else (name or "—")


def _role(task: CaseTask) -> str:
    try:
        return OwnerRole(task.owner_role).label_zh
    except ValueError:
        return task.owner_role


def _actions(
    case: Case, tasks: Sequence[CaseTask], runs: Sequence[PlaybookRun], now: datetime
) -> list[Action]:
    """What was done by `now`, oldest first."""
    found = [Action(case.opened_at, f"立案（{_who(case.opened_by)}）")]
    found += [
        Action(r.started_at, f"启动预案「{r.playbook_name}」（{_who(r.started_by)}）")
        for r in runs
        if r.started_at < now
    ]
    for task in tasks:
        if task.completed_at is None or task.completed_at >= now:
            continue
        by = f"{_role(task)} {_who(task.completed_by)}"
        if task.status == TaskStatus.SKIPPED:
            reason = f"：{task.note}" if task.note else ""
            found.append(Action(task.completed_at, f"跳过「{task.title}」{reason}（{by}）"))
        elif task.status == TaskStatus.DONE:
            found.append(Action(task.completed_at, f"{task.title}（{by}）"))
    return found


def _statements(session: Session, case: Case, voice: BrandVoice, now: datetime) -> list[Action]:
    """The brand's own posts by `now` in the event of the case (cases.event_links.case_event)."""
    event = case_event(session, case) if voice.own else None
    if event is None:
        return []
    said = [p for p in own_posts(session, voice.index, event.id, voice.own) if p.published_at < now]
    return [
        Action(
            post.published_at,
            f"官方账号 @{post.author.name} 发文：「{opening(post, 40)}」"
            + (f"（{flagged}）" if (flagged := deflection_zh(post.text)) else ""),
        )
        for post in said
    ]


_MOVES_ZH = {CaseStatus.RESOLVED: "案件已解决", CaseStatus.CLOSED: "结案"}


def _status_moves(events: Sequence[CaseEvent], now: datetime) -> list[Action]:
    """Status changes by `now`: 状态改为「已受理」（李娜）, 案件已解决（李娜）."""
    found = []
    for event in events:
        if event.at >= now or event.after not in set(CaseStatus):
            continue
        status = CaseStatus(event.after)
        said = _MOVES_ZH.get(status, f"状态改为「{status.label_zh}」")
        found.append(Action(event.at, f"{said}（{_who(event.actor)}）"))
    return found


def _open_at(task: CaseTask, now: datetime) -> bool:
    """Still to do at `now` (done or skipped only later counts as open then)."""
    if task.status == TaskStatus.OPEN:
        return True
    return task.completed_at is not None and task.completed_at >= now


def _pending(
    case: Case,
    tasks: Sequence[CaseTask],
    runs: Sequence[PlaybookRun],
    pauses: Sequence[SlaPause],
    sla: SlaView,
    names: Mapping[str, str],
) -> list[str]:
    """The decisions and overdue work of a case still open at sla.now."""
    now, tz = sla.now, sla.tz
    settled = [t for t in (case.resolved_at, case.closed_at) if t is not None]
    if settled and min(settled) < now:
        return []
    open_tasks = [t for t in tasks if _open_at(t, now)]
    found: list[str] = []
    for task in open_tasks:
        if task.owner_role == OwnerRole.MANAGEMENT:
            found.append(f"需管理层决定：{task.title}（{_due(task, now, tz)}）")
    late = [
        t
        for t in open_tasks
        if t.owner_role != OwnerRole.MANAGEMENT and t.due_at is not None and t.due_at < now
    ]
    for task in late:
        who = f"{_role(task)}{' ' + task.assignee if task.assignee else ''}"
        found.append(f"逾期未完成：{task.title}（{who}，{_due(task, now, tz)}）")
    clocks = read_clocks(case, pauses, sla.policy, now)
    found += [f"{c.kind.label_zh}已超时（SLA）" for c in clocks if c.state == ClockState.BREACHED]
    waiting = next((p for p in pauses if p.started_at < now and _running(p.ended_at, now)), None)
    if waiting is not None:
        found.append(
            f"等待客户回复，SLA 暂停（自 {waiting.started_at.astimezone(tz):%m-%d %H:%M}）"
        )
    if not case.owner:
        found.append("未指派负责人")
    if case.proposed_playbook and not any(r.started_at < now for r in runs):
        name = names.get(case.proposed_playbook, case.proposed_playbook)
        found.append(f"建议的预案「{name}」尚未启动")
    on_time = [t for t in open_tasks if t not in late and t.owner_role != OwnerRole.MANAGEMENT]
    if on_time:
        found.append(f"另有 {len(on_time)} 个步骤按期进行中{_next_due(on_time, tz)}")
    return found


def _next_due(tasks: Sequence[CaseTask], tz: tzinfo) -> str:
    """，最近截止：溯源调查与第三方检测 12-04 13:36 (nothing when no step has a deadline)."""
    dated = [(t.due_at, t.title) for t in tasks if t.due_at is not None]
    if not dated:
        return ""
    due, title = min(dated)
    return f"，最近截止：{title} {due.astimezone(tz):%m-%d %H:%M}"


def _running(ended: datetime | None, now: datetime) -> bool:
    return ended is None or ended >= now


def _due(task: CaseTask, now: datetime, tz: tzinfo) -> str:
    """截止 12-05 13:36, or 截止 12-03 14:36，已逾期 2 小时."""
    if task.due_at is None:
        return "未设截止时间"
    due = f"截止 {task.due_at.astimezone(tz):%m-%d %H:%M}"
    if task.due_at < now:
        return f"{due}，已逾期 {interval_zh(now - task.due_at, units=2)}"
    return due
