"""Alerting enumerations: alert status, delivery status, lifecycle events (Severity is core's)."""

from __future__ import annotations

from enum import StrEnum

AUTO_RESOLVER = "auto"  # resolved_by of an alert the rules' resolve_after timer ended


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
    HELD = "held"  # the rule's quiet hours: sent in one digest when they end
    DIGESTED = "digested"  # went out inside a digest after quiet hours


class DelayMode(StrEnum):
    """A window rule's `delay` when it is not a duration."""

    AUTO = "auto"  # the sources' current 90th-percentile collection lag (alerting.auto_delay)


class SpikeBaseline(StrEnum):
    """What a spike rule compares its window with."""

    SEASONAL = "seasonal"  # the usual count at this time of day / weekday (medians)
    SAME_HOUR_LAST_WEEK = "same_hour_last_week"  # the same window exactly a week ago


class Weekday(StrEnum):
    """A day of the week, as rule files name it (mon … sun, or 周一 … 周日)."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


WEEKDAY_ZH: dict[Weekday, str] = dict(
    zip(Weekday, ("周一", "周二", "周三", "周四", "周五", "周六", "周日"), strict=True)
)


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

DELIVERY_STATUS_ZH: dict[DeliveryStatus, str] = {
    DeliveryStatus.PENDING: "待发送",
    DeliveryStatus.SENDING: "发送中",
    DeliveryStatus.SENT: "已送达",
    DeliveryStatus.FAILED: "失败待重试",
    DeliveryStatus.DEFERRED: "限流延后",
    DeliveryStatus.GAVE_UP: "多次失败已放弃",
    DeliveryStatus.HELD: "免打扰中",
    DeliveryStatus.DIGESTED: "已并入免打扰汇总",
}
