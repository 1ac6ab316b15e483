"""Kinds of audit/timeline entries."""

from __future__ import annotations

from enum import StrEnum


class EventKind(StrEnum):
    """What happened to a case."""

    OPENED = "opened"
    FIELD_CHANGED = "field_changed"
    STATUS_CHANGED = "status_changed"
    NOTE = "note"
    ALERT_LINKED = "alert_linked"
    MENTION_LINKED = "mention_linked"
    PLAYBOOK_STARTED = "playbook_started"
    TASK_CHANGED = "task_changed"
    RECOVERY_CHANGED = "recovery_changed"
    SLA_NOTICE = "sla_notice"
    TASK_OVERDUE = "task_overdue"


EVENT_LABELS_ZH: dict[EventKind, str] = {
    EventKind.OPENED: "立案",
    EventKind.FIELD_CHANGED: "字段变更",
    EventKind.STATUS_CHANGED: "状态变更",
    EventKind.NOTE: "备注",
    EventKind.ALERT_LINKED: "关联预警",
    EventKind.MENTION_LINKED: "关联舆情",
    EventKind.PLAYBOOK_STARTED: "启动预案",
    EventKind.TASK_CHANGED: "任务更新",
    EventKind.RECOVERY_CHANGED: "服务补救记录",
    EventKind.SLA_NOTICE: "SLA 提醒",
    EventKind.TASK_OVERDUE: "任务逾期",
}
