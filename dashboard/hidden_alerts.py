"""What the 预警中心's 状态 filter leaves out when it lists nothing: a week looked back on (a
replay, or a crisis handled and closed) said 当前没有预警 over 14 resolved alerts hidden by the
default filter (待处理, 已确认), as the 事件 page hid its 已平息 crisis (`hidden_events`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from alerting.enums import ALERT_STATUS_ZH, AlertStatus
from dashboard.hidden_events import add_to_filter


def hidden_alerts_note(hidden: Iterable[AlertStatus]) -> str:
    """The line shown instead of an empty list: how many alerts of each status the filter
    hides (one status per hidden alert) and how to list them."""
    counts = Counter(hidden)
    if not counts:
        return "当前没有预警。"
    ordered = [s for s in AlertStatus if counts[s]]
    kinds = "、".join(f"{counts[s]} 条{ALERT_STATUS_ZH[s]}" for s in ordered)
    return f"所选状态下没有预警；另有 {kinds}的预警，" + add_to_filter(
        ALERT_STATUS_ZH[s] for s in ordered
    )
