"""What needs attention now: open cases and alerts waiting for a case, most severe first.

Plain functions over a session (no Streamlit), shared by 态势, 预警中心 and 案件看板 so the
numbers on every page come from one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alerting import incident_members, unattended
from alerting import service as alerts
from alerting.enums import AlertStatus
from alerting.models import Alert
from alerting.rules import kind_of
from brand_events import links
from core.enums import Severity
from core.timeutil import as_utc, duration_zh
from crisis_playbooks.board import CaseRow, read_board
from crisis_playbooks.cards import CaseCard
from crisis_playbooks.cases import service as cases
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.cases.models import Case, CaseAlert
from crisis_playbooks.playbook import service as playbooks
from crisis_playbooks.sla.clocks import SlaClock, SlaPolicy
from crisis_playbooks.sla.enums import ClockState
from crisis_playbooks.tasks import service as tasks
from crisis_playbooks.tasks.enums import TaskStatus

CRISIS_RANK = Severity.HIGH.rank
# An event begun longer before its group's first alerted post is a long-running topic, not
# this crisis's first post (crisis_start).
STORY_LOOKBACK = timedelta(hours=24)


def pending_alert_count(session: Session) -> int:
    """Alerts nobody has taken up yet (待处理): open, not acknowledged, not resolved."""
    statement = select(func.count()).select_from(Alert).where(Alert.status == AlertStatus.OPEN)
    return int(session.execute(statement).scalar_one())


def case_of(session: Session, alert: Alert) -> Case | None:
    """The open case handling this alert or any alert of its incident (else the newest closed)."""
    group = incident_members.siblings(session, alert) or [alert]
    found = [c for member in group for c in cases.get_by_alert(session, alert_id=member.id)]
    found.sort(key=lambda c: (not c.status_enum.is_open, -c.id))
    return found[0] if found else None


def waiting_alerts(session: Session) -> list[tuple[Alert, int]]:
    """One alert per incident not yet handled by an open case, with how many more it groups.

    The alert shown is the group's headline: a 紧急 high-risk post that joined a 严重 group must
    not be hidden behind the alert that opened it, nor a spreading event behind the brand's
    statement that drew replies.
    """
    return [(headline(group), len(group) - 1) for group in waiting_groups(session)]


def waiting_groups(session: Session) -> list[list[Alert]]:
    """The open alerts of each incident (a lone alert alone) that no open case handles yet."""
    waiting: list[list[Alert]] = []
    seen: set[int] = set()
    pending = alerts.get_all(session, status=[AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED])
    for alert in pending:
        if alert.incident_id in seen:  # None is never added: lone alerts each count
            continue
        if alert.incident_id is not None:
            seen.add(alert.incident_id)
        group = [
            a for a in incident_members.siblings(session, alert) if a.status != AlertStatus.RESOLVED
        ]
        group = group or [alert]
        handled = any(
            c.status_enum.is_open
            for member in group
            for c in cases.get_by_alert(session, alert_id=member.id)
        )
        if not handled:
            lead = next((a for a in group if incident_members.is_lead(session, a)), alert)
            waiting.append([lead, *(a for a in group if a is not lead)])
    return waiting


def headline(group: list[Alert]) -> Alert:
    """The group's most severe alert, of those the one that names the crisis best (an event
    spreading over a high-risk post over a count: Rule.headline); the first (its lead) among
    equals."""
    return max(group, key=lambda a: (Severity(a.severity).rank, kind_of(a).headline))


@dataclass
class AttentionItem:
    """One row of 待处理事项: an open case or an alert that no case handles yet."""

    kind: str  # 案件 / 预警
    rank: int
    level: str
    title: str
    opened_at: datetime
    owner: str
    next_step: str | None
    next_due: datetime | None
    sla: SlaClock | None
    alert_id: int | None = None
    case_id: int | None = None
    # When the crisis began: its alert's first matching post (else when that alert, or the
    # case without one, was opened): the banner and 待处理事项 date and age it alike.
    started_at: datetime | None = None
    # What `start` is, in words for the banner: 首帖 (the alert's first matching post), 预警
    # (the alert, when it names no first post) or 立案 (a case without an alert).
    start_label: str = "立案"
    # A 紧急 group that ended by the rules' timers with nobody taking it up (alerting.unattended):
    # when it ended. It is asked about here, never shown as a running crisis.
    ended_at: datetime | None = None
    # A case on which no playbook runs yet: its next step is starting one (next_step says
    # which), due when its first-response clock is (next_due).
    playbook_started: bool = True

    @property
    def start(self) -> datetime:
        """started_at, or opened_at when unknown."""
        return self.started_at or self.opened_at

    @property
    def is_crisis(self) -> bool:
        """High or critical and still going: the crisis banner shows it."""
        return self.rank >= CRISIS_RANK and self.ended_at is None


def _running_clock(card: CaseCard[CaseRow]) -> SlaClock | None:
    running = [c for c in card.clocks if c.stopped_at is None and c.due_at is not None]
    return min(running, key=lambda c: c.due_at or card.now, default=None)


def _case_item(
    session: Session, card: CaseCard[CaseRow], playbook_names: Mapping[str, str]
) -> AttentionItem:
    case = card.case
    open_tasks = [
        t
        for t in tasks.get_all(session, case_id=case.id)
        if t.status == TaskStatus.OPEN and t.due_at is not None
    ]
    step = min(open_tasks, key=lambda t: t.due_at or card.now, default=None)
    next_step, next_due = (step.title, step.due_at) if step else (None, None)
    started = bool(playbooks.get_runs(session, case_id=case.id))
    if not started:
        # A crisis case opened from an alert runs no playbook until someone starts one: that
        # is its next step, before the first response is due (not 没有限时步骤).
        next_step = start_playbook_words(case, playbook_names)
        clock = _running_clock(card)
        next_due = clock.due_at if clock is not None else None
    alert_id = cases.first_alert_id(session, case_id=case.id)
    alert = session.get(Alert, alert_id) if alert_id is not None else None
    started_at, label = case.opened_at, "立案"
    if alert is not None:
        # Dated as its alert group was before it opened: a case opened from the morning's
        # re-alert of a crisis that began the night before must not restart its clock.
        linked = select(Alert).join(CaseAlert, CaseAlert.alert_id == Alert.id)
        group = list(session.scalars(linked.where(CaseAlert.case_id == case.id)))
        started_at, label = crisis_start(session, group or [alert], alert)
    return AttentionItem(
        kind="案件",
        rank=case.severity_enum.rank,
        level=case.severity_enum.label_zh,
        title=case.title,
        opened_at=case.opened_at,
        owner=case.owner or "未指派",
        next_step=next_step,
        next_due=next_due,
        sla=_running_clock(card),
        alert_id=alert_id,
        case_id=case.id,
        started_at=started_at,
        start_label=label,
        playbook_started=started,
    )


def start_playbook_words(case: CaseRow, playbook_names: Mapping[str, str]) -> str:
    """What to do on a case that runs no playbook yet: start the proposed one (named), or pick."""
    where = f"点「案件 #{case.id}」，在处置清单里"
    if case.proposed_playbook:
        name = playbook_names.get(case.proposed_playbook, case.proposed_playbook)
        return f"启动预案「{name}」：{where}点「启动建议预案」"
    return f"选择并启动预案：{where}选一个预案后点「启动预案」"


def first_post(alert: Alert) -> datetime:
    """When an alert's crisis began: its first matching post, else when it opened."""
    return alert.window_start or alert.opened_at


def start_label(alert: Alert) -> str:
    """What first_post(alert) is: 首帖, or 预警 when the alert names no first post."""
    return "首帖" if alert.window_start is not None else "预警"


def crisis_start(session: Session, group: list[Alert], lead: Alert) -> tuple[datetime, str]:
    """When the group's crisis began, and what that moment is (start_label): the group's
    earliest first post, whichever alert names it, or the first post of the event the headline
    alert's posts belong to when that came earlier, within STORY_LOOKBACK (a telecom outage began
    at 03:31; its first alert's post was at 05:21, and the banner said it had run 1 h 28 min),
    or later (the window of a count is no post)."""
    earliest = min(group, key=lambda a: (a.window_start is None, first_post(a)))
    start, label = as_utc(first_post(earliest)), start_label(earliest)
    event = links.owner(session, list(lead.sample_mention_ids or []))
    if event is not None and start - STORY_LOOKBACK <= as_utc(event.started_at):
        # Earlier, or later: a count's window (the last 70 posts of a negative-ratio rule) began
        # before the crisis' first post did (a school's closure was dated 40 min before it).
        return as_utc(event.started_at), "首帖"
    return start, label


def _alert_item(session: Session, group: list[Alert]) -> AttentionItem:
    alert, more = headline(group), len(group) - 1
    severity = Severity(alert.severity)
    title = alert.title + (f"（同一预警组另有 {more} 条预警）" if more else "")
    status = "待处理" if alert.status == AlertStatus.OPEN else f"已确认（{alert.acknowledged_by}）"
    started_at, label = crisis_start(session, group, alert)
    return AttentionItem(
        kind="预警",
        rank=severity.rank,
        level=severity.label_zh,
        title=title,
        opened_at=min(a.opened_at for a in group),
        owner=status,
        next_step="立案并启动预案",
        next_due=None,
        sla=None,
        alert_id=alert.id,
        started_at=started_at,
        start_label=label,
    )


def _ended_item(session: Session, group: list[Alert]) -> AttentionItem:
    """A 紧急 group nobody took up, ended by the rules' timers: asked about, not running."""
    item = _alert_item(session, group)
    item.title = f"{item.title}，无人确认、未立案，已由规则到时自动解除"
    item.owner = "无人处理"
    item.next_step = "核实是否已处置"
    item.ended_at = max(a.resolved_at for a in group if a.resolved_at is not None)
    return item


def attention(
    session: Session,
    *,
    policy: SlaPolicy,
    now: datetime,
    playbook_names: Mapping[str, str] | None = None,
) -> list[AttentionItem]:
    """Open cases and unhandled alerts, most severe and then oldest first; then the 紧急 groups
    of the last two days that ended with nobody taking them up. `playbook_names` (id → name)
    names the playbook a case without one should start."""
    open_statuses: list[CaseStatus] = [s for s in CaseStatus if s.is_open]
    grouped = read_board(session, policy=policy, now=now, statuses=open_statuses)
    names = playbook_names or {}
    items = [_case_item(session, card, names) for cards in grouped.values() for card in cards]
    items += [_alert_item(session, group) for group in waiting_groups(session)]
    items.sort(key=lambda i: (-i.rank, i.opened_at))
    cased = set(session.scalars(select(CaseAlert.alert_id)))
    ended = unattended.recent(session, now, cased)
    return items + [_ended_item(session, group) for group in ended]


def countdown(due: datetime | None, now: datetime) -> str:
    """'还剩 1 小时 20 分' or '已逾期 35 分' (or '—')."""
    if due is None:
        return "—"
    left = due - now
    words = duration_zh(abs(left))
    return f"还剩 {words}" if left >= timedelta() else f"已逾期 {words}"


def next_step_words(item: AttentionItem, now: datetime) -> tuple[str, str]:
    """(what the next step tile shows, which step and what to do): the countdown of the case's
    next playbook step, or, before a case is opened, that opening one is the first step."""
    if item.case_id is None:
        where = f"：点「预警 #{item.alert_id}」，再点「立案」" if item.alert_id is not None else ""
        if item.ended_at is not None:
            return "待核实", (
                f"核实危机是否已处置{where}留档（复盘、服务补救），或点「已知悉」"
                if where
                else "核实危机是否已处置"
            )
        return "尚未立案", f"立案并启动预案{where}"
    if not item.playbook_started:
        what = item.next_step or "启动预案"
        if item.next_due is None:
            return "尚未启动预案", what
        return countdown(item.next_due, now), f"{what}（首次响应时限）"
    if item.next_due is None:
        return "没有限时步骤", "预案中没有待办的限时步骤，点下方案件查看进展"
    return countdown(item.next_due, now), item.next_step or ""


def sla_text(clock: SlaClock | None, now: datetime) -> str:
    """The running SLA clock as time left or overdue, with its name."""
    if clock is None:
        return "—"
    if clock.state == ClockState.PAUSED:
        return f"{clock.kind.label_zh} 已暂停"
    return f"{clock.kind.label_zh} {countdown(clock.due_at, now)}"
