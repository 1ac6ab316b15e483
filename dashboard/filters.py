"""The filter sidebar of 实时舆情, 检索 and 舆情分析: time range (rolling, 全部 or 自定义 dates),
plans, channels, regions, sentiment, category, complaint and urgency, as one SearchQuery. The
time range alone (range_choice, chosen_window) is 态势's trend range and 事件's list range too."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import streamlit as st

from brand_events.plan_scope import marked
from core.enums import (
    CATEGORY_LABELS_ZH,
    CHANNEL_LABELS_ZH,
    SENTIMENT_LABELS_ZH,
    SEVERITY_LABELS_ZH,
    Category,
    Channel,
    SentimentLabel,
    Severity,
)
from core.index.protocol import SearchQuery, SortOrder
from dashboard import time_ranges
from dashboard.data import get_context, known_regions, now, rounded, search
from dashboard.time_ranges import ALL, CHOICES, CUSTOM, DEFAULT, RangeError, TimeWindow
from dashboard.widgets import multiselect

RESOLVED_ONLY = "resolved"  # the 是否投诉 choice of praise after a recovery (complaint.resolved)
COMPLAINT_CHOICES: dict[bool | str | None, str] = {
    None: "全部",
    True: "只看投诉",
    False: "排除投诉",
    RESOLVED_ONLY: "只看补救后好评",
}


def filter_sidebar(key: str = "feed", keyword: bool = True) -> tuple[SearchQuery, TimeWindow]:
    """Sidebar filters → (query over the chosen time range, the range with its trend bucket).
    Without `keyword` the sidebar has no 关键词 box (the page has its own search box). A 自定义
    range that cannot be (start after end) is refused in Chinese and the page stops there."""
    ctx = get_context()
    with st.sidebar:
        st.header("筛选", anchor=False)
        label, start, end = range_choice(key)
        text = st.text_input("关键词（空格=并且，-排除）", key=f"{key}-text") if keyword else ""
        plan_names = {p.id: marked(p.name, p.competitor) for p in ctx.config.plans}
        plans = multiselect(
            "监测方案",
            list(plan_names),
            # With competitor plans, the brand's own until a person picks others.
            default=ctx.config.own_plan_ids() or None,
            format_func=lambda p: plan_names[p],
            placeholder="全部",
            key=f"{key}-plans",
        )
        channels = multiselect(
            "渠道",
            list(Channel),
            format_func=lambda c: CHANNEL_LABELS_ZH[c],
            placeholder="全部",
            key=f"{key}-ch",
        )
        chosen = st.session_state.get(f"{key}-region", [])
        regions = multiselect(
            "地区",
            list(dict.fromkeys([*known_regions(), *chosen])),
            placeholder="全部",
            help="作者的 IP 属地；选定地区后，未标注地区的提及不在结果中",
            key=f"{key}-region",
        )
        sentiments = multiselect(
            "情感",
            list(SentimentLabel),
            format_func=lambda s: SENTIMENT_LABELS_ZH[s],
            placeholder="全部",
            key=f"{key}-sent",
        )
        categories = multiselect(
            "投诉类别",
            list(Category),
            format_func=lambda c: CATEGORY_LABELS_ZH[c],
            placeholder="全部",
            key=f"{key}-cat",
        )
        complaint = st.selectbox(
            "是否投诉",
            list(COMPLAINT_CHOICES),
            format_func=COMPLAINT_CHOICES.__getitem__,
            help="投诉判断与情感无关：中性措辞的故障反映也算投诉。"
            "补救后好评：投诉处理好之后的表扬（服务补救见效），不算投诉",
            key=f"{key}-complaint",
            placeholder="请选择",
        )
        levels: list[Severity | None] = [None, *Severity]
        min_urgency = st.selectbox(
            "最低紧急程度",
            levels,
            format_func=lambda u: "全部" if u is None else SEVERITY_LABELS_ZH[u],
            key=f"{key}-urg",
            placeholder="请选择",
        )
    query = SearchQuery(
        text=text or None,
        plans=plans,
        channels=channels,
        regions=regions,
        sentiments=sentiments,
        categories=categories,
        min_urgency=min_urgency,
        complaint=complaint if isinstance(complaint, bool) else None,
        resolved=True if complaint == RESOLVED_ONLY else None,
    )
    window = chosen_window(query, label, start, end)
    return replace(query, since=window.since, until=window.until), window


def range_choice(
    key: str, default: str = DEFAULT, help: str | None = None
) -> tuple[str, date | None, date | None]:
    """The 时间范围 choice where the caller draws it: (label, and a 自定义 range's two dates)."""
    label = st.selectbox(
        "时间范围",
        CHOICES,
        index=CHOICES.index(default),
        help=help,
        key=f"{key}-range",
        placeholder="请选择",
    )
    start, end = custom_dates(key) if label == CUSTOM else (None, None)
    return label, start, end


def chosen_window(
    query: SearchQuery,
    label: str,
    start: date | None,
    end: date | None,
    moment: datetime | None = None,
) -> TimeWindow:
    """The chosen range (time_window); a 自定义 range that cannot be (start after end) is refused
    in Chinese and the page (or the refreshing part) stops there."""
    try:
        return time_window(query, label, start, end, moment)
    except RangeError as exc:
        st.error(str(exc))
        st.stop()


def custom_dates(key: str) -> tuple[date | None, date | None]:
    """The two dates of a 自定义 range (local dates; the last week until changed)."""
    today = now().astimezone(get_context().config.tz).date()
    left, right = st.columns(2)
    start = left.date_input(
        "开始日期", value=today - timedelta(days=6), format="YYYY-MM-DD", key=f"{key}-start"
    )
    end = right.date_input("结束日期", value=today, format="YYYY-MM-DD", key=f"{key}-end")
    return start, end


def time_window(
    query: SearchQuery,
    label: str,
    start: date | None,
    end: date | None,
    moment: datetime | None = None,
) -> TimeWindow:
    """The chosen range; rolling ones start from a rounded `moment` (now, unless a page reads
    another clock, as 事件 reads a replay's data time), so reruns within a few seconds share
    cached counts and charts."""
    moment = moment or now()
    if label == CUSTOM:
        return time_ranges.custom(start, end, get_context().config.tz)
    if label == ALL:  # the bucket fits the data: a bar per month over years of imports
        oldest = search(replace(query, sort=SortOrder.OLDEST, limit=1)).mentions
        return time_ranges.everything(oldest[0].published_at if oldest else None, moment)
    return time_ranges.rolling(label, rounded(moment))


def list_scope(query: SearchQuery, *picks: object) -> str:
    """Which list a page shows, whatever the hour: its query without the start that moves with
    the clock, and whatever else picks the list (the range's label, page size, page)."""
    return "|".join([repr(replace(query, since=None)), *map(str, picks)])
