"""检索: full-text search over all mentions with filters, sorting and paging."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from core.index.protocol import SortOrder
from dashboard.corrections import correction_form
from dashboard.data import search
from dashboard.widgets import filter_sidebar, mention_cards

SORTS = {
    SortOrder.NEWEST: "最新优先",
    SortOrder.URGENCY: "紧急度优先",
    SortOrder.OLDEST: "最早优先",
}
PAGE = 20

st.title("检索")
query, interval = filter_sidebar("search")
cols = st.columns([3, 1])
text = cols[0].text_input(
    "搜索内容（中文子串，空格=并且，-排除）", value=query.text or "", placeholder="例如：退款 -广告"
)
sort = cols[1].selectbox("排序", list(SORTS), format_func=lambda s: SORTS[s])
page = st.number_input("页码", min_value=1, value=1, step=1)
asked = replace(query, text=text or None, sort=sort, limit=PAGE, offset=(page - 1) * PAGE)
result = search(asked)
st.caption(f"共找到 {result.total_zh} 条")
mention_cards(result.mentions)
# The list on screen, whatever the hour: the time range by its step, not its moving start.
correction_form(result.mentions, "search", f"{replace(asked, since=None)!r}|{interval}")
