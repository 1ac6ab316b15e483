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
        options = "、".join(_status(s) for s in allowed) or "无"
        super().__init__(
            f"案件 #{case_id} 不能从「{_status(current)}」变更为「{_status(target)}」"
            f"（可选：{options}）"
        )


def _status(value: str) -> str:
    """'新建 new': the Chinese label and the value the command line takes."""
    return f"{CaseStatus(value).label_zh} {value}"


class PlaybookError(YuqingError):
    """A playbook file is malformed; the message names the file and the key."""


class PlaybookNotFound(PlaybookError):
    """No playbook with the given id."""
