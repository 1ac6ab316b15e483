"""Audit entries as Chinese sentences ("张主管 将挽回等级设为 普通客户"), times in local time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from core.enums import CATEGORY_LABELS_ZH, CHANNEL_LABELS_ZH, Category, Channel, Severity
from crisis_playbooks.audit.enums import EventKind
from crisis_playbooks.audit.models import CaseEvent
from crisis_playbooks.cases.enums import CaseStatus
from crisis_playbooks.recovery.enums import WinBackTier
from crisis_playbooks.recovery.models import RECOVERY_LABELS_ZH
from crisis_playbooks.sla.enums import ClockKind
from crisis_playbooks.tasks.enums import TaskStatus

CASE_FIELD_LABELS_ZH: dict[str, str] = {
    "title": "标题",
    "summary": "摘要",
    "severity": "严重程度",
    "owner": "负责人",
    "channel": "渠道",
    "category": "投诉类别",
    "waiting_on_customer": "等待客户回复",
    "status": "状态",
}
NOTICE_LEVELS_ZH = {"warning": "即将超时提醒", "breach": "超时提醒"}
BOOLEANS_ZH = {"True": "是", "False": "否", "true": "是", "false": "否"}


def _tier(value: str) -> str:
    return WinBackTier(value).label_zh.split("：")[0]


def _in(labels: dict[str, str]) -> Callable[[str], str]:
    return lambda value: labels.get(value, value)


VALUE_LABELS: dict[str, Callable[[str], str]] = {
    "status": lambda v: CaseStatus(v).label_zh,
    "severity": lambda v: Severity(v).label_zh,
    "win_back_tier": _tier,
    "channel": _in({c.value: CHANNEL_LABELS_ZH[c] for c in Channel}),
    "category": _in({c.value: CATEGORY_LABELS_ZH[c] for c in Category}),
}
SATISFACTION = "satisfaction"


def field_label(field: str) -> str:
    """The Chinese name of a case, recovery or task field."""
    if field.startswith("task#"):
        return f"步骤 {field}"
    if field == SATISFACTION:
        return "补救后满意度"
    return CASE_FIELD_LABELS_ZH.get(field) or RECOVERY_LABELS_ZH.get(field, field)


def value_text(field: str | None, value: str | None, tz: ZoneInfo) -> str:
    """A stored before/after value as a reader says it: 是/否, local time, Chinese labels."""
    if value is None or value == "":
        return "—"
    if value in BOOLEANS_ZH:
        return BOOLEANS_ZH[value]
    if field in VALUE_LABELS:
        try:
            return VALUE_LABELS[field](value)
        except ValueError:
            return value
    if field == SATISFACTION:
        return f"{value} 分"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if "T" not in value and " " not in value:
        return date.fromisoformat(value).strftime("%Y-%m-%d")
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def stored_text(value: object) -> str | None:
    """A field value the way the audit log stores it (enum value, ISO time, str)."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(getattr(value, "value", value))


def _change(event: CaseEvent, tz: ZoneInfo) -> str:
    label = field_label(event.field or "")
    before = value_text(event.field, event.before, tz)
    after = value_text(event.field, event.after, tz)
    if event.after in (None, ""):
        return f"{event.actor} 清除了{label}（原为 {before}）"
    if event.before in (None, ""):
        return f"{event.actor} 将{label}设为 {after}"
    return f"{event.actor} 将{label}从 {before} 改为 {after}"


def _with_note(sentence: str, note: str) -> str:
    return f"{sentence}：{note}" if note else sentence


def sentence(event: CaseEvent, tz: ZoneInfo) -> str:
    """One audit entry as a Chinese sentence naming who did what."""
    kind, who = EventKind(event.kind), event.actor
    if kind == EventKind.OPENED:
        return _with_note(f"{who} 立案", event.text)
    if kind == EventKind.NOTE:
        return _with_note(f"{who} 添加备注", event.text)
    if kind == EventKind.STATUS_CHANGED:
        return _with_note(_change(event, tz), event.text)
    if kind in {EventKind.FIELD_CHANGED, EventKind.RECOVERY_CHANGED}:
        return _change(event, tz)
    if kind == EventKind.ALERT_LINKED:
        return _with_note(f"{who} 关联了", event.text)
    if kind == EventKind.MENTION_LINKED:
        return _with_note(f"{who} 关联了一条舆情", event.text)
    if kind == EventKind.PLAYBOOK_STARTED:
        return f"{who} 启动预案「{event.text}」"
    if kind == EventKind.TASK_CHANGED:
        after = event.after or ""
        known = after in TaskStatus.__members__.values()
        status = TaskStatus(after).label_zh if known else value_text(None, after, tz)
        title, _, note = event.text.partition("：")
        return _with_note(f"{who} 将步骤「{title}」标为 {status}", note)
    if kind == EventKind.TASK_OVERDUE:
        return f"系统提醒：步骤「{event.text}」已逾期"
    if kind == EventKind.SLA_NOTICE:
        clock = ClockKind(event.field).label_zh if event.field else "SLA"
        return f"系统发出 SLA {clock}{NOTICE_LEVELS_ZH.get(event.after or '', '提醒')}"
    return _with_note(who, event.text)
