"""检索: full-text search over all mentions with filters, sorting and paging."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from core.index.protocol import SortOrder
from core.index.textquery import parse_text_query
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
query, _ = filter_sidebar("search")
cols = st.columns([3, 1])
text = cols[0].text_input(
    "搜索内容（中文子串，空格=并且，-排除）", value=query.text or "", placeholder="例如：退款 -广告"
)
sort = cols[1].selectbox("排序", list(SORTS), format_func=lambda s: SORTS[s])
if parse_text_query(text).unsearchable:
    st.warning("搜索内容里没有可检索的文字：只有汉字、字母和数字能检索，表情和标点不参与检索。")
page = st.number_input("页码", min_value=1, value=1, step=1)
result = search(replace(query, text=text or None, sort=sort, limit=PAGE, offset=(page - 1) * PAGE))
st.caption(f"共找到 {result.total_zh} 条")
mention_cards(result.mentions)
correction_form(result.mentions, "search")
