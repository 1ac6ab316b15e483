"""Alerting enumerations: alert status, delivery status, lifecycle events (Severity is core's)."""

from __future__ import annotations

from enum import StrEnum


class AlertStatus(StrEnum):
    """Lifecycle of an alert: open → acknowledged → resolved."""

    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


class DeliveryStatus(StrEnum):
    """What happened to one notification on one channel."""

    PENDING = "pending"
    SENDING = "sending"  # handed to the channel; a crash here is resent with the same key
    SENT = "sent"
    FAILED = "failed"
    DEFERRED = "deferred"
    GAVE_UP = "gave_up"


class SpikeBaseline(StrEnum):
    """What a spike rule compares its window with."""

    SEASONAL = "seasonal"  # the usual count at this time of day / weekday (medians)
    SAME_HOUR_LAST_WEEK = "same_hour_last_week"  # the same window exactly a week ago


class AlertEvent(StrEnum):
    """What a rule finding did to the alert store."""

    OPENED = "opened"
    UPDATED = "updated"
    REALERTED = "realerted"
    REOPENED = "reopened"
    ESCALATED = "escalated"
    RESOLVED = "resolved"
    GROUP_UPDATE = "group_update"  # a new kind of signal joined an active alert group


ALERT_STATUS_ZH: dict[AlertStatus, str] = {
    AlertStatus.OPEN: "待处理",
    AlertStatus.ACKNOWLEDGED: "已确认",
    AlertStatus.RESOLVED: "已解决",
}
