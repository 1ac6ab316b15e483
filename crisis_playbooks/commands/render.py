"""Rich output of the case detail (the board's: crisis_playbooks.commands.board_render)."""

from __future__ import annotations

from collections.abc import Mapping
from zoneinfo import ZoneInfo

from rich.table import Table

from core.escaping import console_text
from crisis_playbooks.audit.enums import EVENT_LABELS_ZH, EventKind
from crisis_playbooks.audit.sentences import sentence, stored_text, value_text
from crisis_playbooks.commands.board_render import clock_text
from crisis_playbooks.commands.common import console, local
from crisis_playbooks.overview import CaseDetail
from crisis_playbooks.recovery.models import RECOVERY_LABELS_ZH
from crisis_playbooks.tasks.enums import OwnerRole, TaskStatus


def print_detail(
    detail: CaseDetail, tz: ZoneInfo, playbook_names: Mapping[str, str] | None = None
) -> None:
    """Header, SLA clocks, playbooks, checklist, recovery record and timeline of one case;
    `playbook_names` (id → name) names the proposed playbook."""
    case = detail.card.case
    console.print(f"[bold]案件 #{case.id} {console_text(case.title)}[/bold]")
    console.print(
        f"状态 {case.status_enum.label_zh} · 级别 {case.severity_enum.label_zh} · "
        f"负责人 {console_text(case.owner or '—')} · 立案 {local(case.opened_at, tz)} · "
        f"等待客户 {'是' if case.waiting_on_customer else '否'}"
    )
    for clock in detail.card.clocks:
        console.print(f"SLA {clock_text(clock, tz)}")
    for run in detail.runs:
        started = f"{console_text(run.started_by)} 于 {local(run.started_at, tz)} 启动"
        console.print(f"已启动预案：{console_text(run.playbook_name)}（{started}）")
    if case.proposed_playbook and not detail.runs:
        named = (playbook_names or {}).get(case.proposed_playbook, case.proposed_playbook)
        console.print(f"建议预案：{console_text(named)}")
    checklist = Table("任务#", "步骤", "角色", "截止", "状态", "说明")
    for task in detail.tasks:
        checklist.add_row(
            str(task.id),
            console_text(task.title),
            OwnerRole(task.owner_role).label_zh,
            local(task.due_at, tz),
            TaskStatus(task.status).label_zh,
            console_text(task.note),
            style="red" if task.is_overdue(detail.card.now) else None,
        )
    if detail.tasks:
        console.print(checklist)
    if detail.recovery is not None:
        for field, label in RECOVERY_LABELS_ZH.items():
            value = stored_text(getattr(detail.recovery, field))
            console.print(f"{label}: {console_text(value_text(field, value, tz))}")
    timeline = Table("时间", "事件", "经过")
    for event in detail.timeline:
        timeline.add_row(
            local(event.at, tz),
            EVENT_LABELS_ZH[EventKind(event.kind)],
            console_text(sentence(event, tz)),
        )
    console.print(timeline)
