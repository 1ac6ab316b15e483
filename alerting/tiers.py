"""Which escalation tier an alert has reached and who hears next, as the deployment configured it.

`escalation_level` counts steps of `alerting.escalation`, not the four DOMAIN tiers: a deployment
whose steps are 班长 → 主管/公关 is at 班长 on level 0. Without steps there is no tier at all (every
message goes to the rule's or every notifier, once), and saying 一线 would invent one.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from alerting.config import ESCALATION_TIER_ZH, EscalationStep
from alerting.enums import AlertStatus
from alerting.incidents import escalation_clock
from alerting.models import Alert
from core.timeutil import interval_zh


def step_at(steps: list[EscalationStep], level: int) -> EscalationStep | None:
    """The configured step of this escalation level (the last one beyond it), None without steps."""
    if not steps:
        return None
    return steps[min(max(level, 0), len(steps) - 1)]


def tier_note_zh(steps: list[EscalationStep], alert: Alert, now: datetime) -> str:
    """当前层级 班长，未确认满 30 分钟 将升级至 主管/公关 (or 未配置逐级升级)."""
    current = step_at(steps, alert.escalation_level or 0)
    if current is None:
        return "未配置逐级升级（alerting.escalation）"
    note = f"当前层级 {ESCALATION_TIER_ZH[current.tier]}"
    following = (alert.escalation_level or 0) + 1
    if following >= len(steps):
        return note + ("（最高层级）" if len(steps) > 1 else "")
    if alert.status != AlertStatus.OPEN:
        return note  # acknowledged or resolved: nobody is raised any further
    step = steps[following]
    due = escalation_clock(alert) + step.after
    tier = ESCALATION_TIER_ZH[step.tier]
    if due <= now:
        return f"{note}，即将升级至 {tier}"
    minutes = math.ceil((due - now).total_seconds() / 60)  # 29 分钟, not 28 分钟 27 秒
    return f"{note}，{interval_zh(timedelta(minutes=minutes), 2)}内无人确认将升级至 {tier}"
