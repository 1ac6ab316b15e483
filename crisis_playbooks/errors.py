"""Named errors of cases and playbooks; messages are in Chinese and say what to fix."""

from __future__ import annotations

from core.errors import YuqingError
from crisis_playbooks.cases.enums import CaseStatus


class CaseError(YuqingError):
    """A case operation was refused."""


class CaseNotFound(CaseError):
    """No case, task or alert with the given id."""


class IllegalTransition(CaseError):
    """The requested status change is not allowed from the current status."""

    def __init__(self, case_id: int, current: str, target: str, allowed: list[str]) -> None:
        self.case_id, self.current, self.target, self.allowed = case_id, current, target, allowed
        options = "、".join(f"「{_status(s)}」" for s in allowed)
        super().__init__(
            f"案件 #{case_id} 不能从「{_status(current)}」直接变更为「{_status(target)}」："
            + (f"当前状态下只能变更为{options}" if options else "当前状态不能再变更")
        )


class OpenSteps(CaseError):
    """Resolving or closing a case whose checklist still has open steps, without forcing it."""

    def __init__(self, case_id: int, target: str, steps: list[tuple[int, str]]) -> None:
        self.case_id, self.target, self.steps = case_id, target, steps
        self.summary = (
            f"案件 #{case_id} 还有 {len(steps)} 个步骤未完成（{steps_zh(steps)}），"
            f"不能设为「{CaseStatus(target).label_zh}」"
        )
        super().__init__(f"{self.summary}：请逐一完成或跳过（写明原因），或确认强制变更并写明原因")


def steps_zh(steps: list[tuple[int, str]], shown: int = 2) -> str:
    """'「核实事实、保全证据」、「内部通报」…': the first steps' titles, … when there are more."""
    names = "、".join(f"「{title}」" for _, title in steps[:shown])
    return names + ("…" if len(steps) > shown else "")


def _status(value: str) -> str:
    """The Chinese name of a status (the command line takes it as well as the code)."""
    return CaseStatus(value).label_zh


class PlaybookError(YuqingError):
    """A playbook file is malformed; the message names the file and the key."""


class PlaybookNotFound(PlaybookError):
    """No playbook with the given id."""
