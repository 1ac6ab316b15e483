"""How the report names the cases handling an alert group: number, status, owner and where
their SLA clocks stood at the end of the period, e.g.
案件 #1（已受理，负责人 张经理，首次响应截止 12-03 13:36）,
案件 #2（已关闭，负责人 李娜，SLA 达标）."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from crisis_playbooks.cases.enums import STATUS_LABELS_ZH, CaseStatus
from crisis_playbooks.cases.models import Case, CaseAlert
from crisis_playbooks.sla.clocks import SlaClock, SlaPolicy, read_clocks
from crisis_playbooks.sla.enums import ClockState
from crisis_playbooks.sla.models import SlaPause


@dataclass(frozen=True)
class SlaView:
    """The SLA policy, the moment the clocks are read at (the period's end, or now while it
    runs) and the zone their deadlines are written in."""

    policy: SlaPolicy
    now: datetime
    tz: tzinfo


def cases_of(
    session: Session, alert_ids: list[int], sla: SlaView | None = None
) -> dict[int, tuple[str, ...]]:
    """Alert id → the label of each case linked to it, oldest case first."""
    if not alert_ids:
        return {}
    statement = (
        select(CaseAlert.alert_id, Case)
        .join(Case, Case.id == CaseAlert.case_id)
        .where(CaseAlert.alert_id.in_(alert_ids))
        .order_by(Case.id)
    )
    rows = session.execute(statement).all()
    pauses: dict[int, list[SlaPause]] = {}
    if sla is not None and rows:
        ids = {case.id for _, case in rows}
        for pause in session.scalars(select(SlaPause).where(SlaPause.case_id.in_(ids))):
            pauses.setdefault(pause.case_id, []).append(pause)
    found: dict[int, tuple[str, ...]] = {}
    for alert_id, case in rows:
        label = case_label(case, pauses.get(case.id, []), sla)
        found[alert_id] = (*found.get(alert_id, ()), label)
    return found


def case_label(case: Case, pauses: Sequence[SlaPause], sla: SlaView | None) -> str:
    """案件 #N（状态，负责人 …[，SLA]）."""
    status = STATUS_LABELS_ZH.get(CaseStatus(case.status), case.status)
    parts = [status, f"负责人 {case.owner}" if case.owner else "未指派负责人"]
    if sla is not None:
        parts.append(sla_zh(read_clocks(case, pauses, sla.policy, sla.now), sla.tz))
    return f"案件 #{case.id}（{'，'.join(parts)}）"


def sla_zh(clocks: Sequence[SlaClock], tz: tzinfo) -> str:
    """Breached clocks, then the deadline of the first clock still running; SLA 达标 when both
    stopped in time."""
    said = [f"{c.kind.label_zh}已超时" for c in clocks if c.state == ClockState.BREACHED]
    running = next(
        (c for c in clocks if c.stopped_at is None and c.state != ClockState.BREACHED), None
    )
    if running is not None and running.state == ClockState.PAUSED:
        said.append("等待客户，SLA 暂停")
    elif running is not None and running.due_at is not None:
        due = f"{running.due_at.astimezone(tz):%m-%d %H:%M}"
        soon = "（即将超时）" if running.state == ClockState.WARNING else ""
        said.append(f"{running.kind.label_zh}截止 {due}{soon}")
    return "，".join(said) or "SLA 达标"
