"""Case status, severity and origin."""

from __future__ import annotations

from enum import StrEnum


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


class CaseSeverity(StrEnum):
    """How serious a case is; ordered low < medium < high < critical."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """Position in the order low=0 … critical=3."""
        return list(CaseSeverity).index(self)

    @property
    def label_zh(self) -> str:
        """Chinese label for the UI."""
        return SEVERITY_LABELS_ZH[self]

    @classmethod
    def coerce(cls, value: object) -> CaseSeverity:
        """Map an alert or urgency severity (enum or text, e.g. 'warning') onto a case severity."""
        text = str(getattr(value, "value", value)).lower()
        aliases = {"info": "low", "warning": "medium", "warn": "medium", "error": "high"}
        text = aliases.get(text, text)
        return cls(text) if text in cls._value2member_map_ else cls.MEDIUM


SEVERITY_LABELS_ZH: dict[CaseSeverity, str] = {
    CaseSeverity.LOW: "低",
    CaseSeverity.MEDIUM: "中",
    CaseSeverity.HIGH: "高",
    CaseSeverity.CRITICAL: "紧急",
}


class CaseOrigin(StrEnum):
    """How a case was opened."""

    ALERT = "alert"
    MENTIONS = "mentions"
    MANUAL = "manual"
