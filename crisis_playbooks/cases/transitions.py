"""The case status machine: which status may follow which."""

from __future__ import annotations

from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.errors import CaseError, IllegalTransition, OpenSteps

ALLOWED: dict[CaseStatus, tuple[CaseStatus, ...]] = {
    CaseStatus.NEW: (CaseStatus.ACKNOWLEDGED,),
    CaseStatus.ACKNOWLEDGED: (CaseStatus.RESPONDING,),
    CaseStatus.RESPONDING: (CaseStatus.RECOVERING, CaseStatus.RESOLVED),
    CaseStatus.RECOVERING: (CaseStatus.RESPONDING, CaseStatus.RESOLVED),
    CaseStatus.RESOLVED: (CaseStatus.CLOSED, CaseStatus.RESPONDING),
    CaseStatus.CLOSED: (CaseStatus.RESPONDING,),
}

REOPEN_FROM = frozenset({CaseStatus.RESOLVED, CaseStatus.CLOSED})


def allowed_next(current: CaseStatus) -> tuple[CaseStatus, ...]:
    """Statuses reachable in one step from `current`."""
    return ALLOWED[current]


def check(case_id: int, current: CaseStatus, target: CaseStatus) -> None:
    """Raise IllegalTransition unless current → target is allowed."""
    if target not in ALLOWED[current]:
        allowed = [s.value for s in ALLOWED[current]]
        raise IllegalTransition(case_id, current.value, target.value, allowed)


def is_reopen(current: CaseStatus, target: CaseStatus) -> bool:
    """Leaving resolved/closed back to work is a reopen."""
    return current in REOPEN_FROM and target.is_open


def check_open_steps(
    case_id: int, target: CaseStatus, open_steps: list[tuple[int, str]], *, force: bool, note: str
) -> None:
    """Resolving or closing needs every checklist step done or skipped, or a forced change
    with a reason (the open steps are then skipped with that reason)."""
    if target.is_open or not open_steps:
        return
    if not force:
        raise OpenSteps(case_id, target.value, open_steps)
    if not note.strip():
        raise CaseError(f"案件 #{case_id} 还有 {len(open_steps)} 个步骤未完成：强制变更须写明原因")
