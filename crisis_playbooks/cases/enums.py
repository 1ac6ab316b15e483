"""Case status and origin (a case's severity is core.enums.Severity)."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from core.enums import LabelChoice, Severity


class CaseStatus(StrEnum):
    """Life of a case: new → acknowledged → responding → recovering → resolved → closed."""

    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    RESPONDING = "responding"
    RECOVERING = "recovering"
    RESOLVED = "resolved"
    CLOSED = "closed"

    @property
    def label_zh(self) -> str:
        """Chinese label for the UI."""
        return STATUS_LABELS_ZH[self]

    @property
    def is_open(self) -> bool:
        """True until the case is resolved or closed."""
        return self not in {CaseStatus.RESOLVED, CaseStatus.CLOSED}


STATUS_LABELS_ZH: dict[CaseStatus, str] = {
    CaseStatus.NEW: "新建",
    CaseStatus.ACKNOWLEDGED: "已受理",
    CaseStatus.RESPONDING: "响应中",
    CaseStatus.RECOVERING: "补救中",
    CaseStatus.RESOLVED: "已解决",
    CaseStatus.CLOSED: "已关闭",
}

# --status as a code or the Chinese name the board shows (响应中); 处理中 is what people say.
STATUS_CHOICE = LabelChoice(STATUS_LABELS_ZH, aliases={"处理中": CaseStatus.RESPONDING})


class CaseOrigin(StrEnum):
    """How a case was opened."""

    ALERT = "alert"
    MENTIONS = "mentions"
    MANUAL = "manual"


class _Levelled(Protocol):
    @property
    def status(self) -> str: ...
    @property
    def severity(self) -> str: ...


class CaseLevels:
    """Status and severity as enums, for the ORM case and the board's plain row alike."""

    __slots__ = ()

    @property
    def status_enum(self: _Levelled) -> CaseStatus:
        """The status as an enum."""
        return CaseStatus(self.status)

    @property
    def severity_enum(self: _Levelled) -> Severity:
        """The severity as an enum."""
        return Severity(self.severity)
