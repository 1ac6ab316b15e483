"""Task status, the overdue rule and owner roles."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from core.enums import LabelChoice


class TaskStatus(StrEnum):
    """A task is open until done or skipped (both need a note for the record)."""

    OPEN = "open"
    DONE = "done"
    SKIPPED = "skipped"

    @property
    def label_zh(self) -> str:
        """Chinese label for the UI."""
        return {"open": "待办", "done": "已完成", "skipped": "已跳过"}[self.value]


# --status of `case task`: a code, the checklist's name, or the verb (完成 / 跳过 / 重新打开).
TASK_STATUS_CHOICE = LabelChoice(
    {status: status.label_zh for status in TaskStatus},
    aliases={"完成": TaskStatus.DONE, "跳过": TaskStatus.SKIPPED, "重新打开": TaskStatus.OPEN},
)


def is_overdue(status: str, due_at: datetime | None, now: datetime) -> bool:
    """Open and past its due time (a task row of the ORM or of the case board)."""
    return status == TaskStatus.OPEN and due_at is not None and due_at < now


class OwnerRole(StrEnum):
    """Who owns a step: the escalation tiers of DOMAIN.md plus specialist functions."""

    FIRST_LINE = "first_line"
    TEAM_LEAD = "team_lead"
    SPECIALIST = "specialist"
    SERVICE_LEAD = "service_lead"
    PR = "pr"
    MANAGEMENT = "management"
    LEGAL = "legal"
    QUALITY = "quality"
    SECURITY = "security"

    @property
    def label_zh(self) -> str:
        """Chinese label for the UI."""
        return ROLE_LABELS_ZH[self]


ROLE_LABELS_ZH: dict[OwnerRole, str] = {
    OwnerRole.FIRST_LINE: "一线客服",
    OwnerRole.TEAM_LEAD: "班长",
    OwnerRole.SPECIALIST: "二线专员",
    OwnerRole.SERVICE_LEAD: "客服主管",
    OwnerRole.PR: "公关/舆情专员",
    OwnerRole.MANAGEMENT: "管理层",
    OwnerRole.LEGAL: "法务",
    OwnerRole.QUALITY: "品控/质量",
    OwnerRole.SECURITY: "信息安全",
}
