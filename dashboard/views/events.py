"""事件: open and recent events (status, start, size, negative/complaint share, alerts, growth)."""

from __future__ import annotations

import streamlit as st

from brand_events.enums import EVENT_STATUS_ZH, EventStatus
from brand_events.plan_scope import marked
from core.enums import SEVERITY_LABELS_ZH
from core.escaping import streamlit_text
from core.index.protocol import SearchQuery
from dashboard.data import get_context, rounded
from dashboard.event_data import EventRow, event_clock, event_rows
from dashboard.filters import chosen_window, range_choice
from dashboard.hidden_events import hidden_note
from dashboard.navigation import VIEWS
from dashboard.widgets import badge, multiselect

EVENT_PAGE = VIEWS / "event_detail.py"
SHOWN = [EventStatus.RISING, EventStatus.PEAKING, EventStatus.COOLING, EventStatus.OVER]
STATUS_COLOURS = {
    EventStatus.RISING: "#c92a2a",
    EventStatus.PEAKING: "#e8590c",
    EventStatus.COOLING: "#1971c2",
    EventStatus.OVER: "#868e96",
}
SORTS = {
    "最新开始": lambda r: -r.started_at.timestamp(),
    "提及最多": lambda r: -r.mentions,
    "增长最快": lambda r: -(r.last_hour - r.hour_before),
    "负面占比最高": lambda r: -(r.negative or 0),
    "预警最严重": lambda r: -(r.severity.rank if r.severity else 0),
}

ctx = get_context()
tz = ctx.config.tz
st.title("事件", anchor=False)
st.caption("相似舆情聚合成的事件：同一话题、相同文本或转发/回复关系。点击标题查看事件脉络。")
with st.sidebar:
    st.header("筛选", anchor=False)
    chosen_range = range_choice("events", "最近 7 天", help="列出在这段时间内有新发帖的事件")
    statuses = multiselect(
        "状态",
        SHOWN,
        default=SHOWN[:3],
        format_func=lambda s: EVENT_STATUS_ZH[s],
        placeholder="全部",
        key="events-status",
    )
    order = st.selectbox("排序", list(SORTS), key="events-sort", placeholder="请选择")
    # With competitor plans, the brand's events until a person asks for the competitors' too.
    with_rivals = bool(ctx.config.rival_plan_ids()) and st.toggle(
        "含竞品事件", key="events-rivals", help="竞品是设置中标为「竞品」的监测方案"
    )


def growth(row: EventRow) -> str:
    """Mentions in the last hour against the hour before."""
    change = row.last_hour - row.hour_before
    sign = "+" if change > 0 else ""
    return f"最近一小时 {row.last_hour} 条（{sign}{change}）"


def share(value: float | None) -> str:
    """A share as a percentage, or —."""
    return "—" if value is None else f"{value:.0%}"


def alerts_text(row: EventRow) -> str:
    """The linked alerts' severity, or that there are none."""
    if not row.alerts or row.severity is None:
        return "无关联预警"
    return f"关联预警 {len(row.alerts)} 条（最高 {SEVERITY_LABELS_ZH[row.severity]}）"


def show(row: EventRow, index: int) -> None:
    """One event: title linking to its page, status badge, numbers in one line."""
    with st.container(border=True, key=f"event-row-{index}"):
        head, numbers = st.columns([3, 2])
        head.page_link(
            EVENT_PAGE,
            label=streamlit_text(marked(row.title, row.rival), one_line=True),
            icon=":material/hub:",
            query_params={"event": row.id},
        )
        head.markdown(
            badge(EVENT_STATUS_ZH[row.status], STATUS_COLOURS[row.status])
            + f"<small>开始 {row.started_at.astimezone(tz):%m-%d %H:%M} · 首发 "
            f"{streamlit_text(row.first_author, one_line=True)} · 最近发帖 "
            f"{row.last_at.astimezone(tz):%m-%d %H:%M}"
            "</small>",
            unsafe_allow_html=True,
        )
        numbers.markdown(
            f"**{row.mentions:,}** 条提及 · {row.authors:,} 位作者  \n"
            f"负面 {share(row.negative)} · 投诉 {share(row.complaint)}  \n"
            f"{growth(row)} · {alerts_text(row)}"
        )


moment = rounded(event_clock())  # rounded: reruns within a few seconds share the cached rows
window = chosen_window(SearchQuery(), *chosen_range, moment=moment)
rows = [
    r for r in event_rows(window.since, moment, until=window.until) if with_rivals or not r.rival
]
chosen = [r for r in rows if not statuses or r.status in statuses]
chosen.sort(key=SORTS[order or "最新开始"])
counts = {s: sum(1 for r in rows if r.status == s) for s in SHOWN}
cols = st.columns(len(SHOWN))
for column, status in zip(cols, SHOWN, strict=True):
    column.metric(EVENT_STATUS_ZH[status], counts[status])
if (note := hidden_note(rows, statuses)) is not None:
    st.info(streamlit_text(note, one_line=True), icon=":material/filter_alt:")
if not rows:
    st.info("所选范围内没有事件。事件需至少 5 条提及、3 位作者、1 小时内 3 条以上才会形成。")
for number, row in enumerate(chosen):
    show(row, number)
