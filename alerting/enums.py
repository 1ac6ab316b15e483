"""Alerting enumerations: alert status, severity, delivery status, lifecycle events."""

from __future__ import annotations

from enum import StrEnum


class AlertStatus(StrEnum):
    """Lifecycle of an alert: open → acknowledged → resolved."""

    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


class Severity(StrEnum):
    """How bad an alert is; ordered info < warning < high < critical."""

    INFO = "info"
    WARNING = "warning"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """Position in the order info=0 … critical=3."""
        return list(Severity).index(self)


class DeliveryStatus(StrEnum):
    """What happened to one notification on one channel."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    DEFERRED = "deferred"
    GAVE_UP = "gave_up"


class AlertEvent(StrEnum):
    """What a rule finding did to the alert store."""

    OPENED = "opened"
    UPDATED = "updated"
    REALERTED = "realerted"
    REOPENED = "reopened"
    ESCALATED = "escalated"
    RESOLVED = "resolved"


SEVERITY_LABELS_ZH: dict[Severity, str] = {
    Severity.INFO: "提示",
    Severity.WARNING: "预警",
    Severity.HIGH: "严重",
    Severity.CRITICAL: "紧急",
}

ALERT_STATUS_ZH: dict[AlertStatus, str] = {
    AlertStatus.OPEN: "待处理",
    AlertStatus.ACKNOWLEDGED: "已确认",
    AlertStatus.RESOLVED: "已解决",
}
