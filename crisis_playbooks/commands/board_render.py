"""Rich output of the case board (`yuqing case list`): light imports, no ORM."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from zoneinfo import ZoneInfo

from rich.table import Table

from core.escaping import console_text
from crisis_playbooks.cards import C, CaseCard
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.commands.common import console, local
from crisis_playbooks.sla.clocks import SlaClock


def clock_text(clock: SlaClock, tz: ZoneInfo) -> str:
    """'首次响应 已超时 (130%)' style summary of one clock."""
    due = f" 截止 {local(clock.due_at, tz)}" if clock.stopped_at is None and clock.due_at else ""
    return f"{clock.kind.label_zh} {clock.state.label_zh} ({clock.consumed:.0%}){due}"


def print_board(grouped: Mapping[CaseStatus, Sequence[CaseCard[C]]], tz: ZoneInfo) -> None:
    """Cases per status; overdue rows in red, warnings in yellow (没有案件。 when there are none,
    as `alerts list` says 没有预警。)."""
    if not any(grouped.values()):
        console.print("没有案件。")
        return
    table = Table("#", "状态", "级别", "负责人", "标题", "SLA", "任务", "逾期")
    for status, cards in grouped.items():
        for card in cards:
            case = card.case
            style = "bold red" if card.overdue else ("yellow" if card.warning else None)
            table.add_row(
                str(case.id),
                status.label_zh,
                case.severity_enum.label_zh,
                console_text(case.owner or "—"),
                console_text(case.title),
                "；".join(clock_text(c, tz) for c in card.clocks),
                card.tasks_zh,
                "逾期" if card.overdue else "",
                style=style,
            )
    console.print(table)
