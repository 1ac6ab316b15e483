"""Named errors of cases and playbooks; messages are bilingual and say what to fix."""

from __future__ import annotations

from core.errors import YuqingError


class CaseError(YuqingError):
    """A case operation was refused."""


class CaseNotFound(CaseError):
    """No case, task or alert with the given id."""


class IllegalTransition(CaseError):
    """The requested status change is not allowed from the current status."""

    def __init__(self, case_id: int, current: str, target: str, allowed: list[str]) -> None:
        self.case_id, self.current, self.target, self.allowed = case_id, current, target, allowed
        options = "、".join(allowed) or "无"
        super().__init__(
            f"案件 #{case_id} 不能从「{current}」变更为「{target}」(可选: {options}) / "
            f"case #{case_id}: illegal transition {current} → {target} "
            f"(allowed: {', '.join(allowed) or 'none'})"
        )


class PlaybookError(YuqingError):
    """A playbook file is malformed; the message names the file and the key."""


class PlaybookNotFound(PlaybookError):
    """No playbook with the given id."""
