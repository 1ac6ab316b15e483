"""Case cards of the board: SLA clocks and task counts at a moment, grouped by status.

One computation for both readers: the board's plain rows (crisis_playbooks.board: `yuqing
case list`, the dashboard) and the ORM case of the case page (crisis_playbooks.overview).
Both fit `BoardCase`, `ClockPause` and `BoardTask`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from core.enums import Severity
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.sla.clocks import ClockedCase, ClockPause, SlaClock, SlaPolicy, read_clocks
from crisis_playbooks.sla.enums import ClockState
from crisis_playbooks.tasks.enums import TaskStatus


class BoardCase(ClockedCase, Protocol):
    """What a card shows of a case, besides its clock times."""

    @property
    def id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def owner(self) -> str | None: ...
    @property
    def status_enum(self) -> CaseStatus: ...
    @property
    def severity_enum(self) -> Severity: ...


class BoardTask(Protocol):
    """What a card counts of a task."""

    @property
    def status(self) -> str: ...

    def is_overdue(self, now: datetime) -> bool:
        """Open and past its due time."""
        ...


# The case a card holds: an ORM `Case` or a board `CaseRow`. The class takes any type (mypy
# cannot check an ORM class against a protocol bound inside a type annotation); the functions
# that build and sort cards require a `BoardCase`.
T = TypeVar("T")
C = TypeVar("C", bound=BoardCase)


@dataclass
class CaseCard(Generic[T]):
    """One case on the board: its clocks and task counts at `now`, and the verdicts on them."""

    case: T
    now: datetime
    clocks: list[SlaClock]
    tasks_open: int
    tasks_skipped: int  # closed without being done: not to be counted as done
    tasks_total: int
    tasks_overdue: int
    overdue: bool  # an open case with a breached clock or a task past due
    warning: bool  # a clock is close to its target

    @property
    def tasks_zh(self) -> str:
        """「完成 1 · 跳过 1 / 9」 (a skipped step is closed but not done), 尚无任务 before any."""
        if not self.tasks_total:
            return "尚无任务"
        done = self.tasks_total - self.tasks_open - self.tasks_skipped
        skipped = f" · 跳过 {self.tasks_skipped}" if self.tasks_skipped else ""
        return f"完成 {done}{skipped} / {self.tasks_total}"


def make_card(
    case: C,
    pauses: Sequence[ClockPause],
    tasks: Sequence[BoardTask],
    policy: SlaPolicy,
    now: datetime,
) -> CaseCard[C]:
    """The card of one case from its pauses and tasks."""
    clocks = read_clocks(case, pauses, policy, now)
    late = sum(1 for t in tasks if t.is_overdue(now))
    breached = any(c.state == ClockState.BREACHED for c in clocks)
    return CaseCard(
        case=case,
        now=now,
        clocks=clocks,
        tasks_open=sum(1 for t in tasks if t.status == TaskStatus.OPEN),
        tasks_skipped=sum(1 for t in tasks if t.status == TaskStatus.SKIPPED),
        tasks_total=len(tasks),
        tasks_overdue=late,
        overdue=case.status_enum.is_open and (breached or late > 0),
        warning=any(c.state == ClockState.WARNING for c in clocks),
    )


def group_cards(cards: Iterable[CaseCard[C]]) -> dict[CaseStatus, list[CaseCard[C]]]:
    """Cards by status (every status present, possibly empty), overdue first, then warnings,
    then the most severe; otherwise in the order given."""
    grouped: dict[CaseStatus, list[CaseCard[C]]] = {s: [] for s in CaseStatus}
    for card in cards:
        grouped[card.case.status_enum].append(card)
    for group in grouped.values():
        group.sort(key=lambda c: (not c.overdue, not c.warning, -c.case.severity_enum.rank))
    return grouped
