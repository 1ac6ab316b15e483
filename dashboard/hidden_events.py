"""What the 事件 page's 状态 filter leaves out, said above the list: a week looked back on (a
replayed or past crisis, 已平息 by now) listed two small events and hid the 761-post crisis
that raised 14 alerts, with nothing on the page saying so."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence

from brand_events.enums import EVENT_STATUS_ZH, EventStatus
from dashboard.event_data import EventRow


def hidden_note(rows: Sequence[EventRow], statuses: Collection[EventStatus]) -> str | None:
    """The events of the range that the chosen statuses hide, in one Chinese line naming the
    biggest of them and its alerts, or None when none is hidden (no status chosen: all shown)."""
    hidden = [r for r in rows if statuses and r.status not in statuses]
    if not hidden:
        return None
    by_status = Counter(r.status for r in hidden)
    kinds = "、".join(f"{EVENT_STATUS_ZH[s]} {n} 个" for s, n in by_status.items())
    biggest = max(hidden, key=lambda r: (r.mentions, r.started_at))
    alerts = f"，关联预警 {len(biggest.alerts)} 条" if biggest.alerts else ""
    return (
        f"所选状态之外还有 {len(hidden)} 个事件（{kinds}），其中最大的是"
        f"「{biggest.title}」（{biggest.mentions:,} 条提及{alerts}）："
        + add_to_filter(EVENT_STATUS_ZH[s] for s in by_status)
    )


def add_to_filter(statuses: Iterable[str]) -> str:
    """How to list what a page's 状态 filter hides (its statuses by their Chinese names); the
    事件 and 预警中心 pages say it alike."""
    wanted = "、".join(f"「{status}」" for status in statuses)
    return f"在侧栏「状态」中加入{wanted}即可列出。"
